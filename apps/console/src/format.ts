/** Dates and amounts as people in Beijing read them: Beijing time (UTC+8), yuan with separators. */

const BEIJING_MS = 8 * 3600 * 1000;

/** `2026-03-02 14:05` in Beijing time. */
export function dateTime(iso: string | undefined): string {
  if (!iso) return '';
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? '' : new Date(t + BEIJING_MS).toISOString().replace('T', ' ').slice(0, 16);
}

/** `2026-03-02` in Beijing time. */
export function dateOnly(iso: string | undefined): string {
  return dateTime(iso).slice(0, 10);
}

/** Today's date in Beijing. */
export const beijingToday = (): string => new Date(Date.now() + BEIJING_MS).toISOString().slice(0, 10);

/** Calendar days from `from` to `to` (YYYY-MM-DD), positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const yuan = (amount: number | undefined): string => (amount === undefined ? '' : `${amount.toLocaleString('zh-CN')} 元`);

export const PROVISIONAL_NOTE =
  '暂定：该期限涉及国务院办公厅尚未公布节假日安排的年份，暂按《全国年节及纪念日放假办法》规定的法定节假日计算（不含调休）；正式安排载入后将自动调整。';
