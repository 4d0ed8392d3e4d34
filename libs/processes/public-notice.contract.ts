import { defineUpdate } from '@temporalio/workflow';
import type { OptionLimit, ProcessAction } from './process-contract';

/**
 * 公示, as every process that publishes its decision declares it: anyone may object while the
 * notice runs (the same public action and update in each, ObjectionDto its body), and the notice
 * lasts working days, or seconds in a demo. Workflow-safe: workflows import it by relative path.
 */

export interface ObjectionInput {
  name: string;
  contact: string;
  reason: string;
}

/** An objection as the case file keeps it; the objector's name and contact never reach the timeline. */
export interface Objection extends ObjectionInput {
  id: string;
  at: string;
}

export const lodgeObjectionUpdate = defineUpdate<{ id: string }, [ObjectionInput]>('lodgeObjection');

/** `POST /public-notices/{caseId}/objections`: anyone, without signing in, while the case is in 公示. */
export const OBJECTION_ACTION: ProcessAction = {
  action: 'objections',
  update: lodgeObjectionUpdate.name,
  label: '提出异议',
  description: '公示期内任何人提出异议',
  on: 'public',
  roles: [],
  openWhile: ['public-notice'],
  closed: 'publicNotice.notFound',
};

/** The 公示's length: its working days (at most `maxDays`), and the demos' seconds (never in production). */
export function publicNoticeLimits(maxDays: number): { publicNoticeDays: OptionLimit; publicNoticeSeconds: OptionLimit } {
  return {
    publicNoticeDays: { env: 'PUBLIC_NOTICE_DAYS', min: 1, max: maxDays, description: '公示期（工作日）' },
    publicNoticeSeconds: {
      env: 'PUBLIC_NOTICE_SECONDS',
      min: 1,
      max: 3600,
      description: '演示用：公示持续的秒数（代替工作日）',
      optional: true,
      notInProduction: 'a 公示 of seconds is for demos, not production',
      demoSeconds: true,
    },
  };
}
