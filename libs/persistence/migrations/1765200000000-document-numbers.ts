import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 文号 and PDFs of issued documents:
 *
 * - `documents.issuer`, `number_year`, `number_seq`, `number`: who signed it and its 文号
 *   (京科〔2026〕12号), from the issuer's yearly counter in `document_counters`. The projection
 *   numbers a document in the transaction that first writes it, so a retried projection (which
 *   finds the row and inserts nothing) never numbers it twice, and a rolled-back one gives its
 *   number back. Unique both ways: one number per document, one document per number.
 * - `document_files`: the PDF as first rendered and handed out, and its SHA-256, which the public
 *   verification compares an uploaded file with. Kept, so every later download is that file.
 *
 * Documents written before this release get their number when first rendered (the same counter).
 */
export class DocumentNumbers1765200000000 implements MigrationInterface {
  name = 'DocumentNumbers1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents ADD COLUMN issuer varchar(40), ADD COLUMN number_year smallint, ADD COLUMN number_seq integer, ADD COLUMN number varchar(60)`);
    await q.query(`CREATE TABLE document_counters (agency varchar(40) NOT NULL, year smallint NOT NULL, last integer NOT NULL, PRIMARY KEY (agency, year))`);
    await q.query(`CREATE UNIQUE INDEX documents_number ON documents (number)`);
    await q.query(`CREATE UNIQUE INDEX documents_issuer_seq ON documents (issuer, number_year, number_seq)`);
    await q.query(`
      CREATE TABLE document_files (
        document_id varchar(220) PRIMARY KEY REFERENCES documents (id),
        sha256      char(64)     NOT NULL,
        size        integer      NOT NULL,
        pdf         bytea        NOT NULL,
        rendered_at timestamptz  NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX document_files_sha256 ON document_files (sha256)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_files`);
    await q.query(`DROP TABLE document_counters`);
    await q.query(`DROP INDEX documents_issuer_seq`);
    await q.query(`DROP INDEX documents_number`);
    await q.query(`ALTER TABLE documents DROP COLUMN number, DROP COLUMN number_seq, DROP COLUMN number_year, DROP COLUMN issuer`);
  }
}
