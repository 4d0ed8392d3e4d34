/** Drops what was left empty: an optional group with nothing filled in is not sent at all. */
export function pruned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruned);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, pruned(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return value ?? undefined;
}

/**
 * Whether anything of an optional section has been filled in (an unticked box is not): only
 * then are the fields it requires marked required, since an empty section is not sent at all.
 */
export function anyFilled(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(anyFilled);
  if (value && typeof value === 'object') return Object.values(value).some(anyFilled);
  if (value === false) return false;
  return pruned(value) !== undefined;
}

/** The value at a form path, if any. */
export function valueAt(values: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string | number, unknown>)[key] : undefined), values);
}
