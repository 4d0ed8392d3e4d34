import { DEPARTMENTS, DOCUMENT_NUMBER_PREFIXES } from '../domain';
import { formatDocumentNumber, issuingAgency, normalizeDocumentNumber, sequenceKey } from './document-number';

describe('文号', () => {
  it('is the department’s 代字, the year in 六角括号, the sequence and 号', () => {
    expect(formatDocumentNumber({ agency: 'zgc', year: 2026 }, 12)).toBe('京科〔2026〕12号');
    expect(formatDocumentNumber({ agency: 'service-center', year: 2027 }, 1)).toBe('京政服〔2027〕1号');
  });

  it('refuses a sequence number that is not a positive integer', () => {
    expect(() => formatDocumentNumber({ agency: 'zgc', year: 2026 }, 0)).toThrow(RangeError);
    expect(() => formatDocumentNumber({ agency: 'zgc', year: 2026 }, 1.5)).toThrow(RangeError);
  });

  it('gives every department its own, distinct 代字', () => {
    expect(Object.keys(DOCUMENT_NUMBER_PREFIXES).sort()).toEqual(Object.keys(DEPARTMENTS).sort());
    const prefixes = Object.values(DOCUMENT_NUMBER_PREFIXES);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    // No prefix is another's beginning followed by 〔: numbers of two departments can never read alike.
    for (const p of prefixes) expect(p).toMatch(/^[\u4e00-\u9fff]+$/);
  });
});

describe('the sequence a document is numbered in', () => {
  it('is its department’s, for the Beijing year it was issued in', () => {
    expect(sequenceKey('zgc', '2026-12-31T15:59:59.000Z')).toEqual({ agency: 'zgc', year: 2026 });
    // 1 January 00:00 in Beijing is still 31 December in UTC.
    expect(sequenceKey('zgc', '2026-12-31T16:00:00.000Z')).toEqual({ agency: 'zgc', year: 2027 });
    expect(sequenceKey('tax', new Date('2026-06-01T00:00:00Z'))).toEqual({ agency: 'tax', year: 2026 });
  });

  it('is signed by the kind’s department, else the one the body names, else the lead agency', () => {
    const listing = { leadAgency: 'finance-regulator' as const, documentIssuers: { 'compliance-report': 'service-center' as const } };
    expect(issuingAgency(listing, 'compliance-report', { agency: 'csrc' })).toBe('service-center');
    expect(issuingAgency(listing, 'acceptance-notice', { agency: 'csrc' })).toBe('csrc');
    expect(issuingAgency(listing, 'decision-notice', { agency: 'no-such-department' })).toBe('finance-regulator');
    expect(issuingAgency(listing, 'decision-notice', {})).toBe('finance-regulator');
  });
});

describe('a 文号 as a verifier types it', () => {
  it('reads keyboard brackets, spaces and full-width forms as the printed number', () => {
    const printed = '京科〔2026〕12号';
    for (const typed of [' 京科〔2026〕12号 ', '京科[2026]12号', '京科（2026）12号', '京科【２０２６】１２号', '京科 (2026) 12 号']) {
      expect(normalizeDocumentNumber(typed)).toBe(printed);
    }
  });

  it('is case-insensitive for the letters a number may hold', () => {
    expect(normalizeDocumentNumber('gr20261100001')).toBe('GR20261100001');
  });
});
