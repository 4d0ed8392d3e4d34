import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Public } from '../../../../libs/auth';
import { ApiConfig } from '../../../../libs/config';
import { ApiError, invalidRequest } from '../../../../libs/dto';
import { PublicRegisterRecord } from '../../../../libs/persistence';
import { DocumentVerification, DocumentVerificationView } from '../documents/document-verification.service';
import { readPdfUpload } from '../documents/pdf-upload';
import { RegisterEntryView, certificateAnswer, complianceAnswer, registerEntryView } from './register-view';

/** What anyone may do without logging in: verify what a case issued (the public register), read public notices (objecting is a process's own public action: ProcessActionsController). */
@ApiTags('public')
@Public()
@Controller()
export class PublicController {
  constructor(
    @InjectRepository(PublicRegisterRecord) private readonly register: Repository<PublicRegisterRecord>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentVerification,
    private readonly config: ApiConfig,
  ) {}

  @Get('verify')
  @ApiOperation({ summary: '公开查验 of an issued document by its 文号 (any bracket style, spaces ignored): genuine, revoked or unknown, with no personal data' })
  @ApiQuery({ name: 'number', example: '京科〔2026〕12号' })
  @ApiOkResponse({ type: DocumentVerificationView })
  @ApiBadRequestResponse({ description: 'no number (errors[].field number)' })
  async verifyDocument(@Query('number') number: unknown): Promise<DocumentVerificationView> {
    const typed = typeof number === 'string' ? number.trim() : '';
    if (!typed) throw invalidRequest([{ field: 'number', rule: 'isNotEmpty', code: 'verify.noInput' }]);
    return this.documents.byNumber(typed.slice(0, 200));
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: '公开查验 of an issued document by the PDF itself (multipart/form-data, field file): its SHA-256 against the file as issued' })
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ type: DocumentVerificationView })
  @ApiBadRequestResponse({ description: 'no file, more than one, or not a PDF (errors[].field file); 413 beyond VERIFY_UPLOAD_MAX_BYTES' })
  async verifyDocumentFile(@Req() req: Request): Promise<DocumentVerificationView> {
    return this.documents.byFile(await readPdfUpload(req, this.config.VERIFY_UPLOAD_MAX_BYTES));
  }

  // The two verifications people already use, with their answers unchanged; the generic one after them.
  @Get('verify/certificates/:number')
  @ApiOperation({ summary: 'verify a high-tech enterprise certificate by its number' })
  async verify(@Param('number') number: string) {
    const c = await this.register.findOneBy({ kind: 'certificate', number: number.slice(0, 40) });
    if (!c) throw new ApiError(404, 'register.certificateNotFound', { number: number.slice(0, 40) });
    return certificateAnswer(c);
  }

  @Get('verify/compliance/:code')
  @ApiOperation({ summary: '合规一码通: verify a compliance report by its code — issue date, contents, and whether it still stands' })
  async verifyCompliance(@Param('code') code: string) {
    const r = await this.register.findOneBy({ kind: 'compliance-report', number: code.slice(0, 40) });
    if (!r) throw new ApiError(404, 'register.complianceNotFound', { code: code.slice(0, 40) });
    return complianceAnswer(r);
  }

  @Get('verify/:kind/:number')
  @ApiOperation({ summary: 'the public register: verify anything a case issued (certificate, permit, compliance-report …) by its kind and number' })
  @ApiOkResponse({ type: RegisterEntryView })
  async verifyEntry(@Param('kind') kind: string, @Param('number') number: string): Promise<RegisterEntryView> {
    const entry = await this.register.findOneBy({ kind: kind.slice(0, 40), number: number.slice(0, 40) });
    if (!entry) throw new ApiError(404, 'register.notFound');
    return registerEntryView(entry);
  }

  @Get('public-notices')
  @ApiOperation({ summary: '公示: enterprises proposed for certification, and until when anyone may object' })
  async notices() {
    const rows: Array<{ case_id: string; title: string; applicant_id: string; body: Record<string, unknown> }> = await this.db.query(
      `SELECT c.id AS case_id, c.title, c.applicant_id, d.body
         FROM cases c JOIN documents d ON d.case_id = c.id AND d.kind = 'public-notice'
        WHERE c.status = 'public-notice'
        ORDER BY d.issued_at DESC`,
    );
    return rows.map((r) => ({ caseId: r.case_id, enterpriseName: r.title, creditCode: r.applicant_id, techField: r.body.techField, from: r.body.from, endsAt: r.body.endsAt }));
  }
}
