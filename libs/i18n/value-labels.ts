import { enumLabel } from './labels';
import { nationalityName } from './nationalities';

/**
 * A chosen value in Chinese, as forms offer it and case pages show it: a nationality by its
 * country's name (德国 for DEU), anything else from the catalogues (enumLabel). Kept apart from
 * labels.ts, which workflows reach through the error catalogue: the country list stays out of
 * their bundle.
 */
export function valueLabel(field: string, value: string): string {
  const own = field.replace(/\[\d+\]/g, '').split('.').pop();
  return own === 'nationality' ? nationalityName(value) : enumLabel(field, value);
}
