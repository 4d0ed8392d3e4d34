import { Controller, Get, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor } from '../../../../libs/auth';
import type { Actor } from '../../../../libs/domain';
import { MaterialView, MaterialsService } from './materials.service';

class MaterialReferenceView {
  @ApiProperty({ format: 'uuid', description: 'name it in a filing, correction answer or decision: materials: [{kind, id}]' }) id!: string;
  @ApiProperty({ description: 'the kind asked for at upload, or empty' }) kind!: string;
  @ApiProperty({ example: '护照.pdf' }) name!: string;
  @ApiProperty({ example: 48213, description: 'bytes' }) size!: number;
  @ApiProperty({ example: 'application/pdf', description: 'judged by the content' }) contentType!: string;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'SHA-256 of the bytes stored, hex' }) sha256!: string;
  @ApiProperty() uploadedAt!: string;
}

class UploadForm {
  @ApiPropertyOptional({ description: 'the process the file is for (with kind): its limits apply at once', example: 'talent-permits' }) process?: string;
  @ApiPropertyOptional({ description: 'what the file is (a material kind, GET /processes lists them); sent before the file', example: 'passport-copy' }) kind?: string;
  @ApiProperty({ type: 'string', format: 'binary', description: 'one file: PDF, PNG or JPEG (as the kind allows), judged by content' }) file!: unknown;
}

class DownloadView {
  @ApiProperty() at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() role!: string;
  @ApiPropertyOptional() agency!: string | null;
}

/** RFC 6266: the file's own (Chinese) name, with an ASCII fallback for old clients. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

@ApiTags('materials')
@ApiBearerAuth()
@Controller('materials')
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  @Post()
  @ApiOperation({
    summary: 'upload one file (附件), streamed to the object store: its type judged by content, its SHA-256 computed on the way; then name it in a filing, correction answer or decision',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadForm })
  @ApiCreatedResponse({ type: MaterialReferenceView })
  @ApiPayloadTooLargeResponse({ description: 'larger than the kind (or MATERIALS_MAX_BYTES) allows: nothing kept' })
  @ApiUnsupportedMediaTypeResponse({ description: 'not multipart, or the content is not a type the kind takes, or not what its name says: nothing kept' })
  upload(@CurrentActor() actor: Actor, @Req() req: Request): Promise<MaterialView> {
    return this.materials.upload(actor, req);
  }

  @Get(':id')
  @ApiOperation({ summary: 'download the file: for whoever may see its case (its uploader alone before it is attached); every download is audited' })
  @ApiOkResponse({ description: 'the bytes, with their SHA-256 in X-Content-SHA256' })
  @ApiForbiddenResponse({ description: 'a personal document (passport scan) on a case whose personal data the caller sees masked' })
  @ApiNotFoundResponse({ description: 'no such file, or one the caller may not see' })
  async download(@CurrentActor() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { record, body } = await this.materials.open(actor, id);
    res.setHeader('Content-Disposition', contentDisposition(record.name));
    res.setHeader('X-Content-SHA256', record.sha256);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(body, { type: record.contentType, length: record.size });
  }

  @Get(':id/meta')
  @ApiOperation({ summary: 'the file’s name, type, size and SHA-256' })
  @ApiOkResponse({ type: MaterialReferenceView })
  describe(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<MaterialView> {
    return this.materials.describe(actor, id);
  }

  @Get(':id/downloads')
  @ApiOperation({ summary: 'who downloaded the file and when (the audit trail)' })
  @ApiOkResponse({ type: [DownloadView] })
  downloads(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DownloadView[]> {
    return this.materials.downloads(actor, id);
  }
}
