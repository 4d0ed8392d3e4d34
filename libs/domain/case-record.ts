import type { CaseDocument, DepartmentIncident, StepSnapshot } from './case-engine.contract';
import type { ClockReading } from './sla-clock';

/**
 * What workflows hand to the read-model projection: a snapshot of the case and the timeline
 * entries added since the last projection. Plain JSON, so it crosses Temporal unchanged.
 */
/** A registered process's code (libs/processes/registry.ts is the one list of them). */
export type ProcessCode = string;
export type ActorRole = 'applicant' | 'agency' | 'supervisor' | 'expert' | 'public' | 'system';

export interface TimelineEntry {
  /** 1, 2, 3 … per case: with the case id it makes a retried projection write idempotent. */
  seq: number;
  /** ISO instant, from the workflow clock (deterministic under replay). */
  at: string;
  actor: string;
  role: ActorRole;
  agency?: string;
  action: string;
  reason?: string;
  detail?: Record<string, unknown>;
}

export interface CaseSnapshot {
  id: string;
  process: ProcessCode;
  status: string;
  applicantId: string;
  title: string;
  /** Grows with every projection: an older snapshot never overwrites a newer one. */
  version: number;
  filedAt: string;
  decidedAt?: string;
  decision?: string;
  application: Record<string, unknown>;
  assessment?: Record<string, unknown>;
  /** The case's decision clock (Art. 42), once it runs. */
  clock?: ClockReading & { label: string; limitDays: number; statutoryDays: number; startedAt: string; ledger: unknown };
  escalated?: boolean;
  /**
   * What the case has issued that anyone may verify (certificates, permits, compliance reports,
   * reward decisions …): the projection writes each to the one public register.
   */
  artefacts?: Artefact[];
}

/** Valid until revoked or replaced; `expired` is read from `validUntil`, never written. */
export type ArtefactStatus = 'valid' | 'revoked' | 'superseded' | 'expired';

/**
 * An entry of the public register (公开查验), as the case issued it. Public fields only: a
 * verifier learns that the number is genuine, whose it is, from whom, for how long and whether it
 * still stands — never a person's name, passport or birth date.
 */
export interface Artefact {
  /** certificate, permit, compliance-report, reward-decision …: with the number, the register's key. */
  kind: string;
  /** Its number or code, as printed on it: what a verifier types in. */
  number: string;
  /** Its name as issued: 高新技术企业证书, 外国人来华工作许可 … */
  title: string;
  /** The department that issued it. */
  issuer: string;
  /**
   * The enterprise it was issued to, or bound to: a permit names the employer it ties the
   * talent to, not the person (permit numbers can be enumerated; a name would list a firm's staff).
   */
  holder: { name: string; creditCode: string };
  /** YYYY-MM-DD (Beijing). */
  issuedOn: string;
  /** The instant, when the issuer stamps one (a compliance report). */
  issuedAt?: string;
  validFrom?: string;
  validUntil?: string;
  status: Exclude<ArtefactStatus, 'expired'>;
  revokedOn?: string;
  revokedReason?: string;
  basis?: string;
  /** A newer one of the same kind for the same holder replaces every older one still valid (合规一码通). */
  supersedesOlder?: boolean;
  /** What else of it a verifier may see: a certificate's technology field, a report's results. */
  details?: Record<string, unknown>;
}

/**
 * One write to the read model. The workflow's projector sends only what changed since its last
 * write (new timeline entries, steps that changed, new documents); the reconciler's repair sends
 * everything. Both are upserts, so either is safe to repeat.
 */
export interface CaseProjection {
  snapshot: CaseSnapshot;
  timeline: TimelineEntry[];
  steps?: StepSnapshot[];
  documents?: CaseDocument[];
  incidents?: DepartmentIncident[];
}

/** The case id is the workflow id: the process and the client's idempotency key. */
export function caseIdFor(process: ProcessCode, idempotencyKey: string): string {
  return `${process}-${idempotencyKey}`;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
