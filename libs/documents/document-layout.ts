import { DEPARTMENTS, beijingDate, type DepartmentCode } from '../domain';
import { isSealed } from '../persistence/personal-data-seal';
import { COMPLIANCE_STATUS_LABELS, PAUSE_REASON_LABELS, DOCUMENT_FIELD_LABELS, DOCUMENT_HIDDEN_FIELDS, FIELD_LABELS, departmentLabel, enumLabel } from '../i18n/labels';

/** An issued document as the read model holds it, numbered. */
export interface IssuedDocument {
  id: string;
  kind: string;
  title: string;
  issuedAt: Date | string;
  body: Record<string, unknown>;
  /** 文号. */
  number: string;
  issuer: DepartmentCode;
}

/** What the PDF says besides the document's own data: to whom, what kind, under what law, where to verify it. */
export interface DocumentContext {
  /** The enterprise it is addressed to (an employer for 两证联办): never a person. */
  enterpriseName: string;
  creditCode?: string;
  /** The kind's Chinese name (the registry's documentKinds). */
  kindName: string;
  /** The process's legal basis, when the document's data names none. */
  legalBasis?: string;
  /** The public verification page for this document: what its QR code opens. */
  verifyUrl: string;
}

/** One line of the body: a label and its text. */
export interface LayoutField {
  label: string;
  value: string;
}

/** A list of like records (the 12 departments' answers): column heads and rows. */
export interface LayoutTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

/** Everything the PDF prints, as plain text, in order: the renderer only places it. */
export interface DocumentLayout {
  agency: string;
  number: string;
  title: string;
  kindName: string;
  addressee: string;
  creditCode?: string;
  fields: LayoutField[];
  tables: LayoutTable[];
  basis?: string;
  /** 2026年3月5日 (Beijing). */
  date: string;
  verifyUrl: string;
  /** For the PDF's metadata, so the same document gives the same bytes. */
  issuedAt: Date;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 2026年3月5日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2026年3月5日 14:05 (Beijing). */
function chineseInstant(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${chineseDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** A field's label: the documents' own catalogue by path, then by name, then the forms'; never the code itself. */
export function documentFieldLabel(path: string): string {
  const own = path.split('.').pop() ?? path;
  return DOCUMENT_FIELD_LABELS[path] ?? DOCUMENT_FIELD_LABELS[own] ?? FIELD_LABELS[path] ?? FIELD_LABELS[own] ?? '附注';
}

/** A value as people read it: dates in Chinese, yes/no, amounts with separators, codes by their names. */
export function documentValue(path: string, value: unknown): string {
  const own = path.split('.').pop() ?? path;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return /Yuan$/.test(own) ? value.toLocaleString('zh-CN') : String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => documentValue(path, v)).join('；') : '无';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !DOCUMENT_HIDDEN_FIELDS.nested.has(k))
      .map(([k, v]) => `${documentFieldLabel(`${path}.${k}`)}：${documentValue(`${path}.${k}`, v)}`)
      .join('，');
  }
  const text = String(value);
  // Personal data is sealed in the read model; a paper anyone with the case may download never prints it.
  if (isSealed(text)) return '（个人信息，不予显示）';
  if (ISO_INSTANT.test(text)) return chineseInstant(text);
  if (ISO_DATE.test(text)) return chineseDate(text);
  if (['agency', 'department', 'issuer'].includes(own) && Object.hasOwn(DEPARTMENTS, text)) return departmentLabel(text);
  if (own === 'status' && COMPLIANCE_STATUS_LABELS[text]) return COMPLIANCE_STATUS_LABELS[text];
  // A period left out of the limit (不计入办理期限告知书) names its kind.
  if (own === 'kind' && Object.hasOwn(PAUSE_REASON_LABELS, text)) return PAUSE_REASON_LABELS[text as keyof typeof PAUSE_REASON_LABELS];
  return enumLabel(path, text);
}

const isRecordList = (value: unknown): value is Array<Record<string, unknown>> =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));

/** A list of records as a table: one column per field any of them has (ids and codes left out). */
function tableOf(path: string, records: Array<Record<string, unknown>>): LayoutTable {
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => !DOCUMENT_HIDDEN_FIELDS.nested.has(k));
  return {
    caption: documentFieldLabel(path),
    columns: keys.map((k) => documentFieldLabel(`${path}.${k}`)),
    rows: records.map((r) => keys.map((k) => (k === 'findings' && Array.isArray(r[k]) && r[k].length === 0 ? '无' : documentValue(`${path}.${k}`, r[k])))),
  };
}

/**
 * The PDF's content from the document the workflow recorded: its fields in their order, with
 * Chinese labels and values; lists of records (the compliance answers) as tables. Pure, so the
 * same document always lays out the same.
 */
export function layoutDocument(doc: IssuedDocument, context: DocumentContext): DocumentLayout {
  const fields: LayoutField[] = [];
  const tables: LayoutTable[] = [];
  for (const [key, value] of Object.entries(doc.body)) {
    if (DOCUMENT_HIDDEN_FIELDS.top.has(key)) continue;
    if (isRecordList(value)) tables.push(tableOf(key, value));
    else fields.push({ label: documentFieldLabel(key), value: documentValue(key, value) });
  }
  const issuedAt = new Date(doc.issuedAt);
  const basis = typeof doc.body.basis === 'string' && doc.body.basis ? doc.body.basis : context.legalBasis;
  return {
    agency: departmentLabel(doc.issuer),
    number: doc.number,
    title: doc.title,
    kindName: context.kindName,
    addressee: context.enterpriseName,
    creditCode: context.creditCode,
    fields,
    tables,
    basis,
    date: chineseDate(beijingDate(issuedAt)),
    verifyUrl: context.verifyUrl,
    issuedAt,
  };
}

/** The public verification page of a document, by its 文号: what the QR code on it opens. */
export function verifyUrlFor(publicBaseUrl: string, number: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/console/#/verify/${encodeURIComponent(number)}`;
}
