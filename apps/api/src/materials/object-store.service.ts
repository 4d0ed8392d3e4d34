import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DeleteObjectCommand, GetObjectCommand, GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { ApiConfig } from '../../../../libs/config';
import { ApiError } from '../../../../libs/dto';

/**
 * The object store that holds materials, spoken to by the S3 API alone: the embedded SeaweedFS
 * outside production, any S3-compatible store (S3_ENDPOINT) in it. Bytes stream through; none
 * of them ever enters a Temporal payload.
 */
@Injectable()
export class ObjectStore implements OnModuleDestroy {
  private readonly client?: S3Client;
  readonly bucket: string;

  constructor(@Inject(ApiConfig) config: ApiConfig) {
    this.bucket = config.S3_BUCKET;
    if (config.S3_ENDPOINT) {
      this.client = new S3Client({
        endpoint: config.S3_ENDPOINT,
        region: config.S3_REGION,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        credentials: config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : undefined,
        // A store that does not answer must not hold a request for minutes.
        requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
      });
    }
  }

  private get s3(): S3Client {
    if (!this.client) throw new ApiError(503, 'material.storeUnavailable');
    return this.client;
  }

  /** Refuses early (503) when no store is configured. */
  assertConfigured(): void {
    void this.s3;
  }

  /** Streams `body` into the store under `key`; multipart for large files, aborted (parts removed) on failure. */
  upload(key: string, body: Readable, contentType: string): Upload {
    return new Upload({ client: this.s3, params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }, queueSize: 2, leavePartsOnError: false });
  }

  async get(key: string): Promise<GetObjectCommandOutput> {
    return this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  onModuleDestroy(): void {
    this.client?.destroy();
  }
}
