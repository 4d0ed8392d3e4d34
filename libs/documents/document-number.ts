import { DEPARTMENTS, DOCUMENT_NUMBER_PREFIXES, beijingDate, type DepartmentCode } from '../domain';

/** The sequence a document is numbered in: its issuing department's, for the year (Beijing time) it was issued. */
export interface SequenceKey {
  agency: DepartmentCode;
  year: number;
}

/** The year a document issued at `issuedAt` is numbered in: Beijing's, so a notice of 1 January 00:30 counts in the new year. */
export function sequenceKey(agency: DepartmentCode, issuedAt: Date | string): SequenceKey {
  return { agency, year: Number(beijingDate(new Date(issuedAt)).slice(0, 4)) };
}

/** 京科〔2026〕12号: the department's 代字, the year in 六角括号, the sequence number and 号 (GB/T 9704). */
export function formatDocumentNumber({ agency, year }: SequenceKey, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`a document sequence number starts at 1, not ${seq}`);
  return `${DOCUMENT_NUMBER_PREFIXES[agency]}〔${year}〕${seq}号`;
}

/**
 * A 文号 as a verifier types it, in the form it is stored: spaces dropped, full-width Latin
 * letters and digits made half-width, capitals, and the brackets a keyboard has (`[2026]`,
 * `（2026）`, `【2026】`) read as the 六角括号 the number is printed with.
 */
export function normalizeDocumentNumber(typed: string): string {
  return typed
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[[(【〔［]/g, '〔')
    .replace(/[\])】〕］]/g, '〕')
    .toUpperCase();
}

/** Whether a string is a department code (a document's body names its department by code). */
export function isDepartmentCode(value: unknown): value is DepartmentCode {
  return typeof value === 'string' && Object.hasOwn(DEPARTMENTS, value);
}

/**
 * Who signs a document: the department its process names for the kind, else the one its body
 * names (an acceptance notice of the step's agency), else the process's lead agency.
 */
export function issuingAgency(
  contract: { leadAgency: DepartmentCode; documentIssuers?: Readonly<Record<string, DepartmentCode>> } | undefined,
  kind: string,
  body: Record<string, unknown>,
): DepartmentCode {
  return contract?.documentIssuers?.[kind] ?? (isDepartmentCode(body.agency) ? body.agency : undefined) ?? contract?.leadAgency ?? 'service-center';
}
