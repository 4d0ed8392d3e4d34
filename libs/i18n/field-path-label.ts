import { FIELD_LABELS } from './labels';

const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(FIELD_LABELS, key);

/**
 * A field's Chinese label by its whole JSON path, as an error message names it: the forms' own
 * labels (FIELD_LABELS, the one source), parents and list items read in order —
 * `talent.passportNumber` → 护照号码, `exportDeclarations.1` → 第2个出口报关单号,
 * `responses.0.materials.1.id` → 第1个补正说明的第2个附件 (an item's `id` is the item itself).
 * Undefined when any part has no label: the caller shows the path as it is.
 */
export function fieldPathLabel(path: string): string | undefined {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  const units: Array<{ name: string; plain: string; index?: number }> = [];
  const names: string[] = [];
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      const last = units[units.length - 1];
      if (!last || last.index !== undefined) return undefined;
      last.index = Number(part);
      continue;
    }
    names.push(part);
    units.push({ name: part, plain: names.join('.') });
  }
  if (units.length > 1 && units[units.length - 1].name === 'id' && units[units.length - 2].index !== undefined) units.pop();
  if (!units.length) return undefined;
  const words: string[] = [];
  let indexed = false;
  let unlabelled = false;
  for (const unit of units) {
    const whole = has(unit.plain) ? FIELD_LABELS[unit.plain] : undefined;
    // A label of the whole path (`talent.passportNumber`) already says its parents, unless a parent is one item of a list.
    if (whole !== undefined && !indexed) {
      words.length = 0;
      unlabelled = false;
    }
    const label = whole ?? (has(unit.name) ? FIELD_LABELS[unit.name] : undefined);
    if (label === undefined) unlabelled = true;
    words.push(unit.index === undefined ? (label ?? '') : `第${unit.index + 1}个${label ?? ''}`);
    if (unit.index !== undefined) indexed = true;
  }
  if (unlabelled) return undefined;
  return words.join('的');
}
