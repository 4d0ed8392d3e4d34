import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { enumLabel, fieldLabel } from '../../../../libs/i18n/labels';
import { valueLabel } from '../../../../libs/i18n/value-labels';
import type { ProcessInfo } from '../api/views';
import { clearErrorsOnChange } from './changed-fields';
import { anyFilled, pruned, valueAt } from './filled';
import { showApiErrors } from './form-errors';
import { MaterialsField, type UploadedMaterial } from './materials-field';

/** A JSON Schema as GET /processes publishes it: only what a form needs to read. */
interface Schema {
  type?: string;
  format?: string;
  enum?: Array<string | number>;
  /** What the value may not be (class-validator's NotIn): `{ enum: [...] }`. */
  not?: { enum?: Array<string | number> };
  maxLength?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  $ref?: string;
  example?: unknown;
}

type Path = Array<string | number>;

/**
 * An application form drawn from its process's JSON Schema (GET /processes): the same rules
 * the API validates with. No rule is checked here a second time: the form sends what was typed,
 * and the API's answer puts each message beside its field (`showApiErrors`).
 */
export function SchemaForm({
  process,
  prefill,
  submitLabel = '提交申请',
  onSubmit,
}: {
  process: ProcessInfo;
  /** Values to start from, by field name anywhere in the form (the applicant's credit code). */
  prefill: Record<string, unknown>;
  submitLabel?: string;
  onSubmit: (application: Record<string, unknown>) => Promise<void>;
}) {
  const [form] = Form.useForm();
  // What is typed so far: an optional section marks its own required fields only once it is filled.
  const typed = Form.useWatch((values: Record<string, unknown>) => values, form);
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const root = process.form as unknown as Schema & { $defs?: Record<string, Schema> };
  const resolve = (schema: Schema): Schema => {
    const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
    return ref ? (root.$defs?.[ref.split('/').pop()!] ?? schema) : schema;
  };

  // The fields the form has, by name path: an error naming a deeper path lands on the nearest one.
  const fields: Path[] = [];
  const knownPath = (path: Path): Path | undefined => {
    for (let n = path.length; n > 0; n -= 1) {
      const head = path.slice(0, n);
      if (fields.some((f) => JSON.stringify(f) === JSON.stringify(head))) return head;
    }
    return undefined;
  };

  const initial: Record<string, unknown> = {};
  const setInitial = (path: Path, value: unknown) => {
    let at = initial;
    path.slice(0, -1).forEach((p) => (at = (at[p] ??= {}) as Record<string, unknown>));
    at[path[path.length - 1]] = value;
  };

  /**
   * `required`: marked required (a red *); `conditional`: required by the schema inside an optional
   * section still empty, so neither marked required nor called 选填 (the section's help says when).
   */
  const render = (schema: Schema, path: Path, required: boolean, conditional = false): ReactNode => {
    const own = resolve(schema);
    const name = String(path[path.length - 1]);
    const dotted = path.join('.');
    const label = fieldLabel(dotted);
    const optional = required || conditional ? '' : '（选填）';
    if (own.properties) {
      const requiredHere = new Set(own.required ?? []);
      // An optional section (研发费用（选填）) is sent only when something in it is filled in.
      const open = required || anyFilled(valueAt(typed ?? initial, path));
      const needed = Object.keys(own.properties).filter((child) => requiredHere.has(child));
      return (
        <fieldset key={dotted} className="form-group">
          <legend>
            {label}
            {optional}
          </legend>
          {!required && !conditional && needed.length ? (
            <Typography.Paragraph type="secondary" className="form-group-help" data-testid={`help-${path.join('-')}`}>
              可整项不填；填写其中任一项后，{needed.map((child) => fieldLabel(`${dotted}.${child}`)).join('、')}须一并填写。
            </Typography.Paragraph>
          ) : null}
          {Object.entries(own.properties).map(([child, s]) => render(s, [...path, child], requiredHere.has(child) && open, requiredHere.has(child) && !open))}
        </fieldset>
      );
    }
    fields.push(path);
    const itemProps = { name: path, label: `${label}${optional}`, required, className: `field field-${path.join('-')}`, key: dotted };
    if (own.type === 'array' && own.items) {
      const item = resolve(own.items);
      const choice = Object.entries(item.properties ?? {}).find(([, s]) => s.enum);
      if (choice) {
        const [choiceName, choiceSchema] = choice;
        const other = Object.keys(item.properties ?? {}).find((k) => k !== choiceName);
        // Every choice ticked to start with.
        if (prefill[name] === undefined) setInitial(path, choiceSchema.enum!.map((value) => ({ [choiceName]: value, ...(other ? { [other]: '' } : {}) })));
        return (
          <Form.Item {...itemProps}>
            <ChecklistField field={`${dotted}.${choiceName}`} choiceName={choiceName} referenceName={other} options={choiceSchema.enum!.map(String)} />
          </Form.Item>
        );
      }
    }
    if (prefill[name] !== undefined) setInitial(path, prefill[name]);
    if (own.type === 'array' && own.items && resolve(own.items).type === 'string') {
      // A list of short codes (export declaration numbers): typed one after another, each a tag.
      return (
        <Form.Item {...itemProps}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ', '；', ';']} placeholder="逐项输入，按回车或逗号分隔" />
        </Form.Item>
      );
    }
    if (own.type === 'boolean') {
      if (prefill[name] === undefined) setInitial(path, false);
      return (
        <Form.Item {...itemProps} label={undefined} required={false} valuePropName="checked">
          <Checkbox>{label}</Checkbox>
        </Form.Item>
      );
    }
    if (own.enum) {
      // A value the schema also rules out (`not: {enum}`: 中国 for a foreign talent's nationality) is no choice.
      const excluded = new Set(own.not?.enum ?? []);
      const options = own.enum.filter((value) => !excluded.has(value)).map((value) => ({ value, label: valueLabel(dotted, String(value)) }));
      // A long list (the countries) is searched by typing its Chinese name.
      const searchable = options.length > 12;
      return (
        <Form.Item {...itemProps}>
          <Select options={options} placeholder={searchable ? '请选择或输入搜索' : '请选择'} allowClear={!required} showSearch={searchable ? { optionFilterProp: 'label' } : false} />
        </Form.Item>
      );
    }
    if (own.format === 'date') {
      return (
        <Form.Item {...itemProps} getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : undefined })} normalize={(value: Dayjs | null) => value?.format('YYYY-MM-DD')}>
          <DatePicker className="full-width" placeholder="选择日期" />
        </Form.Item>
      );
    }
    if (own.type === 'integer' || own.type === 'number') {
      return (
        <Form.Item {...itemProps}>
          <InputNumber className="full-width" controls={false} placeholder={own.example !== undefined ? `例：${String(own.example)}` : undefined} />
        </Form.Item>
      );
    }
    return (
      <Form.Item {...itemProps}>
        <Input maxLength={own.maxLength} placeholder={own.example !== undefined ? `例：${String(own.example)}` : undefined} autoComplete="off" />
      </Form.Item>
    );
  };

  const requiredAtRoot = new Set(root.required ?? []);
  const body = Object.entries(root.properties ?? {}).map(([name, schema]) => render(schema, [name], requiredAtRoot.has(name)));
  // The files the process names, each uploaded as it is chosen; the filing carries their ids.
  const materials = process.materials?.filing ?? [];
  if (materials.length) fields.push(['materials']);

  const submit = async (values: Record<string, unknown>) => {
    setFormError(undefined);
    setBusy(true);
    try {
      const { materials: uploaded, ...application } = values as { materials?: UploadedMaterial[] };
      const filed = pruned(application) as Record<string, unknown>;
      await onSubmit(materials.length ? { ...filed, materials: (uploaded ?? []).map(({ kind, id }) => ({ kind, id })) } : filed);
    } catch (error) {
      setFormError(showApiErrors(form, error, knownPath));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onValuesChange={clearErrorsOnChange(form)} onFinish={(values) => void submit(values)} className="schema-form" scrollToFirstError>
      {body}
      {materials.length ? (
        <fieldset className="form-group">
          <legend>申请材料（附件）</legend>
          <Form.Item name={['materials']} className="field field-materials" required={materials.some((m) => m.required)}>
            <MaterialsField process={process.code} materials={materials} />
          </Form.Item>
        </fieldset>
      ) : null}
      {formError ? <Alert type="error" showIcon title={formError} className="form-error" role="alert" data-testid="form-error" /> : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="submit">
          {submitLabel}
        </Button>
      </Space>
    </Form>
  );
}

type Chosen = Array<Record<string, unknown>>;

/** A list of choices, each ticked or not, each ticked one with its own reference (the talent's documents). */
function ChecklistField({
  field,
  choiceName,
  referenceName,
  options,
  value = [],
  onChange,
  id,
}: {
  field: string;
  choiceName: string;
  referenceName?: string;
  options: string[];
  value?: Chosen;
  onChange?: (value: Chosen) => void;
  id?: string;
}) {
  const chosen = (option: string) => value.find((v) => v[choiceName] === option);
  const toggle = (option: string, on: boolean) =>
    onChange?.(on ? [...value, { [choiceName]: option, ...(referenceName ? { [referenceName]: '' } : {}) }] : value.filter((v) => v[choiceName] !== option));
  const setReference = (option: string, reference: string) => onChange?.(value.map((v) => (v[choiceName] === option && referenceName ? { ...v, [referenceName]: reference } : v)));
  return (
    <div className="checklist" id={id} role="group">
      {options.map((option) => {
        const entry = chosen(option);
        return (
          <div key={option} className="checklist-row">
            <Checkbox checked={Boolean(entry)} onChange={(e) => toggle(option, e.target.checked)}>
              {enumLabel(field, option)}
            </Checkbox>
            {entry && referenceName ? (
              <Input
                size="small"
                className="checklist-reference"
                aria-label={`${enumLabel(field, option)}：${fieldLabel(`${field.split('.')[0]}.${referenceName}`)}`}
                value={String(entry[referenceName] ?? '')}
                onChange={(e) => setReference(option, e.target.value)}
              />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
