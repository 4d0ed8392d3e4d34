import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ENGINE_DOCUMENT_KINDS, beijingDate } from '../../../../libs/domain';
import { normalizeDocumentNumber, sha256Hex } from '../../../../libs/documents';
import { VERIFY_RESULT_LABELS, departmentLabel } from '../../../../libs/i18n/labels';
import { processByCode } from '../../../../libs/processes';

export type VerifyResult = keyof typeof VERIFY_RESULT_LABELS;

/** The public facts of a verified document: who issued what to which enterprise, when — never a person's data. */
export class VerifiedDocumentView {
  @ApiProperty({ example: '京科〔2026〕12号' }) number!: string;
  @ApiProperty({ example: 'certificate' }) kind!: string;
  @ApiProperty({ example: '高新技术企业证书' }) kindName!: string;
  @ApiProperty({ example: '高新技术企业证书' }) title!: string;
  @ApiProperty({ example: 'zgc' }) agency!: string;
  @ApiProperty({ example: '市科委、中关村管委会' }) agencyName!: string;
  @ApiProperty({ example: '2026-03-05' }) issuedOn!: string;
  @ApiProperty({ description: 'the enterprise it is addressed to (the employer for 两证联办)' }) enterpriseName!: string;
  @ApiPropertyOptional() revokedOn?: string;
  @ApiPropertyOptional() revokedReason?: string;
}

export class DocumentVerificationView {
  @ApiProperty({ enum: ['genuine', 'revoked', 'unknown'] }) result!: VerifyResult;
  @ApiProperty({ description: 'the answer in Chinese' }) message!: string;
  @ApiPropertyOptional({ type: VerifiedDocumentView }) document?: VerifiedDocumentView;
}

interface Row {
  id: string;
  case_id: string;
  kind: string;
  title: string;
  issued_at: Date;
  body: Record<string, unknown>;
  number: string;
  issuer: string;
  process: string;
  enterprise_name: string | null;
}

const SELECT = `SELECT d.id, d.case_id, d.kind, d.title, d.issued_at, d.body, d.number, d.issuer, c.process, c.enterprise_name
                  FROM documents d JOIN cases c ON c.id = d.case_id`;

/**
 * 公开查验 of an issued document: by its 文号, or by the PDF itself (its SHA-256 against the one
 * kept when the PDF was first handed out). Genuine; revoked, when what it issued no longer stands
 * in the public register (a certificate revoked, a compliance report withdrawn with its case); or
 * unknown — no such number, or a file that is not byte for byte one we issued.
 */
@Injectable()
export class DocumentVerification {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async byNumber(typed: string): Promise<DocumentVerificationView> {
    const [row] = await this.db.query(`${SELECT} WHERE d.number = $1`, [normalizeDocumentNumber(typed).slice(0, 60)]);
    return this.answer(row);
  }

  async byFile(pdf: Buffer): Promise<DocumentVerificationView> {
    const [row] = await this.db.query(`${SELECT} JOIN document_files f ON f.document_id = d.id WHERE f.sha256 = $1`, [sha256Hex(pdf)]);
    return this.answer(row);
  }

  private async answer(row: Row | undefined): Promise<DocumentVerificationView> {
    if (!row) return { result: 'unknown', message: VERIFY_RESULT_LABELS.unknown };
    // What the document is the paper of, in the register: an entry of its own kind, by the number it carries.
    const numbers = [row.body.number, row.body.code].filter((n): n is string => typeof n === 'string');
    const [entry] = numbers.length
      ? await this.db.query(`SELECT status, revoked_on, revoked_reason FROM public_register WHERE case_id = $1 AND kind = $2 AND number = ANY($3) AND status = 'revoked'`, [
          row.case_id,
          row.kind,
          numbers,
        ])
      : [];
    const process = processByCode(row.process);
    const document: VerifiedDocumentView = {
      number: row.number,
      kind: row.kind,
      kindName: process?.documentKinds[row.kind] ?? ENGINE_DOCUMENT_KINDS[row.kind] ?? row.title,
      title: row.title,
      agency: row.issuer,
      agencyName: departmentLabel(row.issuer),
      issuedOn: beijingDate(row.issued_at),
      enterpriseName: row.enterprise_name ?? '',
      ...(entry ? { revokedOn: entry.revoked_on ?? undefined, revokedReason: entry.revoked_reason ?? undefined } : {}),
    };
    const result: VerifyResult = entry ? 'revoked' : 'genuine';
    return { result, message: VERIFY_RESULT_LABELS[result], document };
  }
}
