import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../../../libs/auth';
import { Actor, IDEMPOTENCY_KEY_PATTERN } from '../../../../libs/domain';
import { CaseListQueryDto, CorrectionAnswerDto, ExtensionDto, WithdrawDto, createValidationPipe, invalidRequest, problem } from '../../../../libs/dto';
import { preferredWaitMs, sendConditional } from '../changes/long-poll';
import { CaseSummaryView, CaseView, DocumentView, TimelineEntryView } from './case-view';
import { CasesService } from './cases.service';
import { type DocumentPdf, attachmentHeader, pdfFileName } from '../documents/document-files.service';

/** A PDF as a download under its Chinese name; its SHA-256 is its entity tag (the file never changes). */
function sendPdf(res: Response, p: DocumentPdf): StreamableFile {
  res.setHeader('Content-Disposition', attachmentHeader(pdfFileName(p)));
  res.setHeader('ETag', `"${p.sha256}"`);
  res.setHeader('Cache-Control', 'private, no-cache');
  return new StreamableFile(p.pdf, { type: 'application/pdf', length: p.pdf.length });
}

function idempotencyKey(value: string | undefined): string {
  if (!value || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw invalidRequest([problem('Idempotency-Key', 'matches', 'validation.idempotencyKey', { field: 'Idempotency-Key' })]);
  }
  return value;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  /** The same pipe as every body: the process's DTO is known only once the path is read. */
  private readonly validation = createValidationPipe();

  constructor(private readonly cases: CasesService) {}

  /**
   * One route for every registered process. The body is validated against the process's own DTO
   * with the same pipe (and the same 400s) as any other body; the OpenAPI document shows one
   * operation per process with its body (process-openapi.ts).
   */
  @Post(':process')
  @Roles('applicant')
  @ApiOperation({ summary: 'applicant files an application for a process (GET /processes lists them and their forms)' })
  @ApiParam({ name: 'process', description: 'a registered process code' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'client-chosen key; retrying with it never makes a second case' })
  @ApiCreatedResponse({ type: CaseView, description: 'case filed; it moves on as the departments answer' })
  @ApiOkResponse({ type: CaseView, description: 'the same request was filed before under this key: that case' })
  @ApiBadRequestResponse({ description: 'a field broke a rule: every such field is named in errors[] (a required material missing: field materials, rule requiredMaterials)' })
  @ApiForbiddenResponse({ description: 'filing for an enterprise the token does not act for' })
  @ApiNotFoundResponse({ description: 'no process of that code' })
  @ApiConflictResponse({
    description:
      'the key was used for a different application (errors[].field Idempotency-Key); the subject has a case of this process open (rule oneOpenCase, openCase.id); ' +
      'or a register entry bars filing again (rule validCertificate, certificate.number / validUntil / recertificationFrom)',
  })
  async file(
    @CurrentActor() actor: Actor,
    @Param('process') code: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const process = this.cases.process(code);
    // The files filed with it (materials: [{kind, id}]) are checked against the process's list, not its DTO.
    const { materials, ...rest } = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : { materials: undefined };
    const application = (await this.validation.transform(body && typeof body === 'object' && !Array.isArray(body) ? rest : body, { type: 'body', metatype: process.dto })) as object;
    const filed = await this.cases.fileCase(actor, process, idempotencyKey(key), application, materials);
    res.status(filed.created ? HttpStatus.CREATED : HttpStatus.OK).location(`/cases/${filed.view.id}`);
    return filed.view;
  }

  @Get(':id/compliance-bundle/pdf')
  @ApiOperation({ summary: '一键下载: the 12 departments’ compliance answers as one PDF, bundled once and kept (its SHA-256 verifiable)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf' })
  async complianceBundlePdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendPdf(res, await this.cases.complianceBundlePdf(actor, id));
  }

  @Get(':id/compliance-bundle')
  @ApiOperation({ summary: '一键下载: the whole compliance report as one file, with its 合规一码通 code' })
  async complianceBundle(@CurrentActor() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { filename, bundle } = await this.cases.complianceBundle(actor, id);
    res.attachment(filename);
    return bundle;
  }

  @Get()
  @ApiOperation({ summary: 'applicant: my cases; agency: cases with my steps; supervisor: all' })
  @ApiOkResponse({ type: [CaseSummaryView] })
  @ApiBadRequestResponse({ description: 'a parameter out of its bounds, e.g. offset 必须是 0 到 100000 之间的整数' })
  list(@CurrentActor() actor: Actor, @Query() query: CaseListQueryDto): Promise<CaseSummaryView[]> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'the case; with If-None-Match and Prefer: wait=N (N ≤ 30), a long poll that answers when the case next changes' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'the ETag of the copy the client holds: 304 while it is current' })
  @ApiHeader({ name: 'Prefer', required: false, description: 'wait=N: hold the request up to N seconds for a change before answering 304' })
  @ApiOkResponse({ type: CaseView })
  @ApiResponse({ status: 304, description: 'the copy named in If-None-Match is still current' })
  @ApiForbiddenResponse()
  @ApiNotFoundResponse()
  async get(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Headers('if-none-match') known: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView | undefined> {
    const { etag, view } = await this.cases.getChanged(actor, id, known, preferredWaitMs(prefer));
    sendConditional(res, etag, view !== undefined);
    return view;
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: [TimelineEntryView] })
  async timeline(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<TimelineEntryView[]> {
    return (await this.cases.get(actor, id)).timeline;
  }

  @Get(':id/notices')
  @ApiOperation({ summary: 'dated notices on the case: acceptance, refusal, correction, extension …' })
  @ApiOkResponse({ type: [DocumentView] })
  notices(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DocumentView[]> {
    return this.cases.notices(actor, id);
  }

  @Get(':id/documents/:docId/pdf')
  @ApiOperation({ summary: 'the document as its PDF (文号, QR code of its verification page): the same file on every download' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf, named 标题（文号）.pdf (Content-Disposition filename*)' })
  async documentPdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('docId') docId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendPdf(res, await this.cases.documentPdf(actor, id, docId));
  }

  @Get(':id/documents/:docId')
  @ApiOkResponse({ type: DocumentView })
  document(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('docId') docId: string): Promise<DocumentView> {
    return this.cases.document(actor, id, docId);
  }

  @Post(':id/corrections')
  @Roles('applicant')
  @HttpCode(200)
  @ApiOperation({ summary: 'applicant answers the correction notice, every item at once' })
  answerCorrection(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: CorrectionAnswerDto) {
    return this.cases.answerCorrection(actor, id, body);
  }

  @Post(':id/withdraw')
  @Roles('applicant')
  @HttpCode(200)
  @ApiOperation({ summary: 'applicant withdraws: open steps close, the case ends as withdrawn' })
  async withdraw(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: WithdrawDto): Promise<{ id: string; status: string }> {
    await this.cases.withdraw(actor, id, body);
    return { id, status: 'withdrawn' };
  }

  @Post(':id/extensions')
  @Roles('supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'supervisor extends a clock (Art. 42: +10 working days), the reason told to the applicant' })
  extend(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ExtensionDto) {
    return this.cases.extend(actor, id, body);
  }
}
