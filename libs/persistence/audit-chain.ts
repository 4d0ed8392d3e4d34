import { createHash } from 'node:crypto';
import { storableText, storedJson, storedVarchar } from './storable-text';

/** The fields of a timeline entry the chain covers, in a fixed order. */
export interface ChainedEntry {
  caseId: string;
  seq: number;
  /** ISO instant (audit:verify hands in the Date the driver reads back). */
  at: string;
  actor: string;
  role: string;
  agency: string | null;
  action: string;
  reason: string | null;
  detail: unknown;
}

/** Column widths of timeline_entries (migration 1764057600000-read-model). */
const WIDTH = { caseId: 200, actor: 100, role: 16, agency: 64, action: 64 } as const;

/**
 * What Postgres will hold for an entry: text made storable (NUL and lone surrogates as U+FFFD),
 * varchar cut to its column, the instant at millisecond precision (as the driver reads it back),
 * detail as jsonb keeps it. Hashing this, rather than the value handed in, is what lets
 * audit:verify recompute the same hash from the row; writing it keeps a case from sticking on
 * text the database refuses.
 */
export function storedEntry(e: ChainedEntry): ChainedEntry {
  const optional = (v: string | null | undefined, width?: number): string | null =>
    v === null || v === undefined ? null : width ? storedVarchar(String(v), width) : storableText(String(v));
  return {
    caseId: storedVarchar(String(e.caseId), WIDTH.caseId),
    seq: e.seq,
    at: new Date(e.at).toISOString(),
    actor: storedVarchar(String(e.actor), WIDTH.actor),
    role: storedVarchar(String(e.role), WIDTH.role),
    agency: optional(e.agency, WIDTH.agency),
    action: storedVarchar(String(e.action), WIDTH.action),
    reason: optional(e.reason),
    detail: storedJson(e.detail ?? null),
  };
}

/** Canonical JSON: keys sorted at every level, so the same content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * SHA-256 over the previous entry's hash and this entry's content as stored. For every entry
 * Postgres held exactly before (all of them, unless one broke the chain) this is the same hash
 * as before: existing chains verify unchanged.
 */
export function chainHash(prevHash: string | null, entry: ChainedEntry): string {
  const e = storedEntry(entry);
  const body = canonical([prevHash, e.caseId, e.seq, e.at, e.actor, e.role, e.agency, e.action, e.reason, e.detail]);
  return createHash('sha256').update(body).digest('hex');
}
