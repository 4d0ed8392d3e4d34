import { Injectable } from '@nestjs/common';
import type { DishonestyMark, TechField, UnicornRecord, ZgcEnterpriseRecord } from '../libs/domain';
import type { CertificateSnapshot } from '../libs/processes/high-tech/high-tech.contract';
import { DepartmentHttpClient } from './department-http.client';

export interface IssueCertificateInput {
  caseId: string;
  creditCode: string;
  enterpriseName: string;
  techField: TechField;
  issuedOn: string;
  validUntil: string;
  basis: string;
}

/** 市科委、中关村管委会: the 中关村高新技术企业库, certificates, and 失信 records. */
@Injectable()
export class ZgcActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  getEnterprise(creditCode: string): Promise<ZgcEnterpriseRecord | null> {
    return this.http.get('zgc', `/zgc/enterprises/${encodeURIComponent(creditCode)}`);
  }

  /** The 独角兽企业服务库; null when the enterprise is not in it. */
  getUnicorn(creditCode: string): Promise<UnicornRecord | null> {
    return this.http.get('zgc', `/zgc/unicorns/${encodeURIComponent(creditCode)}`);
  }

  async getCreditMarks(creditCode: string): Promise<DishonestyMark[]> {
    return (await this.http.get<DishonestyMark[]>('zgc', `/zgc/credit-marks/${encodeURIComponent(creditCode)}`)) ?? [];
  }

  /** Idempotent by case: a retried issue returns the certificate already issued, never a second. */
  issueCertificate(input: IssueCertificateInput): Promise<CertificateSnapshot> {
    return this.http.post('zgc', '/zgc/certificates', input);
  }

  revokeCertificate(number: string, caseId: string, reason: string): Promise<CertificateSnapshot> {
    return this.http.post('zgc', `/zgc/certificates/${encodeURIComponent(number)}/revocation`, { caseId, reason });
  }

  recordCreditMark(creditCode: string, caseId: string, reason: string): Promise<DishonestyMark> {
    return this.http.post('zgc', '/zgc/credit-marks', { creditCode, caseId, reason });
  }
}
