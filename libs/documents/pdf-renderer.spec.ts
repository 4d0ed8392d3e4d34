import { layoutDocument } from './document-layout';
import { renderDocumentPdf, sha256Hex } from './pdf-renderer';

const layout = layoutDocument(
  { id: 'high-tech-k.d1', kind: 'acceptance-notice', title: '受理通知书', issuedAt: '2026-03-04T02:30:00.000Z', number: '京科〔2026〕7号', issuer: 'zgc', body: { acceptedOn: '2026-03-04T02:30:00.000Z', deemed: false, agency: 'zgc' } },
  { enterpriseName: '北京芯算科技有限公司', kindName: '受理通知书', verifyUrl: 'http://127.0.0.1:3000/console/#/verify/x' },
);

describe('a document’s PDF', () => {
  it('is the same bytes every time it is rendered', async () => {
    const [first, second] = [await renderDocumentPdf(layout), await renderDocumentPdf(layout)];
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256Hex(second)).toBe(sha256Hex(first));
  }, 30_000);

  it('embeds the Chinese font as a subset: a page stays small', async () => {
    const pdf = await renderDocumentPdf(layout);
    // The whole Noto CJK face is over 15 MB; the subset of one page's characters is tens of kB.
    expect(pdf.length).toBeLessThan(150_000);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Noto(Serif|Sans)CJKsc/);
  }, 30_000);
});
