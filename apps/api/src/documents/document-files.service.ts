import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiConfig } from '../../../../libs/config';
import type { DepartmentCode } from '../../../../libs/domain';
import { type KeptPdf, issueDocumentPdf, issuingAgency, numberDocuments } from '../../../../libs/documents';
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
 * The PDFs of issued documents. The worker makes each as it is issued and registers its SHA-256
 * (`issueDocumentPdf`); every download, on any API instance, hands out those bytes. A document
 * issued before that release, or whose rendering at issue failed (no font on the worker, say), is
 * made here on its first request, the same way and kept the same.
 */
@Injectable()
export class DocumentFiles {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ApiConfig,
  ) {}

  async pdfOf(doc: DocumentRecord): Promise<DocumentPdf> {
    const numbered = doc.number ? doc : await this.number(doc);
    let kept: KeptPdf;
    try {
      kept = await issueDocumentPdf(this.db, { ...numbered, number: numbered.number!, issuer: numbered.issuer as DepartmentCode }, this.config.PUBLIC_BASE_URL!);
    } catch (error) {
      logger.error(`document ${doc.id}: no PDF: ${(error as Error).message}`);
      throw new ApiError(503, 'document.pdfUnavailable');
    }
    return { ...kept, number: numbered.number!, title: numbered.title, issuedAt: numbered.issuedAt };
  }

  /** A document written before documents had numbers gets its 文号 now, from the same counter the projection uses. */
  private async number(doc: DocumentRecord): Promise<DocumentRecord> {
    const [c] = await this.db.query(`SELECT process FROM cases WHERE id = $1`, [doc.caseId]);
    await this.db.transaction((em) => numberDocuments(em, [{ id: doc.id, issuer: issuingAgency(processByCode(c?.process ?? ''), doc.kind, doc.body), issuedAt: doc.issuedAt }]));
    return (await this.db.getRepository(DocumentRecord).findOneByOrFail({ id: doc.id }));
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
