import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiConfig } from '../../../../libs/config';
import { ENGINE_DOCUMENT_KINDS, type DepartmentCode } from '../../../../libs/domain';
import { issuingAgency, layoutDocument, numberDocuments, renderDocumentPdf, sha256Hex, verifyUrlFor } from '../../../../libs/documents';
import { ApiError } from '../../../../libs/dto';
import { DocumentRecord } from '../../../../libs/persistence';
import { processByCode } from '../../../../libs/processes';

/** An issued document's PDF as handed out, with what names it. */
export interface DocumentPdf {
  pdf: Buffer;
  sha256: string;
  /** 文号. */
  number: string;
  title: string;
  issuedAt: Date;
}

const logger = new Logger('DocumentFiles');

/**
 * The PDFs of issued documents, made outside the workflow from the data it recorded: the first
 * request renders the PDF and keeps it with its SHA-256 (document_files); every later one, on any
 * API instance, hands out those bytes. Two first requests at once may both render — rendering is
 * deterministic, and whichever row lands first is the one both return.
 */
@Injectable()
export class DocumentFiles {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ApiConfig,
  ) {}

  async pdfOf(doc: DocumentRecord): Promise<DocumentPdf> {
    const numbered = doc.number ? doc : await this.number(doc);
    const kept = await this.kept(numbered.id);
    if (kept) return { ...kept, number: numbered.number!, title: numbered.title, issuedAt: numbered.issuedAt };
    const pdf = await this.render(numbered);
    const sha256 = sha256Hex(pdf);
    await this.db.query(`INSERT INTO document_files (document_id, sha256, size, pdf) VALUES ($1, $2, $3, $4) ON CONFLICT (document_id) DO NOTHING`, [numbered.id, sha256, pdf.length, pdf]);
    const stored = (await this.kept(numbered.id))!;
    return { ...stored, number: numbered.number!, title: numbered.title, issuedAt: numbered.issuedAt };
  }

  private async kept(documentId: string): Promise<{ pdf: Buffer; sha256: string } | undefined> {
    const [row] = await this.db.query(`SELECT pdf, sha256 FROM document_files WHERE document_id = $1`, [documentId]);
    return row ? { pdf: row.pdf as Buffer, sha256: row.sha256 as string } : undefined;
  }

  /** A document written before documents had numbers gets its 文号 now, from the same counter the projection uses. */
  private async number(doc: DocumentRecord): Promise<DocumentRecord> {
    const [c] = await this.db.query(`SELECT process FROM cases WHERE id = $1`, [doc.caseId]);
    await this.db.transaction((em) => numberDocuments(em, [{ id: doc.id, issuer: issuingAgency(processByCode(c?.process ?? ''), doc.kind, doc.body), issuedAt: doc.issuedAt }]));
    return (await this.db.getRepository(DocumentRecord).findOneByOrFail({ id: doc.id }));
  }

  private async render(doc: DocumentRecord): Promise<Buffer> {
    const [c] = await this.db.query(`SELECT process, applicant_id, enterprise_name, title FROM cases WHERE id = $1`, [doc.caseId]);
    const process = processByCode(c?.process ?? '');
    const layout = layoutDocument(
      { id: doc.id, kind: doc.kind, title: doc.title, issuedAt: doc.issuedAt, body: doc.body, number: doc.number!, issuer: (doc.issuer ?? process?.leadAgency ?? 'service-center') as DepartmentCode },
      {
        enterpriseName: c?.enterprise_name ?? c?.title ?? '',
        creditCode: c?.applicant_id,
        kindName: process?.documentKinds[doc.kind] ?? ENGINE_DOCUMENT_KINDS[doc.kind] ?? doc.title,
        legalBasis: process?.legalBasis,
        verifyUrl: verifyUrlFor(this.config.PUBLIC_BASE_URL!, doc.number!),
      },
    );
    try {
      return await renderDocumentPdf(layout);
    } catch (error) {
      logger.error(`document ${doc.id}: no PDF: ${(error as Error).message}`);
      throw new ApiError(503, 'document.pdfUnavailable');
    }
  }
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<the Chinese name>` (RFC 6266 / RFC 5987): browsers save it under its Chinese name. */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** A PDF's file name as people would file it: title and 文号. */
export function pdfFileName(p: { title: string; number: string }): string {
  // Characters no file system takes in a name (control characters are never in a title).
  return `${p.title}（${p.number}）.pdf`.replace(/[\\/:*?"<>|]/g, '_');
}
