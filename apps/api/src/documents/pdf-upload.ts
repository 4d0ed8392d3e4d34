import busboy from 'busboy';
import type { Request } from 'express';
import { ApiError, invalidRequest } from '../../../../libs/dto';
import { translate } from '../../../../libs/i18n';

/**
 * The one PDF a verifier uploads (multipart/form-data, field `file`), read into memory up to
 * `maxBytes` and no further: a larger file is refused (413) as soon as it passes the limit, a
 * second file or a file that does not begin as a PDF is refused naming the field.
 */
export function readPdfUpload(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 4, parts: 5, fieldSize: 1024 } });
    } catch {
      reject(new ApiError(400, 'verify.badUpload'));
      return;
    }
    let file: Buffer | undefined;
    let failure: ApiError | undefined;
    let files = 0;
    const fail = (error: ApiError) => {
      failure ??= error;
      req.unpipe(parser);
      req.resume();
      reject(failure);
    };
    parser.on('file', (field, stream) => {
      files += 1;
      if (field !== 'file') {
        stream.resume();
        return fail(new ApiError(400, 'verify.badUpload'));
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new ApiError(413, 'verify.fileTooLarge', { field: 'file', max: maxBytes }, { errors: [{ field: 'file', rule: 'maxSize', code: 'verify.fileTooLarge', message: translate('verify.fileTooLarge', { field: 'file', max: maxBytes }, 'zh') }] })));
      stream.on('close', () => {
        if (failure) return;
        file = Buffer.concat(chunks);
      });
    });
    parser.on('filesLimit', () => fail(invalidRequest([{ field: 'file', rule: 'oneFile', code: 'verify.tooManyFiles', params: { field: 'file' } }])));
    parser.on('error', () => fail(new ApiError(400, 'verify.badUpload')));
    parser.on('close', () => {
      if (failure) return;
      if (!file || files === 0) return reject(invalidRequest([{ field: 'file', rule: 'isDefined', code: 'verify.noInput' }]));
      if (file.subarray(0, 5).toString('latin1') !== '%PDF-') return reject(invalidRequest([{ field: 'file', rule: 'isPdf', code: 'verify.notPdf', params: { field: 'file' } }]));
      resolve(file);
    });
    req.pipe(parser);
  });
}
