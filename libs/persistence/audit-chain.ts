import { createHash } from 'node:crypto';

/** The fields of a timeline entry the chain covers, in a fixed order. */
export interface ChainedEntry {
  caseId: string;
  seq: number;
  at: string;
  actor: string;
  role: string;
  agency: string | null;
  action: string;
  reason: string | null;
  detail: unknown;
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

/** SHA-256 over the previous entry's hash and this entry's content. */
export function chainHash(prevHash: string | null, e: ChainedEntry): string {
  const body = canonical([prevHash, e.caseId, e.seq, new Date(e.at).toISOString(), e.actor, e.role, e.agency, e.action, e.reason, e.detail ?? null]);
  return createHash('sha256').update(body).digest('hex');
}
