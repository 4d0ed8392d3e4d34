import { firstAnniversary } from './calendar-date';
import { yuanText } from './money';
import {
  DepartmentCode,
  RdExpenseRecord,
  RegistrationRecord,
  ScaleRecord,
  TECH_FIELDS,
  TechField,
  ZgcEnterpriseRecord,
  departmentName,
} from './departments';

/**
 * 报备即批准 (京政办发〔2022〕19号 item 3): an enterprise in Beijing, in 集成电路 / 人工智能 /
 * 生物医药 / 关键材料, of production or R&D type, above designated size, operating one year or
 * more, whose domestic R&D expenses are at least 50 % of all its R&D expenses, is approved on
 * filing. Item 4: what departments already hold is fetched and compared with the declaration.
 */
export const FAST_PATH_FIELDS: readonly TechField[] = ['integrated-circuits', 'artificial-intelligence', 'biomedicine', 'key-materials'];

export type CriterionId =
  | 'beijing-enterprise'
  | 'priority-field'
  | 'production-or-rd'
  | 'above-designated-size'
  | 'operating-one-year'
  | 'domestic-rd-share'
  | 'good-credit'
  | 'declaration-matches';

export interface CriterionResult {
  criterion: CriterionId;
  passed: boolean;
  /** Why, in the words a reviewer reads, naming the department the fact came from. */
  reason: string;
  source: DepartmentCode | 'applicant';
}

export interface Mismatch {
  field: string;
  declared: string | number;
  shared: string | number | null;
  source: DepartmentCode;
}

/**
 * What the applicant states. Item 4: what departments already hold need not be provided —
 * the name and R&D expenses may be left out and are then taken from the shared data; when
 * given, they are compared with it.
 */
export interface DeclaredFacts {
  creditCode: string;
  techField: TechField;
  enterpriseName?: string;
  rdExpenses?: { year: number; domesticYuan: number; totalYuan: number };
}

/** A 失信 mark in 市科委's records (item 17): a false declaration found by a spot check. */
export interface DishonestyMark {
  reason: string;
  recordedOn: string;
  caseId?: string;
}

/** What the departments answered; null where they hold no record. */
export interface SharedFacts {
  registration: RegistrationRecord | null;
  rdExpenses: RdExpenseRecord | null;
  scale: ScaleRecord | null;
  zgcEnterprise: ZgcEnterpriseRecord | null;
  creditMarks: DishonestyMark[];
}

/** The R&D year the case is about: the declared one, else the last full year. */
export function rdYearOf(declared: DeclaredFacts, asOf: string): number {
  return declared.rdExpenses?.year ?? Number(asOf.slice(0, 4)) - 1;
}

export interface FastPathAssessment {
  eligible: boolean;
  /** YYYY-MM-DD (Beijing) the assessment was made on. */
  asOf: string;
  criteria: CriterionResult[];
  mismatches: Mismatch[];
}

const from = (code: DepartmentCode) => `（来源：${departmentName(code)}）`;

/**
 * `part` as a percentage of `whole`, for a reason that says whether it reaches `threshold` %.
 * One decimal, rounded, unless that would carry a share below the threshold up to it (rounding
 * never carries one at or above it down): then as many decimals as it takes to stay below, so
 * 4,999,999 of 10,000,000 reads 49.99999 %, never "50.0 %, below 50 %". Exact, in integers:
 * yuan amounts times 10^n soon outgrow a double.
 */
export function sharePercent(part: number, whole: number, threshold: number): string {
  if (![part, whole, threshold].every(Number.isSafeInteger) || whole <= 0) {
    // Not whole yuan (no department sends such): truncated, which never crosses the threshold.
    return `${(Math.floor((part / whole) * 1000) / 10).toFixed(1)}%`;
  }
  const [p, w, t] = [BigInt(part), BigInt(whole), BigInt(threshold)];
  const reaches = p * 100n >= t * w;
  for (let digits = 1; digits <= 12; digits += 1) {
    const scale = 10n ** BigInt(digits);
    const rounded = (p * 100n * scale * 2n + w) / (w * 2n);
    if (rounded >= t * scale === reaches) return `${formatScaled(rounded, digits)}%`;
  }
  // Within 10^-12 % below the threshold: truncated, which never reaches it.
  return `${formatScaled((p * 100n * 10n ** 13n) / w, 13)}%`;
}

function formatScaled(value: bigint, digits: number): string {
  const text = value.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function findMismatches(declared: DeclaredFacts, shared: SharedFacts): Mismatch[] {
  const mismatches: Mismatch[] = [];
  if (shared.registration && declared.enterpriseName !== undefined && shared.registration.name !== declared.enterpriseName) {
    mismatches.push({ field: 'enterpriseName', declared: declared.enterpriseName, shared: shared.registration.name, source: 'market-supervision' });
  }
  if (shared.zgcEnterprise && shared.zgcEnterprise.techField !== declared.techField) {
    mismatches.push({ field: 'techField', declared: declared.techField, shared: shared.zgcEnterprise.techField, source: 'zgc' });
  }
  const tax = shared.rdExpenses;
  if (tax && declared.rdExpenses) {
    if (tax.domesticYuan !== declared.rdExpenses.domesticYuan) {
      mismatches.push({ field: 'rdExpenses.domesticYuan', declared: declared.rdExpenses.domesticYuan, shared: tax.domesticYuan, source: 'tax' });
    }
    if (tax.totalYuan !== declared.rdExpenses.totalYuan) {
      mismatches.push({ field: 'rdExpenses.totalYuan', declared: declared.rdExpenses.totalYuan, shared: tax.totalYuan, source: 'tax' });
    }
  }
  return mismatches;
}

/** Pure and deterministic: the workflow calls it with its own clock's date. */
export function assessFastPath(declared: DeclaredFacts, shared: SharedFacts, asOf: string): FastPathAssessment {
  const { registration, rdExpenses, scale, zgcEnterprise } = shared;
  const criteria: CriterionResult[] = [];

  criteria.push(
    registration === null
      ? { criterion: 'beijing-enterprise', passed: false, reason: `无该统一社会信用代码的登记信息${from('market-supervision')}`, source: 'market-supervision' }
      : {
          criterion: 'beijing-enterprise',
          passed: registration.province === '北京市',
          reason: `登记地为${registration.province}${registration.district}${from('market-supervision')}`,
          source: 'market-supervision',
        },
  );

  const inFastPathField = FAST_PATH_FIELDS.includes(declared.techField);
  criteria.push(
    zgcEnterprise === null
      ? { criterion: 'priority-field', passed: false, reason: `未在中关村高新技术企业库中，无法核实技术领域${from('zgc')}`, source: 'zgc' }
      : {
          criterion: 'priority-field',
          passed: inFastPathField && zgcEnterprise.techField === declared.techField,
          reason: inFastPathField
            ? zgcEnterprise.techField === declared.techField
              ? `技术领域为${TECH_FIELDS[declared.techField]}，属于报备即批准领域${from('zgc')}`
              : `申报领域${TECH_FIELDS[declared.techField]}与企业库记载的${TECH_FIELDS[zgcEnterprise.techField]}不一致${from('zgc')}`
            : `技术领域${TECH_FIELDS[declared.techField]}不属于集成电路、人工智能、生物医药、关键材料`,
          source: 'zgc',
        },
  );

  criteria.push(
    registration === null
      ? { criterion: 'production-or-rd', passed: false, reason: `无登记信息，无法核实企业类型${from('market-supervision')}`, source: 'market-supervision' }
      : {
          criterion: 'production-or-rd',
          passed: registration.businessType === 'production' || registration.businessType === 'research-development',
          reason: `企业类型为${BUSINESS_TYPE_NAMES[registration.businessType]}${from('market-supervision')}`,
          source: 'market-supervision',
        },
  );

  criteria.push(
    scale === null
      ? { criterion: 'above-designated-size', passed: false, reason: `统计部门无该企业规模记录${from('statistics')}`, source: 'statistics' }
      : {
          criterion: 'above-designated-size',
          passed: scale.aboveDesignatedSize,
          reason: `${scale.year}年${scale.aboveDesignatedSize ? '为' : '不是'}规模以上企业${from('statistics')}`,
          source: 'statistics',
        },
  );

  if (registration === null) {
    criteria.push({ criterion: 'operating-one-year', passed: false, reason: `无成立日期，无法核实从业年限${from('market-supervision')}`, source: 'market-supervision' });
  } else {
    const anniversary = firstAnniversary(registration.registeredOn);
    const passed = anniversary <= asOf;
    criteria.push({
      criterion: 'operating-one-year',
      passed,
      reason: `成立于${registration.registeredOn}，${passed ? '从业已满一年' : `至${anniversary}方满一年`}${from('market-supervision')}`,
      source: 'market-supervision',
    });
  }

  if (rdExpenses === null) {
    criteria.push({ criterion: 'domestic-rd-share', passed: false, reason: `税务部门无${rdYearOf(declared, asOf)}年度研发费用申报记录${from('tax')}`, source: 'tax' });
  } else {
    // Integer comparison: no rounding can turn 49.99 % into a pass.
    const passed = rdExpenses.totalYuan > 0 && rdExpenses.domesticYuan * 2 >= rdExpenses.totalYuan;
    criteria.push({
      criterion: 'domestic-rd-share',
      passed,
      reason:
        rdExpenses.totalYuan > 0
          ? `${rdExpenses.year}年境内研发费用${yuanText(rdExpenses.domesticYuan)}，占全部研发费用${yuanText(rdExpenses.totalYuan)}的${sharePercent(rdExpenses.domesticYuan, rdExpenses.totalYuan, 50)}，${passed ? '不低于' : '低于'}50%${from('tax')}`
          : `${rdExpenses.year}年无研发费用${from('tax')}`,
      source: 'tax',
    });
  }

  const marks = shared.creditMarks;
  criteria.push({
    criterion: 'good-credit',
    passed: marks.length === 0,
    reason: marks.length === 0 ? `无失信记录${from('zgc')}` : `存在失信记录：${marks.map((m) => `${m.recordedOn} ${m.reason}`).join('；')}${from('zgc')}`,
    source: 'zgc',
  });

  const mismatches = findMismatches(declared, shared);
  criteria.push({
    criterion: 'declaration-matches',
    passed: mismatches.length === 0,
    reason:
      mismatches.length === 0
        ? '申报信息与共享数据一致（自动比对）'
        : `申报信息与共享数据不一致：${mismatches.map((m) => `${m.field} 申报 ${m.declared}，${departmentName(m.source)}记载 ${m.shared}`).join('；')}`,
    source: 'applicant',
  });

  return { eligible: criteria.every((c) => c.passed), asOf, criteria, mismatches };
}

export const BUSINESS_TYPE_NAMES: Record<RegistrationRecord['businessType'], string> = {
  production: '生产类',
  'research-development': '研发类',
  trading: '贸易类',
  services: '服务类',
};
