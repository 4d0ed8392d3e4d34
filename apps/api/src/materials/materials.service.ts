import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { Request } from 'express';
import { In, Repository } from 'typeorm';
import { ApiConfig } from '../../../../libs/config';
import { Actor, DOCUMENT_TYPES, ENGINE_MATERIALS, MaterialReference, MaterialRequirement, correctionMaterials, decisionMaterials, seesPersonalDataWhole } from '../../../../libs/domain';
import { ApiError, invalidRequest, problem } from '../../../../libs/dto';
import type { ErrorCode, ErrorParams, FieldProblem } from '../../../../libs/i18n/error-catalogue';
import { PROCESS_CODES, processByCode } from '../../../../libs/processes';
import { CaseRecord, MaterialRecord, downloadHash } from '../../../../libs/persistence';
import { CaseAccess } from '../cases/case-access.service';
import { SNIFF_BYTES, TAIL_BYTES, sniff, truncated, typeName, typeProblem } from './content-check';
import { NamedMaterial, UUID, attachmentProblems, namedMaterials } from './material-rules';
import { ObjectStore } from './object-store.service';

/** What POST /materials answers, and what a filing's timeline records of each file. */
export type MaterialView = MaterialReference & { uploadedAt: string };

export type AttachedAs = 'filing' | 'correction' | 'decision';

const MB = 1024 * 1024;

function view(r: MaterialRecord): MaterialView {
  return { id: r.id, kind: r.kind ?? '', name: r.name, size: r.size, contentType: r.contentType, sha256: r.sha256, uploadedAt: r.uploadedAt.toISOString() };
}

export function referenceOf(r: MaterialRecord, kind: string): MaterialReference {
  return { id: r.id, kind, name: r.name, size: r.size, contentType: r.contentType, sha256: r.sha256 };
}

/** A refusal of the uploaded file, naming the field `file`: 4xx, with errors[] as a 400 has. */
function fileRefused(status: number, rule: string, code: ErrorCode, params: ErrorParams): ApiError {
  const named = { field: 'file', ...params };
  return new ApiError(status, code, named, { errors: [problem('file', rule, code, named)] });
}

/** A file name as kept: its last path segment, no control characters, at most 255 characters. */
function cleanName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[\uD800-\uDFFF]/g, '\uFFFD').trim();
  return (clean || 'file').slice(0, 255);
}

/** A case id is `<process>-<Idempotency-Key>`: its process, for a case not yet projected. */
function processOf(caseId: string): string | undefined {
  return PROCESS_CODES.find((code) => caseId.startsWith(`${code}-`));
}

/** Where a case's process is known: the materials a kind may be, across the filing, correction and decision. */
function requirementFor(process: string | undefined, kind: string | null): MaterialRequirement | undefined {
  if (!kind) return undefined;
  const definition = process ? processByCode(process) : undefined;
  return definition?.materials?.find((m) => m.kind === kind) ?? ENGINE_MATERIALS.find((m) => m.kind === kind);
}

/**
 * Materials (附件): uploads streamed to the object store with their SHA-256 computed on the way
 * and their type judged by content; attached to a filing, correction answer or decision only by
 * their uploader, once; downloaded by whoever may see the case, every download on the audit trail.
 */
@Injectable()
export class MaterialsService {
  private readonly logger = new Logger('Materials');

  constructor(
    @Inject(ApiConfig) private readonly config: ApiConfig,
    @InjectRepository(MaterialRecord) private readonly materials: Repository<MaterialRecord>,
    @InjectRepository(CaseRecord) private readonly cases: Repository<CaseRecord>,
    private readonly store: ObjectStore,
    private readonly access: CaseAccess,
  ) {}

  // ——— upload ———

  /**
   * POST /materials: one file, multipart. Optional fields before it, `process` and `kind`, hold it
   * to that material's types and size; without them any document type (PDF, PNG, JPEG) up to
   * MATERIALS_MAX_BYTES is taken, and the kind is checked when it is attached.
   */
  async upload(actor: Actor, req: Request): Promise<MaterialView> {
    this.store.assertConfigured();
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) throw new ApiError(415, 'material.notMultipart', {}, { errors: [problem('file', 'multipart', 'material.notMultipart')] });
    // Chinese file names arrive as UTF-8 (browsers send them so), not busboy's default latin1.
    const parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 4, fieldSize: 200, parts: 6, fileSize: this.config.MATERIALS_MAX_BYTES + 1 } });
    const fields: Record<string, string> = {};
    let stored: Promise<MaterialView> | undefined;
    let refused: ApiError | undefined;
    let fileFailed: () => void = () => undefined;
    const failed = new Promise<void>((resolve) => (fileFailed = resolve));
    const done = new Promise<void>((resolve, reject) => {
      parser.on('close', resolve);
      parser.on('error', reject);
    });
    parser.on('field', (name, value) => {
      if (stored) refused ??= invalidRequest([problem(name, 'beforeFile', 'material.fieldOrder', { field: name })]);
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || stored) {
        refused ??= invalidRequest([problem(name === 'file' ? 'file' : name, 'oneFile', 'material.oneFile', { field: name })]);
        stream.resume();
        return;
      }
      stored = this.store_(actor, fields, stream, info.filename);
      // A refused file answers at once: a form that broke off may never close.
      stored.catch(() => fileFailed());
    });
    parser.on('filesLimit', () => (refused ??= invalidRequest([problem('file', 'oneFile', 'material.oneFile', { field: 'file' })])));
    req.pipe(parser);
    await Promise.race([
      done.catch(() => {
        refused ??= new ApiError(400, 'material.notMultipart', {}, { errors: [problem('file', 'multipart', 'material.notMultipart')] });
      }),
      failed,
    ]);
    if (!stored) throw refused ?? invalidRequest([problem('file', 'isNotEmpty', 'material.noFile', { field: 'file' })]);
    const material = await stored;
    if (refused) {
      // Stored, but the request broke a rule: nothing of it may stay.
      await this.discard(material.id);
      throw refused;
    }
    return material;
  }

  /** The kind asked for at upload (with its process), or none: its types and size limit, or the defaults. */
  private uploadRules(fields: Record<string, string>): { kind: string | null; name?: string; types: readonly string[]; maxBytes: number } {
    const max = this.config.MATERIALS_MAX_BYTES;
    if (!fields.kind) return { kind: null, types: DOCUMENT_TYPES, maxBytes: max };
    const process = fields.process ? processByCode(fields.process) : undefined;
    if (fields.process && !process) throw invalidRequest([problem('process', 'registeredProcess', 'process.unknown', { process: fields.process.slice(0, 64), processes: [] })]);
    const accepted = [...(process ? [...(process.materials ?? []), ...correctionMaterials(process)] : []), ...ENGINE_MATERIALS];
    const requirement = accepted.find((m) => m.kind === fields.kind);
    if (!requirement) {
      throw invalidRequest([problem('kind', 'knownMaterialKind', 'material.unknownKind', { field: 'kind', kind: fields.kind.slice(0, 64), kinds: [...new Set(accepted.map((m) => m.kind))], kindNames: [...new Set(accepted.map((m) => m.name))] })]);
    }
    return { kind: requirement.kind, name: requirement.name, types: requirement.contentTypes, maxBytes: Math.min(requirement.maxBytes, max) };
  }

  /**
   * Streams one file to the store: the first bytes are held until its type is known (the object
   * is written with that type), the SHA-256 and size are counted on the way, and the upload is
   * refused the moment it passes its limit. Any refusal or failure removes what was written.
   */
  private async store_(actor: Actor, fields: Record<string, string>, file: Readable, filename: string | undefined): Promise<MaterialView> {
    let rules: ReturnType<MaterialsService['uploadRules']>;
    try {
      rules = this.uploadRules(fields);
    } catch (error) {
      file.resume();
      throw error;
    }
    const name = cleanName(filename);
    const id = randomUUID();
    const key = `materials/${id}`;
    const hash = createHash('sha256');
    const body = new PassThrough();
    let upload: ReturnType<ObjectStore['upload']> | undefined;
    let uploaded: Promise<unknown> | undefined;
    let head: Buffer[] = [];
    let headBytes = 0;
    let tail = Buffer.alloc(0);
    let size = 0;
    let contentType = '';
    const begin = async () => {
      const first = Buffer.concat(head);
      const detected = await sniff(first);
      const wrong = typeProblem(detected, rules.types, name);
      if (wrong) {
        const allowed = rules.types.map(typeName);
        if (wrong.rule === 'unrecognisedType') throw fileRefused(415, wrong.rule, 'material.unrecognisedType', { name, allowed });
        if (wrong.rule === 'typeMismatch') throw fileRefused(415, wrong.rule, 'material.typeMismatch', { name, detected: typeName(wrong.detected), extension: wrong.extension });
        throw fileRefused(415, wrong.rule, 'material.typeNotAllowed', { name, allowed, detected: typeName(wrong.rule === 'typeNotAllowed' ? wrong.detected : ''), kindName: rules.name ?? '附件' });
      }
      contentType = detected!;
      upload = this.store.upload(key, body, contentType);
      uploaded = upload.done();
      uploaded.catch(() => undefined);
      body.write(first);
      head = [];
    };
    try {
      const chunks = (file.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      for (;;) {
        // A read that fails is the request breaking off (the client gone, the form ended mid-file): the file is not whole.
        const next = await chunks.next().catch(() => {
          throw fileRefused(400, 'wholeFile', 'material.interrupted', { name });
        });
        if (next.done) break;
        const chunk = next.value;
        size += chunk.length;
        if (size > rules.maxBytes) throw fileRefused(413, 'maxBytes', 'material.tooLarge', { name, maxMb: Math.round((rules.maxBytes / MB) * 10) / 10 });
        hash.update(chunk);
        tail = Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
        if (!upload) {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes >= SNIFF_BYTES) await begin();
        } else if (!body.write(chunk)) {
          await once(body, 'drain');
        }
      }
      if ((file as Readable & { truncated?: boolean }).truncated) throw fileRefused(413, 'maxBytes', 'material.tooLarge', { name, maxMb: Math.round((rules.maxBytes / MB) * 10) / 10 });
      if (size === 0) throw fileRefused(400, 'notEmpty', 'material.empty', { name });
      if (!upload) await begin();
      if (truncated(contentType, tail)) throw fileRefused(400, 'wholeFile', 'material.broken', { name, detected: typeName(contentType) });
      body.end();
      await uploaded;
    } catch (error) {
      file.resume();
      body.destroy();
      await this.removeObject(key, upload);
      if (error instanceof ApiError) throw error;
      this.logger.error(`upload of ${key} failed: ${String(error)}`);
      throw new ApiError(503, 'material.storeUnavailable');
    }
    const record = this.materials.create({
      id,
      objectKey: key,
      kind: rules.kind,
      name,
      contentType,
      size,
      sha256: hash.digest('hex'),
      uploadedBy: actor.userId,
      uploaderRole: actor.role,
      applicantId: actor.applicantId ?? null,
      agency: actor.agency ?? null,
      uploadedAt: new Date(),
      caseId: null,
      attachedAs: null,
      attachedKind: null,
      attachedAt: null,
    });
    try {
      await this.materials.insert(record);
    } catch (error) {
      await this.removeObject(key);
      throw error;
    }
    return view(record);
  }

  /** Nothing half-written stays: an aborted multipart upload leaves no parts, a finished one is deleted. */
  private async removeObject(key: string, upload?: { abort(): Promise<void> }): Promise<void> {
    await upload?.abort().catch(() => undefined);
    await this.store.delete(key).catch((error: unknown) => this.logger.error(`could not remove ${key}: ${String(error)}`));
  }

  private async discard(id: string): Promise<void> {
    const record = await this.materials.findOneBy({ id });
    if (!record) return;
    await this.removeObject(record.objectKey);
    await this.materials.delete({ id });
  }

  // ——— attaching to a filing, a correction answer, a decision ———

  /**
   * The files named in a filing (its `materials`, as sent), checked against the process's list
   * and looked up: each the caller's own upload, not attached elsewhere (a retry of the same filing
   * finds them on its own case), of a type and size its kind takes. 400 naming each field otherwise.
   */
  async forFiling(actor: Actor, processCode: string, value: unknown, caseId: string): Promise<MaterialReference[]> {
    const process = processByCode(processCode);
    return this.resolve(actor, value, process?.materials ?? [], caseId, 'filing');
  }

  async forCorrection(actor: Actor, caseId: string, value: unknown): Promise<MaterialReference[]> {
    const record = await this.cases.findOne({ where: { id: caseId }, select: { id: true, process: true } });
    const process = record ? processByCode(record.process) : undefined;
    return this.resolve(actor, value, correctionMaterials(process ?? {}), caseId, 'correction');
  }

  async forDecision(actor: Actor, caseId: string, value: unknown): Promise<MaterialReference[]> {
    return this.resolve(actor, value, decisionMaterials(), caseId, 'decision');
  }

  private async resolve(actor: Actor, value: unknown, accepted: readonly MaterialRequirement[], caseId: string, as: AttachedAs, field = 'materials'): Promise<MaterialReference[]> {
    const { items, problems } = namedMaterials(value, field);
    if (problems.length) throw invalidRequest(problems);
    const shape = attachmentProblems(items, accepted, this.config.MATERIALS_MAX_PER_FILING, field);
    if (shape.length) throw invalidRequest(shape);
    if (!items.length) return [];
    this.store.assertConfigured();
    const found = new Map((await this.materials.findBy({ id: In(items.map((i) => i.id)) })).map((r) => [r.id, r]));
    const refusals: FieldProblem[] = [];
    const references = items.map((item, i) => {
      const at = `${field}.${i}.id`;
      const record = found.get(item.id);
      // Another's upload is as good as none: its existence is not told.
      if (!record || record.uploadedBy !== actor.userId) {
        refusals.push(problem(at, 'ownMaterial', 'material.notYours', { field: at, id: item.id }));
        return undefined;
      }
      // Attached already: only a retry of the same request (same case, same purpose) finds it so.
      if (record.caseId && (record.caseId !== caseId || record.attachedAs !== as)) {
        refusals.push(problem(at, 'unattached', 'material.alreadyAttached', { field: at, id: item.id }));
        return undefined;
      }
      const requirement = accepted.find((m) => m.kind === item.kind)!;
      // Uploaded as one kind (its limits checked then), it is filed as that kind.
      if (record.kind && record.kind !== item.kind) {
        const uploadedAs = requirementFor(processOf(caseId), record.kind)?.name ?? record.kind;
        refusals.push(problem(at, 'sameKind', 'material.kindMismatch', { field: at, id: item.id, uploadedAs, kindName: requirement.name }));
        return undefined;
      }
      if (!requirement.contentTypes.includes(record.contentType)) {
        refusals.push(
          problem(at, 'typeNotAllowed', 'material.typeNotAllowed', { field: at, kindName: requirement.name, allowed: requirement.contentTypes.map(typeName), name: record.name, detected: typeName(record.contentType) }),
        );
        return undefined;
      }
      if (record.size > Math.min(requirement.maxBytes, this.config.MATERIALS_MAX_BYTES)) {
        refusals.push(problem(at, 'maxBytes', 'material.tooLarge', { field: at, name: record.name, maxMb: Math.round((Math.min(requirement.maxBytes, this.config.MATERIALS_MAX_BYTES) / MB) * 10) / 10 }));
        return undefined;
      }
      return referenceOf(record, item.kind);
    });
    if (refusals.length) throw invalidRequest(refusals);
    return references as MaterialReference[];
  }

  /**
   * Marks the files as the case's, unless another request took one meanwhile (409). A retry of
   * the same request finds them already on this case. Answers the ids this call attached, which
   * are all `detach` gives back if the request then fails.
   */
  async attach(actor: Actor, references: readonly MaterialReference[], caseId: string, as: AttachedAs): Promise<string[]> {
    if (!references.length) return [];
    const ids = references.map((r) => r.id);
    return this.materials.manager.transaction(async (em) => {
      const fresh: string[] = [];
      for (const ref of references) {
        const [rows] = (await em.query(
          `UPDATE materials SET case_id = $1, attached_as = $2, attached_kind = $3, attached_at = now() WHERE id = $4 AND uploaded_by = $5 AND case_id IS NULL RETURNING id`,
          [caseId, as, ref.kind, ref.id, actor.userId],
        )) as [Array<{ id: string }>, number];
        fresh.push(...rows.map((r) => r.id));
      }
      const held = (await em.query(`SELECT id FROM materials WHERE id = ANY($1::uuid[]) AND case_id = $2`, [ids, caseId])) as Array<{ id: string }>;
      const lost = references.findIndex((r) => !held.some((h) => h.id === r.id));
      if (lost >= 0) {
        // Rolled back with the transaction: nothing of this request stays attached.
        const at = `materials.${lost}.id`;
        throw new ApiError(409, 'material.alreadyAttached', { field: at, id: references[lost].id }, { errors: [problem(at, 'unattached', 'material.alreadyAttached', { field: at, id: references[lost].id })] });
      }
      return fresh;
    });
  }

  /** The filing, answer or decision did not go through: the files this request attached are the uploader's again. */
  async detach(ids: readonly string[], caseId: string): Promise<void> {
    if (!ids.length) return;
    await this.materials.query(`UPDATE materials SET case_id = NULL, attached_as = NULL, attached_kind = NULL, attached_at = NULL WHERE id = ANY($1::uuid[]) AND case_id = $2`, [ids, caseId]);
  }

  // ——— download ———

  /**
   * The file, for whoever may see its case (GET /cases/:id's rule); before it is attached, for its
   * uploader alone. Anyone else is told it does not exist (404), as for a case. A personal
   * document (a passport scan) is refused (403) to those who see the case's personal data masked.
   * Every download is recorded, chained, before the first byte is sent.
   */
  async open(actor: Actor, id: string): Promise<{ record: MaterialRecord; body: Readable }> {
    const record = UUID.test(id) ? await this.materials.findOneBy({ id: id.toLowerCase() }) : null;
    if (!record) throw new ApiError(404, 'material.notFound');
    let process: string | undefined;
    if (!record.caseId) {
      if (record.uploadedBy !== actor.userId) throw new ApiError(404, 'material.notFound');
    } else {
      const found = await this.cases.findOne({ where: { id: record.caseId }, select: { id: true, applicantId: true, process: true } });
      process = found?.process;
      // Just filed and not yet projected: the filing's own applicant is on the material.
      const applicantId = found?.applicantId ?? (record.attachedAs !== 'decision' ? (record.applicantId ?? undefined) : undefined);
      if (!(await this.access.canSee(actor, record.caseId, applicantId))) throw new ApiError(404, 'material.notFound');
      const requirement = requirementFor(process ?? processOf(record.caseId), record.attachedKind ?? record.kind);
      // An official's internal working paper does not exist for the applicant, as it is not on her case page.
      if (requirement?.internal && actor.role === 'applicant') throw new ApiError(404, 'material.notFound');
      if (requirement?.personal && !seesPersonalDataWhole(actor.role)) throw new ApiError(403, 'material.personal', { kindName: requirement.name });
    }
    this.store.assertConfigured();
    await this.recordDownload(actor, record);
    try {
      const object = await this.store.get(record.objectKey);
      return { record, body: object.Body as Readable };
    } catch (error) {
      this.logger.error(`download of ${record.objectKey} failed: ${String(error)}`);
      throw new ApiError(503, 'material.storeUnavailable');
    }
  }

  /** One row of the download trail, chained to the one before under a lock that serialises writers. */
  private async recordDownload(actor: Actor, record: MaterialRecord): Promise<void> {
    await this.materials.manager.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('material_downloads'))`);
      const [last] = (await em.query(`SELECT hash FROM material_downloads ORDER BY seq DESC LIMIT 1`)) as Array<{ hash: string }>;
      const entry = {
        materialId: record.id,
        caseId: record.caseId,
        at: new Date().toISOString(),
        actor: actor.userId.slice(0, 100),
        role: actor.role,
        agency: actor.agency ?? null,
        sha256: record.sha256,
      };
      const prev = last?.hash ?? null;
      await em.query(`INSERT INTO material_downloads (material_id, case_id, at, actor, role, agency, sha256, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        entry.materialId,
        entry.caseId,
        entry.at,
        entry.actor,
        entry.role,
        entry.agency,
        entry.sha256,
        prev,
        downloadHash(prev, entry),
      ]);
    });
  }

  /** Who downloaded the file and when: for whoever may download it. */
  async downloads(actor: Actor, id: string): Promise<Array<{ at: string; actor: string; role: string; agency: string | null }>> {
    const record = UUID.test(id) ? await this.materials.findOneBy({ id: id.toLowerCase() }) : null;
    if (!record) throw new ApiError(404, 'material.notFound');
    if (!record.caseId ? record.uploadedBy !== actor.userId : !(await this.access.canSee(actor, record.caseId, record.applicantId ?? undefined))) {
      throw new ApiError(404, 'material.notFound');
    }
    if (record.caseId && actor.role === 'applicant' && requirementFor(processOf(record.caseId), record.attachedKind ?? record.kind)?.internal) throw new ApiError(404, 'material.notFound');
    const rows = (await this.materials.query(`SELECT at, actor, role, agency FROM material_downloads WHERE material_id = $1 ORDER BY seq`, [record.id])) as Array<{
      at: Date;
      actor: string;
      role: string;
      agency: string | null;
    }>;
    return rows.map((r) => ({ at: r.at.toISOString(), actor: r.actor, role: r.role, agency: r.agency }));
  }

  /** The material as its uploader or a case party sees it. */
  async describe(actor: Actor, id: string): Promise<MaterialView> {
    const record = UUID.test(id) ? await this.materials.findOneBy({ id: id.toLowerCase() }) : null;
    if (!record) throw new ApiError(404, 'material.notFound');
    if (!record.caseId ? record.uploadedBy !== actor.userId : !(await this.access.canSee(actor, record.caseId, record.applicantId ?? undefined))) {
      throw new ApiError(404, 'material.notFound');
    }
    if (record.caseId && actor.role === 'applicant' && requirementFor(processOf(record.caseId), record.attachedKind ?? record.kind)?.internal) throw new ApiError(404, 'material.notFound');
    return view(record);
  }
}

export type { NamedMaterial };
