import { Input, Select } from 'antd';
import { useState } from 'react';
import { COLOUR_LABELS } from '../../../../libs/i18n/labels';
import type { SlaColour } from '../api/views';
import { useRegistry } from '../registry';

/**
 * The filters every list of cases or steps offers, one of each so the worklists, the supervision
 * lists and the case search look and behave alike. Each reports a query value (undefined for
 * "all"), which the page puts in its address.
 */

/** The search box: 受理编号, enterprise name or credit code. What is typed waits for Enter or the button. */
export function SearchFilter({ query, onSearch, testId }: { query?: string; onSearch: (q?: string) => void; testId?: string }) {
  const [typed, setTyped] = useState(query ?? '');
  // Cleared or changed by the address (清除条件, back): the box shows what is searched (React's
  // way of adjusting state to a prop, during render rather than in an effect).
  const [searched, setSearched] = useState(query);
  if (searched !== query) {
    setSearched(query);
    setTyped(query ?? '');
  }
  return (
    <Input.Search
      aria-label="搜索受理编号、企业名称或统一社会信用代码"
      placeholder="受理编号 / 企业名称 / 信用代码"
      allowClear
      value={typed}
      onChange={(e) => setTyped(e.target.value)}
      onSearch={(value) => onSearch(value.trim() || undefined)}
      className="filter-search"
      data-testid={testId}
    />
  );
}

/** The process (事项), from the registry. */
export function ProcessFilter({ value, onChange }: { value?: string; onChange: (process?: string) => void }) {
  const registry = useRegistry();
  return <Select aria-label="事项" placeholder="全部事项" allowClear className="filter-select" value={value} options={registry.processes.map((p) => ({ value: p.code, label: p.names.zh }))} onChange={onChange} />;
}

const COLOURS: SlaColour[] = ['red', 'yellow', 'green'];

/** The SLA colours, several at once; in the address as `red,yellow`. */
export function ColourFilter({ value, onChange, testId }: { value?: string; onChange: (colour?: string) => void; testId?: string }) {
  return (
    <Select
      aria-label="时限状态"
      placeholder="全部时限状态"
      allowClear
      mode="multiple"
      className="filter-select-wide"
      value={value?.split(',')}
      options={COLOURS.map((c) => ({ value: c, label: COLOUR_LABELS[c] }))}
      onChange={(colours: string[]) => onChange(colours.length ? colours.join(',') : undefined)}
      data-testid={testId}
    />
  );
}
