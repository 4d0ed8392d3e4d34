import countries from 'i18n-iso-countries';
import zh from 'i18n-iso-countries/langs/zh.json';

countries.registerLocale(zh);

/**
 * Nationalities as a passport's machine-readable zone writes them (ICAO 9303: ISO 3166-1
 * alpha-3), named in Chinese: the list and the names come from i18n-iso-countries (MIT), so no
 * country is written by hand.
 */
export const NATIONALITY_CODES: readonly string[] = Object.keys(countries.getAlpha3Codes()).sort();

/**
 * Not foreign: citizens of China, and residents of Hong Kong, Macao and Taiwan, who hold no
 * foreigner's work permit (港澳台居民 have their own procedures).
 */
export const NOT_FOREIGN_NATIONALITIES: readonly string[] = ['CHN', 'HKG', 'MAC', 'TWN'];

/** 德国 for DEU; the code itself for one the library does not know. */
export function nationalityName(code: string): string {
  return countries.getName(code, 'zh') ?? code;
}

/** Every code with its Chinese name: a value-label catalogue like the others. */
export const NATIONALITY_LABELS: Readonly<Record<string, string>> = Object.fromEntries(NATIONALITY_CODES.map((code) => [code, nationalityName(code)]));
