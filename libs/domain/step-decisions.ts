/**
 * acceptance: 受理 / 不予受理 / 一次性告知补正; review: 同意 / 不同意 / 退回补正;
 * a compliance finding: the department confirms it stands, or clears it.
 * Pure data: the workflows' validators check decisions with these, and the consoles show each
 * decision's own fields from the same lists (a reason, correction items).
 */
export type StepDecisionKind = 'accept' | 'refuse' | 'request-correction' | 'approve' | 'reject' | 'return' | 'confirm' | 'clear';
export const DECISIONS_NEEDING_REASON: StepDecisionKind[] = ['refuse', 'request-correction', 'reject', 'return', 'confirm', 'clear'];
export const DECISIONS_ASKING_CORRECTION: StepDecisionKind[] = ['request-correction', 'return'];
