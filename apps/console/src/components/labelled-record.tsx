import { Descriptions, Empty } from 'antd';
import type { ReactNode } from 'react';
import { fieldLabel } from '../../../../libs/i18n/labels';
import { valueLabel } from '../../../../libs/i18n/value-labels';
import { yuan } from '../format';

/** One value in words: 是/否, amounts in yuan, choices by their label, lists one per line. */
export function valueText(field: string, value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return /Yuan$/.test(field) ? yuan(value) : String(value);
  if (typeof value === 'string') return valueLabel(field, value);
  if (Array.isArray(value)) {
    if (!value.length) return '无';
    return (
      <ul className="plain-list">
        {value.map((item, i) => (
          <li key={i}>{typeof item === 'object' && item ? Object.entries(item).map(([k, v]) => `${fieldLabel(`${field}.${k}`)}：${String(valueText(`${field}.${k}`, v))}`).join('，') : String(valueText(field, item))}</li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${fieldLabel(`${field}.${k}`)}：${String(valueText(`${field}.${k}`, v))}`)
      .join('，');
  }
  return String(value);
}

/**
 * A record (a department's shared data, an application) as labelled fields, never as JSON:
 * each field by its Chinese name, each value in words. `highlight` marks fields that disagree.
 */
export function LabelledRecord({
  record,
  prefix = '',
  highlight = [],
  columns = 2,
  testId,
  testIds = {},
  verbatim = [],
}: {
  record: unknown;
  prefix?: string;
  highlight?: string[];
  columns?: number;
  testId?: string;
  /** A test id for the value of a field, by its path. */
  testIds?: Record<string, string>;
  /** Fields whose values are data as given (names, numbers), never codes to translate. */
  verbatim?: string[];
}) {
  if (record === null || record === undefined) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该部门无此企业的记录" />;
  if (typeof record !== 'object' || Array.isArray(record)) return <div data-testid={testId}>{valueText(prefix, record)}</div>;
  const items = Object.entries(record as Record<string, unknown>).map(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const marked = highlight.some((h) => h === path || h === key || h.startsWith(`${path}.`));
    return {
      key,
      label: fieldLabel(path),
      children: (
        <span className={marked ? 'mismatch' : undefined} data-testid={testIds[path]} data-verbatim={verbatim.includes(path) || undefined}>
          {valueText(path, value)}
        </span>
      ),
    };
  });
  return <Descriptions data-testid={testId} size="small" bordered column={{ xs: 1, sm: 1, md: columns }} items={items} />;
}
