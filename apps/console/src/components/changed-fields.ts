import type { FormInstance } from 'antd';

/**
 * The name paths a change touched, down to the value changed: `{ talent: { passportNumber } }` →
 * `talent.passportNumber`; a list (the materials, the correction items) is one value.
 */
export function changedPaths(changed: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (changed === null || typeof changed !== 'object' || Array.isArray(changed) || changed instanceof Date || Object.getPrototypeOf(changed) !== Object.prototype) return [prefix];
  const entries = Object.entries(changed as Record<string, unknown>);
  return entries.length ? entries.flatMap(([key, value]) => changedPaths(value, [...prefix, key])) : [prefix];
}

/**
 * For a form's onValuesChange: what the API said beside a field goes once that field is changed
 * (an upload added to the materials, a corrected passport number), rather than staying beside the
 * fixed value until the next submit. The forms have no rules of their own to re-check it.
 */
export function clearErrorsOnChange(form: FormInstance) {
  return (changed: unknown): void => {
    const touched = changedPaths(changed);
    const within = (name: Array<string | number>) => touched.some((path) => path.length > 0 && path.every((part, i) => String(name[i]) === String(part)));
    const stale = form.getFieldsError().filter((f) => f.errors.length && within(f.name));
    if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
  };
}
