/**
 * Ages and spans counted on the calendar, as people count them, never as a number of days
 * divided by 365.25 or 183: a rule that says "18 years old" or "six months" must hold on the
 * birthday or the same day six months on, whatever the leap years in between.
 */

const parse = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];
const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** The same month and day `years` later; 29 February rolls to 1 March (as `firstAnniversary`). */
export function yearsAfter(date: string, years: number): string {
  const [y, m, d] = parse(date);
  return iso(new Date(Date.UTC(y + years, m - 1, d)));
}

/** The same day `months` later; a day the month lacks is its last day (31 August + 6 months = end of February). */
export function monthsAfter(date: string, months: number): string {
  const [y, m, d] = parse(date);
  const lastOfMonth = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastOfMonth))));
}

/** Age in completed years on `date`: one more on each birthday (29 February's on 1 March). */
export function ageOn(birthDate: string, date: string): number {
  const [by] = parse(birthDate);
  const [y] = parse(date);
  let age = y - by;
  if (yearsAfter(birthDate, age) > date) age -= 1;
  return age;
}
