import type { KeyboardEvent, MouseEvent } from 'react';
import { navigate } from '../router';

/**
 * A table row that opens something: focusable in the tab order, opened with Enter (or a click),
 * shown focused. A link inside the row stays for a new tab; the row itself is the tab stop.
 */
export function openableRow(href: string) {
  return {
    tabIndex: 0,
    className: 'openable-row',
    'data-href': href,
    onClick: (event: MouseEvent<HTMLElement>) => {
      if ((event.target as HTMLElement).closest('a, button, input, .ant-select, .ant-checkbox')) return;
      navigate(href);
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (event.key === 'Enter' && event.target === event.currentTarget) {
        event.preventDefault();
        navigate(href);
      }
    },
  };
}
