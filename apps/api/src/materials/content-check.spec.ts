import { sniff, truncated, typeProblem } from './content-check';

const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000200010be5270a0000000049454e44ae426082', 'hex');
const DOCUMENTS = ['application/pdf', 'image/png', 'image/jpeg'];

describe('a material’s type, judged by its content', () => {
  it('knows a PDF and a PNG by their first bytes', async () => {
    expect(await sniff(PDF_BYTES)).toBe('application/pdf');
    expect(await sniff(PNG_BYTES)).toBe('image/png');
  });

  it('refuses text named .pdf: no magic number, whatever the name says', async () => {
    const detected = await sniff(Buffer.from('这不是 PDF，只是文字。\n'));
    expect(detected).toBeUndefined();
    expect(typeProblem(detected, DOCUMENTS, 'passport.pdf')).toEqual({ rule: 'unrecognisedType' });
  });

  it('refuses a PNG named .pdf as mismatched, and a type the material does not take', () => {
    expect(typeProblem('image/png', DOCUMENTS, 'scan.PDF')).toEqual({ rule: 'typeMismatch', detected: 'image/png', extension: 'pdf' });
    expect(typeProblem('application/pdf', ['image/jpeg', 'image/png'], 'photo.pdf')).toEqual({ rule: 'typeNotAllowed', detected: 'application/pdf' });
    expect(typeProblem('application/zip', DOCUMENTS, 'bundle')).toEqual({ rule: 'typeNotAllowed', detected: 'application/zip' });
  });

  it('takes a file whose name says nothing or the same', () => {
    expect(typeProblem('application/pdf', DOCUMENTS, 'scan')).toBeUndefined();
    expect(typeProblem('image/jpeg', DOCUMENTS, 'photo.JPG')).toBeUndefined();
  });

  it('sees a file cut off before its end marker', () => {
    expect(truncated('application/pdf', PDF_BYTES.subarray(-64))).toBe(false);
    expect(truncated('application/pdf', PDF_BYTES.subarray(0, 40))).toBe(true);
    expect(truncated('image/png', PNG_BYTES)).toBe(false);
    expect(truncated('image/png', PNG_BYTES.subarray(0, PNG_BYTES.length - 4))).toBe(true);
  });
});
