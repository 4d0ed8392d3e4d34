import { ApiUser, applicant, as } from './actors';
import { eventually, idempotencyKey } from './http';

/** Files an application as its enterprise's applicant would. */
export async function fileHighTech(application: { creditCode: string; [field: string]: unknown }, key = idempotencyKey(), user: ApiUser = as(applicant(application.creditCode))) {
  const filed = await user.post('/cases/high-tech', application, { 'Idempotency-Key': key });
  if (filed.status !== 201) throw new Error(`filing failed: ${filed.status} ${JSON.stringify(filed.body)}`);
  return filed.body as { id: string; status: string; applicantId: string };
}

/** Polls the case as `user` until `ready` says it has got where the test needs it. */
export async function awaitCase(user: ApiUser, caseId: string, ready: (c: any) => boolean, what = 'the case to move', timeoutMs = 30_000) {
  return eventually(
    `${what} (${caseId})`,
    async () => {
      const answer = await user.get(`/cases/${caseId}`);
      return answer.status === 200 && ready(answer.body) ? answer.body : undefined;
    },
    timeoutMs,
  );
}

export async function awaitDecision(caseId: string, user: ApiUser) {
  // Certified on filing is decided once the certificate is on the case.
  return awaitCase(user, caseId, (c) => c.projected && c.status !== 'verifying' && (c.status !== 'certified' || c.certificate), 'a decision');
}

export async function fileAndAwaitDecision(application: { creditCode: string; [field: string]: unknown }) {
  const user = as(applicant(application.creditCode));
  return awaitDecision((await fileHighTech(application, idempotencyKey(), user)).id, user);
}

export const failedCriteria = (decided: { criteria: Array<{ criterion: string; passed: boolean }> }) =>
  decided.criteria.filter((c) => !c.passed).map((c) => c.criterion);
