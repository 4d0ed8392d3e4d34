import { Client } from 'pg';
import { chainHash } from '../libs/persistence/audit-chain';
import { brokenDownloads } from '../libs/persistence/material-download-chain';

export interface AuditReport {
  cases: number;
  entries: number;
  broken: Array<{ caseId: string; seq: number; problem: string }>;
}

/**
 * Before the chain hashed entries as stored, text Postgres cannot hold (a lone surrogate) was
 * hashed as sent and stored as U+FFFD: such an entry never matched its hash. Say so, as a
 * possibility to check against the workflow's history, not as an all-clear.
 */
const LEGACY_HINT = ' (it holds U+FFFD: perhaps text Postgres could not store, written before the chain hashed what is stored; compare with the workflow history)';
const holdsReplacement = (r: { actor: string; reason: string | null; detail: unknown }): boolean => `${r.actor}${r.reason ?? ''}${JSON.stringify(r.detail ?? null)}`.includes('\ufffd');

/**
 * Walks every case's timeline in order and recomputes its hash chain: an entry changed, removed
 * or inserted out of turn breaks the chain from that point.
 */
export async function verifyAuditChain(databaseUrl: string, caseId?: string): Promise<AuditReport> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT case_id, seq, at, actor, role, agency, action, reason, detail, prev_hash, hash
         FROM timeline_entries ${caseId ? 'WHERE case_id = $1' : ''} ORDER BY case_id, seq`,
      caseId ? [caseId] : [],
    );
    const report: AuditReport = { cases: 0, entries: rows.length, broken: [] };
    let current = '';
    let prev: string | null = null;
    let expectedSeq = 1;
    for (const r of rows) {
      if (r.case_id !== current) {
        current = r.case_id;
        prev = null;
        expectedSeq = 1;
        report.cases += 1;
      }
      const problem =
        r.seq !== expectedSeq
          ? `entry ${expectedSeq} is missing`
          : r.prev_hash !== prev
            ? 'does not follow the entry before it'
            : chainHash(prev, { caseId: r.case_id, seq: r.seq, at: r.at, actor: r.actor, role: r.role, agency: r.agency, action: r.action, reason: r.reason, detail: r.detail }) !== r.hash
              ? `content does not match its hash${holdsReplacement(r) ? LEGACY_HINT : ''}`
              : undefined;
      if (problem) report.broken.push({ caseId: r.case_id, seq: r.seq, problem });
      prev = r.hash;
      expectedSeq = r.seq + 1;
    }
    return report;
  } finally {
    await db.end();
  }
}

/** Recomputes the chain of material downloads (material_downloads, one chain in seq order): the seqs where it breaks. */
export async function verifyDownloadChain(databaseUrl: string): Promise<{ downloads: number; broken: number[] }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT seq, material_id, case_id, at, actor, role, agency, sha256, prev_hash, hash FROM material_downloads ORDER BY seq`);
    const chain = rows.map((r) => ({
      seq: Number(r.seq),
      materialId: r.material_id as string,
      caseId: r.case_id as string | null,
      at: (r.at as Date).toISOString(),
      actor: r.actor as string,
      role: r.role as string,
      agency: r.agency as string | null,
      sha256: r.sha256 as string,
      prevHash: r.prev_hash as string | null,
      hash: r.hash as string,
    }));
    return { downloads: chain.length, broken: brokenDownloads(chain) };
  } finally {
    await db.end();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL must name the read-model database (npm start prints it)');
    process.exit(2);
  }
  Promise.all([verifyAuditChain(url), verifyDownloadChain(url)])
    .then(([r, d]) => {
      for (const b of r.broken) console.log(`BROKEN ${b.caseId} #${b.seq}: ${b.problem}`);
      for (const seq of d.broken) console.log(`BROKEN material download #${seq}: does not follow the download before it`);
      console.log(`cases: ${r.cases}  entries: ${r.entries}  broken: ${r.broken.length}`);
      console.log(`material downloads: ${d.downloads}  broken: ${d.broken.length}`);
      process.exit(r.broken.length || d.broken.length ? 1 : 0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
