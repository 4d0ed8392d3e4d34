import { createHash } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { uploadMaterial, uploadRequiredMaterials } from '../../infra/sample-materials';
import type { ApiUser } from './actors';
import { tokenFor } from './actors';
import type { HttpAnswer } from './http';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** POST /materials as this user: one file, multipart, with `process` and `kind` before it when given. */
export async function upload(user: ApiUser, file: { name: string; bytes: Buffer; type?: string }, fields: Record<string, string> = {}): Promise<HttpAnswer> {
  const answer = await uploadMaterial(process.env.API_URL!, `Bearer ${tokenFor(user.actor)}`, file, fields);
  return { ...answer, headers: new Headers() };
}

/** GET /materials/:id as this user: the bytes (or the error body as text). */
export async function download(user: ApiUser, id: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(`${process.env.API_URL}/materials/${id}`, { headers: { authorization: `Bearer ${tokenFor(user.actor)}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

/** Uploads a file for every material 两证联办 requires (PDFs, a PNG photo): the `materials` every suite filing a talent case sends. */
export function uploadTalentMaterials(user: ApiUser): Promise<Array<{ kind: string; id: string }>> {
  return uploadRequiredMaterials(process.env.API_URL!, `Bearer ${tokenFor(user.actor)}`, 'talent-permits');
}

/** The stack's object store, read directly (as an operator would), to see what it holds. */
export function objectStore(): { client: S3Client; bucket: string } {
  const client = new S3Client({
    endpoint: process.env.S3_ENDPOINT,
    region: process.env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
  });
  return { client, bucket: process.env.S3_BUCKET! };
}

/** Every key in the bucket. */
export async function storedKeys(): Promise<string[]> {
  const { client, bucket } = objectStore();
  try {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    return keys;
  } finally {
    client.destroy();
  }
}

export { samplePdf, samplePng } from '../../infra/sample-materials';
