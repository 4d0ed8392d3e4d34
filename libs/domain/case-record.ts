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
  certificate?: CertificateSnapshot;
  /** 合规一码通 (listing): the report anyone can verify by its code. */
  complianceReport?: ComplianceReportSnapshot;
}

export interface ComplianceReportSnapshot {
  code: string;
  creditCode: string;
  enterpriseName: string;
  issuedAt: string;
  entries: unknown[];
  status: 'valid' | 'revoked';
}

/** A certificate as issued on a case, for the public register (verification by number). */
export interface CertificateSnapshot {
  number: string;
  creditCode: string;
  enterpriseName: string;
  techField: string;
  issuedOn: string;
  validUntil: string;
  basis: string;
  status: 'valid' | 'revoked';
  revokedOn?: string;
  revokedReason?: string;
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
