import { ENGINE_DOCUMENT_KINDS, type DepartmentCode } from '../domain';
import { processByCode } from '../processes/registry';
import { type IssuedDocument, layoutDocument, verifyUrlFor } from './document-layout';
import type { Queryable } from './document-numbering';
import { renderDocumentPdf, sha256Hex } from './pdf-renderer';

/** A numbered document as the read model holds it (body as stored: personal data sealed). */
export interface NumberedDocument extends IssuedDocument {
  caseId: string;
}

/** The issued PDF as kept in `document_files`. */
export interface KeptPdf {
  pdf: Buffer;
  sha256: string;
}

/** The PDF kept for a document, if it has been made. */
export async function keptPdf(db: Queryable, documentId: string): Promise<KeptPdf | undefined> {
  const [row] = await db.query(`SELECT pdf, sha256 FROM document_files WHERE document_id = $1`, [documentId]);
  return row ? { pdf: row.pdf as Buffer, sha256: row.sha256 as string } : undefined;
}

/**
 * Makes a document's PDF from the data the workflow recorded and registers it with its SHA-256
 * (`document_files`), once: the worker does it as the document is issued, the API for one issued
 * before that (or whose rendering at issue failed). Rendering is deterministic, so two makers
 * racing write the same bytes; whichever row lands first is kept, and that is what is answered.
 */
export async function issueDocumentPdf(db: Queryable, doc: NumberedDocument, publicBaseUrl: string): Promise<KeptPdf> {
  const kept = await keptPdf(db, doc.id);
  if (kept) return kept;
  const [c] = await db.query(`SELECT process, applicant_id, enterprise_name, title FROM cases WHERE id = $1`, [doc.caseId]);
  const process = processByCode(c?.process ?? '');
  const layout = layoutDocument(
    { ...doc, issuer: (doc.issuer ?? process?.leadAgency ?? 'service-center') as DepartmentCode },
    {
      enterpriseName: c?.enterprise_name ?? c?.title ?? '',
      creditCode: c?.applicant_id,
      kindName: process?.documentKinds[doc.kind] ?? ENGINE_DOCUMENT_KINDS[doc.kind] ?? doc.title,
      legalBasis: process?.legalBasis,
      verifyUrl: verifyUrlFor(publicBaseUrl, doc.number),
    },
  );
  const pdf = await renderDocumentPdf(layout);
  await db.query(`INSERT INTO document_files (document_id, sha256, size, pdf) VALUES ($1, $2, $3, $4) ON CONFLICT (document_id) DO NOTHING`, [doc.id, sha256Hex(pdf), pdf.length, pdf]);
  return (await keptPdf(db, doc.id))!;
}
