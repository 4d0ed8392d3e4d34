import type { MaterialRequirement } from '../../../../libs/domain';
import { problem } from '../../../../libs/dto';
import type { FieldProblem } from '../../../../libs/i18n/error-catalogue';

/** A file named in a filing, answer or decision, before it is looked up. */
export interface NamedMaterial {
  kind: string;
  id: string;
}

/**
 * What is wrong with a list of attachments before any is looked up: too many, a kind the
 * definition does not take, a file named twice, a required kind missing. Each problem names its
 * field (`materials`, `materials.2.kind`) as the API's 400s do.
 */
export function attachmentProblems(items: readonly NamedMaterial[], accepted: readonly MaterialRequirement[], maxCount: number, field = 'materials'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (items.length > maxCount) problems.push(problem(field, 'maxMaterials', 'material.tooMany', { field, max: maxCount }));
  const kinds = accepted.map((m) => m.kind);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!kinds.includes(item.kind)) {
      const at = `${field}.${i}.kind`;
      problems.push(problem(at, 'knownMaterialKind', 'material.unknownKind', { field: at, kind: String(item.kind).slice(0, 64), kinds: kinds.length ? kinds : ['（无）'], kindNames: kinds.length ? accepted.map((m) => m.name) : ['（无）'] }));
    }
    if (seen.has(item.id)) {
      const at = `${field}.${i}.id`;
      problems.push(problem(at, 'uniqueMaterial', 'material.duplicate', { field: at, id: item.id }));
    }
    seen.add(item.id);
  });
  const missing = accepted.filter((m) => m.required && !items.some((item) => item.kind === m.kind));
  if (missing.length) problems.push(problem(field, 'requiredMaterials', 'material.required', { field, missing: missing.map((m) => m.name), kinds: missing.map((m) => m.kind) }));
  return problems;
}

/** The filing's `materials` as sent, or the 400 naming what is wrong with its shape. */
export function namedMaterials(value: unknown, field = 'materials'): { items: NamedMaterial[]; problems: FieldProblem[] } {
  if (value === undefined || value === null) return { items: [], problems: [] };
  if (!Array.isArray(value)) return { items: [], problems: [problem(field, 'isArray', 'validation.isArray', { field })] };
  const problems: FieldProblem[] = [];
  const items: NamedMaterial[] = [];
  value.forEach((entry: unknown, i) => {
    const kind = (entry as { kind?: unknown } | null)?.kind;
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof kind !== 'string' || !kind) problems.push(problem(`${field}.${i}.kind`, 'isNotEmpty', 'validation.isDefined', { field: `${field}.${i}.kind` }));
    if (typeof id !== 'string' || !UUID.test(id)) problems.push(problem(`${field}.${i}.id`, 'isUuid', 'material.idFormat', { field: `${field}.${i}.id` }));
    const extra = entry && typeof entry === 'object' ? Object.keys(entry).filter((k) => k !== 'kind' && k !== 'id') : [];
    for (const key of extra) problems.push(problem(`${field}.${i}.${key}`, 'whitelistValidation', 'validation.whitelistValidation', { field: `${field}.${i}.${key}` }));
    if (typeof kind === 'string' && typeof id === 'string') items.push({ kind, id: id.toLowerCase() });
  });
  return { items, problems };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type FileReference = Record<string, unknown> & { kind: string; name: string; sha256: string };

const isFileReference = (v: unknown): v is FileReference => {
  const o = v as Record<string, unknown> | null;
  return !!o && typeof o === 'object' && typeof o.kind === 'string' && typeof o.name === 'string' && typeof o.sha256 === 'string';
};

/**
 * A copy of a view with each file reference in it (anything with kind, name and SHA-256, wherever
 * it is listed) replaced by what `each` answers for it, or left out where it answers undefined.
 * A `materials` list emptied that way is dropped: the line reads as one without files.
 */
function mapFileReferences<T>(value: T, each: (file: FileReference) => FileReference | undefined): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.flatMap((x) => (isFileReference(x) ? (each(x) ?? []) : [walk(x)]));
    // Dates and bytes are leaves (walking them would turn them into {}).
    if (!v || typeof v !== 'object' || v instanceof Date || ArrayBuffer.isView(v)) return v;
    if (isFileReference(v)) return each(v);
    const o = v as Record<string, unknown>;
    const out = Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
    if (Array.isArray(out.materials) && !out.materials.length && Array.isArray(o.materials) && o.materials.length) delete out.materials;
    return out;
  };
  return walk(value) as T;
}

/**
 * A personal document's file name may itself be personal ("Anna Schmidt 护照.pdf"): for a viewer
 * who sees the case's personal data masked, every reference to such a file anywhere in a view (the
 * application's materials, the timeline's) shows the material's own name with the file's
 * extension instead. The SHA-256, size and type stay: they identify the file, not the person.
 */
export function maskPersonalFileNames<T>(value: T, requirements: readonly MaterialRequirement[]): T {
  const personal = new Map(requirements.filter((m) => m.personal).map((m) => [m.kind, m.name]));
  if (!personal.size) return value;
  return mapFileReferences(value, (file) => {
    const masked = personal.get(file.kind);
    return masked === undefined ? { ...file } : { ...file, name: `${masked}${/\.[a-z0-9]{1,5}$/i.exec(file.name)?.[0] ?? ''}` };
  });
}

/**
 * What an applicant is shown of a view: every reference to an official's internal working paper
 * (专家意见) taken out, wherever it is listed (a decision's entry on the timeline). The entry
 * itself stays: that a decision was made is the applicant's to see.
 */
export function withoutInternalFiles<T>(value: T, requirements: readonly MaterialRequirement[]): T {
  const internal = new Set(requirements.filter((m) => m.internal).map((m) => m.kind));
  if (!internal.size) return value;
  return mapFileReferences(value, (file) => (internal.has(file.kind) ? undefined : { ...file }));
}
