import type { BusinessType, TechField } from '../../libs/domain';
import { departments, uniqueCreditCode } from './http';

/** One enterprise as the four departments hold it; every field can be varied per test. */
export interface EnterpriseProfile {
  creditCode: string;
  name: string;
  registeredOn: string;
  province: string;
  district: string;
  businessType: BusinessType;
  techField: TechField;
  year: number;
  domesticYuan: number;
  totalYuan: number;
  aboveDesignatedSize: boolean;
  /** Which departments hold a record at all. */
  holds: { registration: boolean; tax: boolean; statistics: boolean; zgc: boolean };
}

/** An enterprise that meets every 报备即批准 criterion, with a fresh credit code. */
export function eligibleEnterprise(overrides: Partial<EnterpriseProfile> = {}): EnterpriseProfile {
  return {
    creditCode: uniqueCreditCode(),
    name: '北京测试芯片科技有限公司',
    registeredOn: '2018-05-20',
    province: '北京市',
    district: '海淀区',
    businessType: 'production',
    techField: 'integrated-circuits',
    year: 2025,
    domesticYuan: 6_000_000,
    totalYuan: 10_000_000,
    aboveDesignatedSize: true,
    holds: { registration: true, tax: true, statistics: true, zgc: true },
    ...overrides,
  };
}

async function put(path: string, body: unknown): Promise<void> {
  const answer = await departments('PUT', path, body);
  if (answer.status !== 200) throw new Error(`loading ${path} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** Loads the enterprise into each department through the departments' own dev endpoints. */
export async function loadEnterprise(e: EnterpriseProfile): Promise<EnterpriseProfile> {
  const code = e.creditCode;
  if (e.holds.registration) {
    await put(`/market-supervision/registrations/${code}`, { name: e.name, registeredOn: e.registeredOn, province: e.province, district: e.district, businessType: e.businessType });
  }
  if (e.holds.tax) await put(`/tax/rd-expenses/${code}/${e.year}`, { domesticYuan: e.domesticYuan, totalYuan: e.totalYuan });
  if (e.holds.statistics) await put(`/statistics/enterprise-scale/${code}/${e.year}`, { aboveDesignatedSize: e.aboveDesignatedSize });
  if (e.holds.zgc) await put(`/zgc/enterprises/${code}`, { name: e.name, techField: e.techField });
  return e;
}

/** The application that enterprise files, declaring what it believes the departments hold. */
export function applicationFor(e: EnterpriseProfile, overrides: Record<string, unknown> = {}) {
  return {
    creditCode: e.creditCode,
    enterpriseName: e.name,
    techField: e.techField,
    rdExpenses: { year: e.year, domesticYuan: e.domesticYuan, totalYuan: e.totalYuan },
    ...overrides,
  };
}
