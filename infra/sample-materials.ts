import { deflateSync } from 'node:zlib';
import type { MaterialRequirement } from '../libs/domain/materials';
import { processByCode } from '../libs/processes/registry';

/**
 * Small, whole files for the demo, the chaos run and the tests to upload as materials (附件):
 * each different (its own SHA-256), each what its content says it is.
 */
export function samplePdf(text = `材料 ${Math.random()}`): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td <${Buffer.from(text).toString('hex')}> Tj ET`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n` +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n` +
      `4 0 obj << /Length ${stream.length} >> stream\n${stream}\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 1×1 PNG of a random colour. */
export function samplePng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixel = Buffer.from([0, Math.random() * 255, Math.random() * 255, Math.random() * 255]);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(pixel)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A file this material takes: a PDF where it may be one, else a PNG. */
export function sampleFor(m: MaterialRequirement): { name: string; bytes: Buffer; type: string } {
  return m.contentTypes.includes('application/pdf') ? { name: `${m.name}.pdf`, bytes: samplePdf(m.name), type: 'application/pdf' } : { name: `${m.name}.png`, bytes: samplePng(), type: 'image/png' };
}

/** POST /materials: one file, multipart, `process` and `kind` before it. */
export async function uploadMaterial(
  apiUrl: string,
  authorization: string,
  file: { name: string; bytes: Buffer; type?: string },
  fields: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const response = await fetch(`${apiUrl}/materials`, { method: 'POST', headers: { authorization }, body: form });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}

/**
 * Uploads a sample of every material the process requires and answers the filing's `materials`.
 * A refused connection or a 5xx is retried (a restarting API, in the chaos run): an upload that
 * did land is simply never filed. `apiUrl` may be a function, so that behind a balancer each
 * attempt goes to the instance it picks (the scale-out run kills one mid-run).
 */
export async function uploadRequiredMaterials(apiUrl: string | (() => string), authorization: string, processCode: string): Promise<Array<{ kind: string; id: string }>> {
  const materials: Array<{ kind: string; id: string }> = [];
  for (const m of (processByCode(processCode)?.materials ?? []).filter((r) => r.required)) {
    for (let attempt = 0; ; attempt += 1) {
      const answer = await uploadMaterial(typeof apiUrl === 'string' ? apiUrl : apiUrl(), authorization, sampleFor(m), { process: processCode, kind: m.kind }).catch((error: unknown) => ({ status: 0, body: String(error) }));
      if (answer.status === 201) {
        materials.push({ kind: m.kind, id: (answer.body as { id: string }).id });
        break;
      }
      if ((answer.status !== 0 && answer.status < 500 && answer.status !== 429) || attempt >= 8) {
        throw new Error(`upload of ${m.kind} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
      await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 3000)));
    }
  }
  return materials;
}
