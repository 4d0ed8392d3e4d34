import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { DocumentLayout } from './document-layout';

/**
 * Chinese fonts the renderer looks for, first found wins: Noto Serif CJK (宋体-like, as official
 * documents are set), else Noto Sans CJK — Debian/Ubuntu's fonts-noto-cjk, then Fedora's paths.
 * A .ttc holds several faces: the PostScript name picks the Simplified Chinese one.
 */
const FONT_CANDIDATES: ReadonlyArray<{ path: string; face: string }> = [
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
];

export interface DocumentFont {
  path: string;
  /** The face inside a .ttc collection (its PostScript name); none for a single .ttf/.otf. */
  face?: string;
}

/**
 * The font documents are set in: DOCUMENT_FONT_PATH (with DOCUMENT_FONT_FACE for a collection)
 * when given, else the first installed Noto CJK face. Without one no PDF can be made, and the
 * error says what to install.
 */
export function findDocumentFont(env: Record<string, string | undefined> = process.env): DocumentFont {
  if (env.DOCUMENT_FONT_PATH) {
    if (!existsSync(env.DOCUMENT_FONT_PATH)) throw new Error(`DOCUMENT_FONT_PATH ${env.DOCUMENT_FONT_PATH} does not exist`);
    return { path: env.DOCUMENT_FONT_PATH, face: env.DOCUMENT_FONT_FACE || undefined };
  }
  const found = FONT_CANDIDATES.find((c) => existsSync(c.path));
  if (!found) {
    throw new Error(
      `no Chinese font for documents: install fonts-noto-cjk (apt-get install fonts-noto-cjk) or set DOCUMENT_FONT_PATH to a TTF/OTF/TTC (and DOCUMENT_FONT_FACE to its PostScript name for a .ttc); looked in ${FONT_CANDIDATES.map((c) => c.path).join(', ')}`,
    );
  }
  return found;
}

/**
 * The font, parsed once per process. Parsing a CJK face (a .ttc of 26 MB, its CFF tables) was
 * half of a render's time: with it kept, a document renders in about half the time. Each document still
 * makes its own subset from it, so the bytes are what a fresh parse gives (pdf-renderer.spec).
 */
const parsedFonts = new Map<string, fontkit.Font>();
function parsedFont(font: DocumentFont): fontkit.Font {
  const key = `${font.path}#${font.face ?? ''}`;
  let parsed = parsedFonts.get(key);
  if (!parsed) {
    const opened = fontkit.create(readFileSync(font.path), font.face);
    if (!('layout' in opened)) throw new Error(`${font.path} is a font collection: set DOCUMENT_FONT_FACE to the PostScript name of the face to set documents in`);
    parsed = opened;
    parsedFonts.set(key, parsed);
  }
  return parsed;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { x: 72, top: 64, bottom: 64 };
const RED = '#c00000';
const QR_SIZE = 96;

/**
 * Sets a document's layout as an A4 PDF: the agency in red over its 文号 and a red rule (the
 * 版头 of GB/T 9704), title, addressee, the fields, tables, legal basis, the agency and date
 * bottom right, and a QR code of the verification page bottom left. The font is embedded as a
 * subset of the characters used (pdfkit subsets every embedded font), so a page of Chinese
 * stays some tens of kilobytes. Every date in the file is the document's issue time and pdfkit's
 * file ID is derived from the metadata: the same layout gives the same bytes.
 */
export async function renderDocumentPdf(layout: DocumentLayout, font: DocumentFont = findDocumentFont()): Promise<Buffer> {
  const qr = await QRCode.toBuffer(layout.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6, color: { dark: '#000000ff', light: '#ffffffff' } });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.x, right: MARGIN.x },
    info: {
      Title: `${layout.title}（${layout.number}）`,
      Author: layout.agency,
      Subject: layout.kindName,
      Keywords: layout.number,
      Creator: 'beijing-approvals',
      Producer: 'beijing-approvals (PDFKit)',
      CreationDate: layout.issuedAt,
      ModDate: layout.issuedAt,
    },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  // PDFKit takes a parsed fontkit font as well as bytes (its typings name only the latter).
  doc.registerFont('cjk', parsedFont(font) as unknown as Buffer);
  doc.font('cjk');
  const width = A4.width - 2 * MARGIN.x;
  const bottom = A4.height - MARGIN.bottom;
  const ensureRoom = (height: number) => {
    if (doc.y + height > bottom) doc.addPage();
  };

  // 版头: the agency in red, the 文号, a red rule.
  doc.fillColor(RED).fontSize(24).text(layout.agency, { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.4);
  doc.fillColor('black').fontSize(12).text(layout.number, { align: 'center' });
  doc.moveDown(0.3);
  doc.moveTo(MARGIN.x, doc.y).lineTo(A4.width - MARGIN.x, doc.y).lineWidth(1.5).strokeColor(RED).stroke();
  doc.moveDown(1.2);

  doc.fontSize(18).text(layout.title, { align: 'center' });
  doc.moveDown(1);
  doc.fontSize(12).text(`${layout.addressee}${layout.creditCode ? `（统一社会信用代码：${layout.creditCode}）` : ''}：`, { align: 'left' });
  doc.moveDown(0.5);

  for (const field of layout.fields) {
    doc.text(`${field.label}：${field.value}`, { indent: 24, lineGap: 3 });
    doc.moveDown(0.2);
  }

  for (const table of layout.tables) {
    doc.moveDown(0.5);
    ensureRoom(40);
    doc.fontSize(12).text(`${table.caption}：`, MARGIN.x, doc.y);
    doc.moveDown(0.3);
    doc.fontSize(9);
    const columnWidth = width / table.columns.length;
    const row = (cells: string[], head: boolean) => {
      const height = Math.max(...cells.map((c) => doc.heightOfString(c, { width: columnWidth - 6 }))) + 6;
      ensureRoom(height);
      const top = doc.y;
      cells.forEach((cell, i) => {
        const x = MARGIN.x + i * columnWidth;
        if (head) doc.rect(x, top, columnWidth, height).fillAndStroke('#f0f0f0', '#999999').fillColor('black');
        else doc.rect(x, top, columnWidth, height).lineWidth(0.5).strokeColor('#999999').stroke();
        doc.text(cell, x + 3, top + 3, { width: columnWidth - 6 });
      });
      doc.x = MARGIN.x;
      doc.y = top + height;
    };
    row(table.columns, true);
    for (const cells of table.rows) row(cells, false);
    doc.fontSize(12);
  }

  if (layout.basis) {
    doc.moveDown(0.8);
    doc.text(`依据：${layout.basis}`, MARGIN.x, doc.y, { width, lineGap: 3 });
  }

  // The agency and date bottom right; the QR code of the verification page bottom left.
  doc.moveDown(1.5);
  ensureRoom(QR_SIZE + 40);
  const top = doc.y;
  doc.image(qr, MARGIN.x, top, { width: QR_SIZE, height: QR_SIZE });
  doc.fontSize(8).text('扫码核验真伪', MARGIN.x, top + QR_SIZE + 2, { width: QR_SIZE, align: 'center' });
  doc.fontSize(12).text(layout.agency, MARGIN.x + QR_SIZE + 24, top + 24, { width: width - QR_SIZE - 24, align: 'right' });
  doc.text(layout.date, { width: width - QR_SIZE - 24, align: 'right' });
  doc.fontSize(8).fillColor('#555555').text(`本文书文号 ${layout.number}。扫描左侧二维码，或在公开查验页面输入文号或上传本文件，即可核验真伪。`, MARGIN.x, top + QR_SIZE + 20, { width });
  doc.fillColor('black');

  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** SHA-256 of a file, in hex: what is registered for a PDF and compared with an uploaded one. */
export function sha256Hex(bytes: Buffer | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
