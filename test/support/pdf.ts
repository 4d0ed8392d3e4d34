import jsQR from 'jsqr';

/**
 * Reads an issued PDF back as a person (or a phone) would: its text, through pdf.js (the viewer
 * Firefox uses; its CommonJS legacy build, in-process), and the QR codes on its pages, each
 * image decoded by jsQR.
 */
// pdf.js says at load that it cannot draw without the canvas package: reading text and images needs none.
const pdfjs = ((): typeof import('pdfjs-dist') => {
  const log = console.log;
  console.log = () => undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('pdfjs-dist/legacy/build/pdf.js');
  } finally {
    console.log = log;
  }
})();

export interface ReadPdf {
  text: string;
  qrCodes: string[];
  pages: number;
}

/** An image pdf.js decoded, as RGBA for jsQR (pdf.js hands out 1-bit grey, RGB or RGBA). */
function rgba(image: { width: number; height: number; kind: number; data: Uint8ClampedArray | Uint8Array }): Uint8ClampedArray {
  const { width, height, kind, data } = image;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    let r: number, g: number, b: number;
    if (kind === 1) {
      const rowBytes = (width + 7) >> 3;
      const x = i % width;
      const y = Math.floor(i / width);
      const bit = (data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1;
      r = g = b = bit ? 255 : 0;
    } else if (kind === 2) {
      [r, g, b] = [data[i * 3], data[i * 3 + 1], data[i * 3 + 2]];
    } else {
      [r, g, b] = [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]];
    }
    out.set([r, g, b, 255], i * 4);
  }
  return out;
}

export async function readPdf(bytes: Buffer | Uint8Array): Promise<ReadPdf> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const texts: string[] = [];
    const qrCodes: string[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
      const ops = await page.getOperatorList();
      for (let i = 0; i < ops.fnArray.length; i += 1) {
        if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
        const name = ops.argsArray[i][0] as string;
        const image = await new Promise<any>((resolve) => page.objs.get(name, resolve));
        const decoded = jsQR(rgba(image), image.width, image.height);
        if (decoded) qrCodes.push(decoded.data);
      }
    }
    return { text: texts.join('\n'), qrCodes, pages: doc.numPages };
  } finally {
    await doc.destroy();
    // pdf.js held the event loop, perhaps past a pooled connection's keep-alive: let the timers and
    // the server's closing of it run before the caller's next request would take it from the pool.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
