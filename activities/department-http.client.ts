import { Inject, Injectable, Optional } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { ServiceTokenSigner } from '../libs/auth/service-token';
import { DepartmentCode, departmentName } from '../libs/domain';
import { DepartmentCallMetrics } from '../libs/observability/department-call.metrics';

export const DEPARTMENTS_URL = Symbol('DEPARTMENTS_URL');

/** Failure types the workflows' retry policies name; never class names. */
export const DEPARTMENT_UNAVAILABLE = 'DepartmentUnavailable';
export const DEPARTMENT_REJECTED_REQUEST = 'DepartmentRejectedRequest';

/**
 * HTTP to the departments' services, each call signed with the worker's service token. A missing
 * record is an answer (null), a 4xx other than 404 is our bug (not retried), and anything else —
 * 5xx, 429, a timeout, a refused connection — is the department being unavailable, which
 * Temporal retries. So is a 401 or 403: a refused credential is a key out of step (a rotation
 * half done), which an operator fixes while the cases wait, rather than a reason to fail them.
 */
@Injectable()
export class DepartmentHttpClient {
  constructor(
    @Inject(DEPARTMENTS_URL) private readonly baseUrl: string,
    private readonly signer: ServiceTokenSigner,
    // Latency and failures by department, on the worker's /metrics (absent where no metrics module is loaded).
    @Optional() private readonly metrics?: DepartmentCallMetrics,
  ) {}

  /** A lookup: 404 means the department holds no record, which is an answer (null). */
  async get<T>(department: DepartmentCode, path: string, timeoutMs = 5000): Promise<T | null> {
    const response = await this.send(department, 'GET', path, undefined, timeoutMs);
    if (response.status === 404) return null;
    return this.read<T>(department, response);
  }

  /** An action the department performs (issue, revoke, register); its services make these idempotent. */
  async post<T>(department: DepartmentCode, path: string, body: unknown, timeoutMs = 5000): Promise<T> {
    return this.read<T>(department, await this.send(department, 'POST', path, body, timeoutMs));
  }

  private async send(department: DepartmentCode, method: string, path: string, body: unknown, timeoutMs: number): Promise<Response> {
    const url = `${this.baseUrl}${path}`;
    const call = this.metrics?.start(department, method);
    try {
      const response = await fetch(url, {
        method,
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/json', ...this.signer.headers(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      call?.answered(response.status);
      return response;
    } catch (error) {
      call?.failed(error);
      throw ApplicationFailure.retryable(`${departmentName(department)} did not answer: ${(error as Error).message}`, DEPARTMENT_UNAVAILABLE, { department, url });
    }
  }

  private async read<T>(department: DepartmentCode, response: Response): Promise<T> {
    if (response.ok) return (await response.json()) as T;
    const body = await response.text().catch(() => '');
    const url = response.url;
    if (response.status >= 500 || response.status === 429) {
      throw ApplicationFailure.retryable(`${departmentName(department)} answered ${response.status}`, DEPARTMENT_UNAVAILABLE, { department, url, body });
    }
    if (response.status === 401 || response.status === 403) {
      throw ApplicationFailure.retryable(`${departmentName(department)} refused the worker's service credential (${response.status}): check DEPARTMENTS_SERVICE_PRIVATE_KEY against the departments' DEPARTMENTS_SERVICE_PUBLIC_KEY`, DEPARTMENT_UNAVAILABLE, { department, url, body });
    }
    throw ApplicationFailure.nonRetryable(`${departmentName(department)} refused the request (${response.status}): ${body}`, DEPARTMENT_REJECTED_REQUEST, {
      department,
      url,
    });
  }
}
