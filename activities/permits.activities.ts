import { Injectable } from '@nestjs/common';
import type { PermitRecord } from '../libs/domain';
import { DepartmentHttpClient } from './department-http.client';

export interface PermitRequest {
  caseId: string;
  holderName: string;
  passportNumber: string;
  nationality: string;
  employerCreditCode: string;
  position: string;
  validFrom: string;
  validUntil: string;
}

/** 市人社局: 来华工作许可. Idempotent by case: a retry returns the permit already issued. */
@Injectable()
export class HrSocialSecurityActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  issueWorkPermit(request: PermitRequest): Promise<PermitRecord> {
    return this.http.post('hr-social-security', '/hr-social-security/work-permits', request);
  }
}

/** 市公安局出入境管理总队: 居留许可, issued straight after the work permit. */
@Injectable()
export class PublicSecurityActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  issueResidencePermit(request: Omit<PermitRequest, 'position'> & { workPermitNumber: string }): Promise<PermitRecord> {
    return this.http.post('public-security', '/public-security/residence-permits', request);
  }
}

/** 市人才工作局: 北京市工作居住证. */
@Injectable()
export class TalentBureauActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  issueWorkResidencePermit(request: Pick<PermitRequest, 'caseId' | 'holderName' | 'passportNumber' | 'employerCreditCode' | 'validFrom' | 'validUntil'>): Promise<PermitRecord> {
    return this.http.post('talent-bureau', '/talent-bureau/work-residence-permits', request);
  }
}

/** 市住建委: 人才公租房. */
@Injectable()
export class HousingActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  allocateTalentRental(request: { caseId: string; holderName: string; employerCreditCode: string; project: string }): Promise<Record<string, unknown>> {
    return this.http.post('housing', '/housing/talent-rental-allocations', request);
  }
}
