import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { DepartmentCode, departmentName } from '../libs/domain';

export const DEPARTMENTS_URL = Symbol('DEPARTMENTS_URL');

/** Failure types the workflows' retry policies name; never class names. */
export const DEPARTMENT_UNAVAILABLE = 'DepartmentUnavailable';
export const DEPARTMENT_REJECTED_REQUEST = 'DepartmentRejectedRequest';

/**
 * HTTP to the departments' services. A missing record is an answer (null), a 4xx other than
 * 404 is our bug (not retried), and anything else — 5xx, 429, a timeout, a refused
 * connection — is the department being unavailable, which Temporal retries.
 */
@Injectable()
export class DepartmentHttpClient {
  constructor(@Inject(DEPARTMENTS_URL) private readonly baseUrl: string) {}

  async get<T>(department: DepartmentCode, path: string, timeoutMs = 5000): Promise<T | null> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    } catch (error) {
      throw ApplicationFailure.retryable(`${departmentName(department)} did not answer: ${(error as Error).message}`, DEPARTMENT_UNAVAILABLE, {
        department,
        url,
      });
    }
    if (response.status === 404) return null;
    if (response.ok) return (await response.json()) as T;
    const body = await response.text().catch(() => '');
    if (response.status >= 500 || response.status === 429) {
      throw ApplicationFailure.retryable(`${departmentName(department)} answered ${response.status}`, DEPARTMENT_UNAVAILABLE, { department, url, body });
    }
    throw ApplicationFailure.nonRetryable(`${departmentName(department)} refused the request (${response.status}): ${body}`, DEPARTMENT_REJECTED_REQUEST, {
      department,
      url,
    });
  }
}
