import { createHash } from 'node:crypto';

/** One row of material_downloads as the chain covers it. */
export interface MaterialDownload {
  materialId: string;
  caseId: string | null;
  /** ISO instant, millisecond precision (as the driver reads it back). */
  at: string;
  actor: string;
  role: string;
  agency: string | null;
  sha256: string;
}

/**
 * SHA-256 over the previous download's hash and this one's fields, in a fixed order: the
 * downloads form one chain (in seq order), so a row removed or changed around the append-only
 * trigger breaks every hash after it.
 */
export function downloadHash(prevHash: string | null, d: MaterialDownload): string {
  const body = JSON.stringify([prevHash, d.materialId, d.caseId, new Date(d.at).toISOString(), d.actor, d.role, d.agency, d.sha256]);
  return createHash('sha256').update(body).digest('hex');
}

/** The seqs of rows whose hash does not follow from the row before (empty: the chain holds). */
export function brokenDownloads(rows: Array<MaterialDownload & { seq: number; prevHash: string | null; hash: string }>): number[] {
  const broken: number[] = [];
  let prev: string | null = null;
  for (const row of rows) {
    if (row.prevHash !== prev || downloadHash(prev, row) !== row.hash) broken.push(row.seq);
    prev = row.hash;
  }
  return broken;
}
