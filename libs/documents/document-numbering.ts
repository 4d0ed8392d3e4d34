import type { DepartmentCode } from '../domain';
import { formatDocumentNumber, sequenceKey } from './document-number';

/** Anything that runs SQL in the caller's transaction (a TypeORM EntityManager or QueryRunner). */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as TypeORM's own query() returns
  query(sql: string, params?: unknown[]): Promise<any>;
}

export interface Unnumbered {
  id: string;
  issuer: DepartmentCode;
  issuedAt: Date | string;
}

/**
 * Gives each document its 文号 from its issuer's yearly counter, inside the caller's transaction:
 * the counter row stays locked until it commits, so two cases never get the same number, and a
 * rollback gives the number back (no gaps). Counters are taken in one order, so two projections
 * numbering documents of the same departments cannot deadlock. Only documents still without a
 * number are numbered (the row is locked first), so calling it again changes nothing.
 */
export async function numberDocuments(db: Queryable, documents: readonly Unnumbered[]): Promise<void> {
  const keyed = documents.map((d) => ({ ...d, key: sequenceKey(d.issuer, d.issuedAt) }));
  keyed.sort((a, b) => a.key.agency.localeCompare(b.key.agency) || a.key.year - b.key.year || String(a.issuedAt).localeCompare(String(b.issuedAt)) || a.id.localeCompare(b.id));
  for (const d of keyed) {
    const [row] = await db.query(`SELECT number FROM documents WHERE id = $1 FOR UPDATE`, [d.id]);
    if (!row || row.number) continue;
    const [{ last }] = await db.query(
      `INSERT INTO document_counters AS c (agency, year, last) VALUES ($1, $2, 1) ON CONFLICT (agency, year) DO UPDATE SET last = c.last + 1 RETURNING last`,
      [d.key.agency, d.key.year],
    );
    await db.query(`UPDATE documents SET issuer = $2, number_year = $3, number_seq = $4, number = $5 WHERE id = $1`, [d.id, d.key.agency, d.key.year, last, formatDocumentNumber(d.key, last)]);
  }
}
