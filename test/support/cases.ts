import { api, eventually, idempotencyKey } from './http';

/** Files an application as the applicant would and waits until the case is decided. */
export async function fileHighTech(application: unknown, key = idempotencyKey()) {
  const filed = await api('POST', '/cases/high-tech', application, { 'Idempotency-Key': key });
  if (filed.status !== 201) throw new Error(`filing failed: ${filed.status} ${JSON.stringify(filed.body)}`);
  return filed.body as { id: string; status: string };
}

export async function awaitDecision(caseId: string, timeoutMs = 30_000) {
  return eventually(
    `a decision on ${caseId}`,
    async () => {
      const answer = await api('GET', `/cases/${caseId}`);
      return answer.status === 200 && answer.body.status !== 'verifying' ? answer.body : undefined;
    },
    timeoutMs,
  );
}

export async function fileAndAwaitDecision(application: unknown) {
  return awaitDecision((await fileHighTech(application)).id);
}

export const failedCriteria = (decided: { criteria: Array<{ criterion: string; passed: boolean }> }) =>
  decided.criteria.filter((c) => !c.passed).map((c) => c.criterion);
