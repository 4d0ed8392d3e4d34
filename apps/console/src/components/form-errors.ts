import type { FormInstance } from 'antd';
import { fieldLabel, fieldPathLabel } from '../../../../libs/i18n/labels';
import { ApiError } from '../api/client';
import type { FieldError } from '../api/views';

/** `talent.passportNumber` or `documents.2.reference` → the form's name path. */
export function namePath(field: string): Array<string | number> {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows the API's answer to a form where it belongs: each named field's message beside that
 * field (the API's own words), and what names no field of this form as the form's message.
 * Returns that message, or undefined when every error found its field.
 */
export function showApiErrors(form: FormInstance, error: unknown, known: (path: Array<string | number>) => Array<string | number> | undefined): string | undefined {
  clearErrors(form);
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const byField = new Map<string, { name: Array<string | number>; errors: string[] }>();
  const rest: FieldError[] = [];
  for (const e of error.fieldErrors) {
    const name = known(namePath(e.field));
    if (!name) {
      rest.push(e);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  // The API's Chinese messages name their field by its label (the path where it has none): such a message is shown as it is.
  const names = (e: FieldError): boolean => e.field === '_form' || e.message.includes(e.field) || e.message.includes(fieldPathLabel(e.field) ?? fieldLabel(e.field));
  if (rest.length) return rest.map((e) => (names(e) ? e.message : `${fieldLabel(e.field)}：${e.message}`)).join('；');
  return byField.size ? undefined : error.message;
}

/** Takes away what the last answer said beside the fields: each answer is shown whole, on its own. */
export function clearErrors(form: FormInstance): void {
  form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] })));
}
