import { DepartmentCode, departmentName } from '../../domain/departments';
import {
  EXPORT_MARKETS,
  ExportMarket,
  ExportSalesRecord,
  PRODUCT_TYPES,
  ProductionLicenceRecord,
  SPECIALIZED_LEVELS,
  SpecializedEnterpriseRecord,
} from './department-records';
import { yuanText } from '../../domain/money';
import { MARKET_OF_AGENCY, REGISTRATION_AGENCIES, SpecializedRewardApplication } from './specialized-rewards.contract';

/**
 * Who item 12 rewards, checked against what the departments hold, pure and workflow-safe: the
 * workflow passes its own date. Each criterion carries its reason and the department it rests
 * on; what the applicant declared and a department records otherwise is listed with both values.
 * The registration itself is the applicant's word (no Beijing department holds a foreign
 * registration): its date is checked, and the sales since it are 北京海关's.
 */

/** What the departments answered; null where they hold no record. */
export interface RewardSharedFacts {
  /** 市经济和信息化局: the 专精特新 / 小巨人 lists the enterprise is on. */
  roster: SpecializedEnterpriseRecord | null;
  /** 市药品监督管理局: the product's Beijing production licence. */
  licence: ProductionLicenceRecord | null;
  /** 北京海关: declared exports of the product into the registration's market since its date. */
  exportSales: ExportSalesRecord | null;
}

export type RewardCriterionId = 'specialized-enterprise' | 'recent-registration' | 'beijing-production' | 'export-sales' | 'declaration-matches';

export interface RewardCriterion {
  criterion: RewardCriterionId;
  passed: boolean;
  /** Why, in a reviewer's words, naming where the fact came from. */
  reason: string;
  source: DepartmentCode | 'applicant';
}

export interface RewardMismatch {
  field: string;
  declared: string;
  shared: string | null;
  source: DepartmentCode;
}

export interface RewardAssessment {
  eligible: boolean;
  /** YYYY-MM-DD (Beijing) the assessment was made on. */
  asOf: string;
  criteria: RewardCriterion[];
  mismatches: RewardMismatch[];
}

const from = (code: DepartmentCode) => `（来源：${departmentName(code)}）`;

/**
 * 近两年内: the first day a registration still counts on `asOf`, the same date two calendar years
 * earlier (29 February from a year without one: the 28th, so no day of the two years is lost).
 */
export function registrationWindowStart(asOf: string): string {
  const [y, m, d] = asOf.split('-').map(Number);
  const year = y - 2;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function specializedEnterprise(roster: RewardSharedFacts['roster'], asOf: string): RewardCriterion {
  const source = 'economy-it';
  if (!roster) return { criterion: 'specialized-enterprise', passed: false, reason: `不在专精特新中小企业及"小巨人"企业名单中${from(source)}`, source };
  const year = Number(asOf.slice(0, 4));
  // The roster lists the highest level first: the first one still valid is the one that counts.
  const valid = roster.listings.find((l) => l.validUntil >= asOf && l.listYear <= year);
  if (valid) {
    return { criterion: 'specialized-enterprise', passed: true, reason: `${SPECIALIZED_LEVELS[valid.level]}（${valid.listYear}年认定，有效期至${valid.validUntil}）${from(source)}`, source };
  }
  const lapsed = roster.listings.map((l) => `${SPECIALIZED_LEVELS[l.level]}有效期至${l.validUntil}`).join('；');
  return { criterion: 'specialized-enterprise', passed: false, reason: `专精特新企业资格已不在有效期内（${lapsed}）${from(source)}`, source };
}

/** 在相应国外市场实现销售: the market the application's registration opens. */
export function marketOf(application: SpecializedRewardApplication): ExportMarket {
  return MARKET_OF_AGENCY[application.registration.agency];
}

function recentRegistration(claim: SpecializedRewardApplication, asOf: string): RewardCriterion {
  const { agency, number, registeredOn } = claim.registration;
  const agencyName = REGISTRATION_AGENCIES[agency];
  const since = registrationWindowStart(asOf);
  const what = `${agencyName}注册（${number}）于${registeredOn}取得`;
  if (registeredOn > asOf) return { criterion: 'recent-registration', passed: false, reason: `${what}，晚于今日（${asOf}），注册日期有误（申请人申报）`, source: 'applicant' };
  const passed = registeredOn >= since;
  return {
    criterion: 'recent-registration',
    passed,
    reason: passed ? `${what}，在近两年内（${since}起）（申请人申报）` : `${what}，早于近两年（${since}起），不在奖励范围内（申请人申报）`,
    source: 'applicant',
  };
}

function beijingProduction(claim: SpecializedRewardApplication, licence: RewardSharedFacts['licence'], asOf: string): RewardCriterion {
  const source = 'medical-products';
  const product = `“${claim.product.name}”`;
  if (!licence) return { criterion: 'beijing-production', passed: false, reason: `无${product}的本市生产许可记录，不能认定在本市生产${from(source)}`, source };
  const licensed = `生产许可证${licence.licenceNumber}（${licence.issuedOn}至${licence.validUntil}）`;
  if (licence.status !== 'valid') return { criterion: 'beijing-production', passed: false, reason: `${product}的${licensed}已注销${from(source)}`, source };
  if (licence.validUntil < asOf) return { criterion: 'beijing-production', passed: false, reason: `${product}的${licensed}已过期${from(source)}`, source };
  if (licence.productType !== claim.product.type) {
    return { criterion: 'beijing-production', passed: false, reason: `${licensed}所载产品类别为${PRODUCT_TYPES[licence.productType]}，申报为${PRODUCT_TYPES[claim.product.type]}${from(source)}`, source };
  }
  return { criterion: 'beijing-production', passed: true, reason: `${product}（${PRODUCT_TYPES[licence.productType]}）在本市生产：${licensed}${from(source)}`, source };
}

function exportSales(claim: SpecializedRewardApplication, sales: RewardSharedFacts['exportSales']): RewardCriterion {
  const source = 'customs';
  const market = EXPORT_MARKETS[marketOf(claim)];
  const since = claim.registration.registeredOn;
  if (!sales || sales.declarations.length === 0) {
    return { criterion: 'export-sales', passed: false, reason: `无“${claim.product.name}”${since}注册以来出口至${market}的报关记录，不能认定已在相应国外市场实现销售${from(source)}`, source };
  }
  return {
    criterion: 'export-sales',
    passed: true,
    reason: `${sales.firstDeclaredOn}至${sales.lastDeclaredOn}出口至${market}${sales.declarations.length}笔，共计${yuanText(sales.totalYuan)}${from(source)}`,
    source,
  };
}

/** What the applicant declared and a department records otherwise. */
export function findRewardMismatches(claim: SpecializedRewardApplication, shared: RewardSharedFacts): RewardMismatch[] {
  const mismatches: RewardMismatch[] = [];
  if (shared.roster && shared.roster.name !== claim.enterpriseName) {
    mismatches.push({ field: 'enterpriseName', declared: claim.enterpriseName, shared: shared.roster.name, source: 'economy-it' });
  }
  if (shared.licence && shared.licence.productType !== claim.product.type) {
    mismatches.push({ field: 'product.type', declared: PRODUCT_TYPES[claim.product.type], shared: PRODUCT_TYPES[shared.licence.productType], source: 'medical-products' });
  }
  const recorded = new Set(shared.exportSales?.declarations.map((d) => d.declarationNumber) ?? []);
  for (const number of claim.exportDeclarations) {
    if (!recorded.has(number)) mismatches.push({ field: 'exportDeclarations', declared: number, shared: null, source: 'customs' });
  }
  return mismatches;
}

function mismatchText(m: RewardMismatch): string {
  if (m.field === 'exportDeclarations') return `报关单${m.declared}不在${departmentName(m.source)}所载该产品注册以来出口至相应市场的记录中`;
  return `${m.field} 申报 ${m.declared}，${departmentName(m.source)}记载 ${m.shared}`;
}

/** Pure and deterministic: the workflow calls it with its own clock's date. */
export function assessReward(claim: SpecializedRewardApplication, shared: RewardSharedFacts, asOf: string): RewardAssessment {
  const mismatches = findRewardMismatches(claim, shared);
  const criteria: RewardCriterion[] = [
    specializedEnterprise(shared.roster, asOf),
    recentRegistration(claim, asOf),
    beijingProduction(claim, shared.licence, asOf),
    exportSales(claim, shared.exportSales),
    {
      criterion: 'declaration-matches',
      passed: mismatches.length === 0,
      reason: mismatches.length === 0 ? '申报信息与共享数据一致（自动比对）' : `申报信息与共享数据不一致：${mismatches.map(mismatchText).join('；')}`,
      source: 'applicant',
    },
  ];
  return { eligible: criteria.every((c) => c.passed), asOf, criteria, mismatches };
}
