/** The 责任单位 this product talks to, by the code used in URLs, activity names and the read model. */
export const DEPARTMENTS = {
  'market-supervision': '市市场监管局',
  tax: '北京市税务局',
  statistics: '市统计局',
  zgc: '市科委、中关村管委会',
  finance: '市财政局',
  district: '区政府',
  // 即报即审 listing support (京科发〔2023〕11号 item 6)
  'finance-regulator': '市金融监管局',
  csrc: '北京证监局',
  bse: '北京证券交易所',
  'service-center': '市政务服务中心',
  // The twelve departments whose legal-compliance results 市政务服务中心 issues in one go.
  'housing-fund': '北京住房公积金管理中心',
  ecology: '市生态环境局',
  'hr-social-security': '市人力资源和社会保障局',
  planning: '市规划和自然资源委员会',
  health: '市卫生健康委员会',
  emergency: '市应急管理局',
  housing: '市住房和城乡建设委员会',
  secrecy: '市国家保密局',
  'culture-enforcement': '市文化市场综合执法总队',
  'urban-management': '市城市管理综合行政执法局',
  'military-civil': '市委军民融合发展委员会办公室',
  // 两证联办 (京科发〔2023〕11号 item 8); 市人社局 and 市住建委 are above.
  'talent-bureau': '市人才工作局',
  'public-security': '市公安局出入境管理总队',
  // 专精特新 international-registration rewards (专精特新 measures item 12); 市财政局 is above.
  'economy-it': '市经济和信息化局',
  'medical-products': '市药品监督管理局',
  customs: '北京海关',
} as const;

/** 市场监管、住房公积金、生态环境、人力社保、规划自然资源、卫生健康、应急管理、住房城乡建设、保密、文化执法、城管执法、军民融合. */
export const COMPLIANCE_DEPARTMENTS = [
  'market-supervision',
  'housing-fund',
  'ecology',
  'hr-social-security',
  'planning',
  'health',
  'emergency',
  'housing',
  'secrecy',
  'culture-enforcement',
  'urban-management',
  'military-civil',
] as const;
export type ComplianceDepartment = (typeof COMPLIANCE_DEPARTMENTS)[number];

/** A department's legal-compliance record of an enterprise: no findings is a clean record. */
export interface ComplianceRecord {
  department: ComplianceDepartment;
  creditCode: string;
  findings: Array<{ id: string; date: string; summary: string }>;
  checkedOn: string;
}

/** An enterprise in 市科委's 独角兽企业服务库. */
export interface UnicornRecord {
  creditCode: string;
  name: string;
  /** Registered in Zhongguancun: eligible for the stock-incentive tax deferral. */
  zhongguancun: boolean;
  listedInLibraryOn: string;
}

export type DepartmentCode = keyof typeof DEPARTMENTS;

export function departmentName(code: DepartmentCode): string {
  return DEPARTMENTS[code];
}

/**
 * 发文机关代字: what each department's 文号 begins with (京科高认〔2026〕12号 style: 代字 〔year〕
 * sequence 号). Data, not code: a department added above must get one here (the type says so),
 * and each department numbers its documents in its own yearly sequence.
 */
export const DOCUMENT_NUMBER_PREFIXES: Readonly<Record<DepartmentCode, string>> = {
  'market-supervision': '京市监',
  tax: '京税',
  statistics: '京统',
  zgc: '京科',
  finance: '京财',
  district: '京区政',
  'finance-regulator': '京金监',
  csrc: '京证监',
  bse: '北证',
  'service-center': '京政服',
  'housing-fund': '京房公积金',
  ecology: '京环',
  'hr-social-security': '京人社',
  planning: '京规自',
  health: '京卫',
  emergency: '京应急',
  housing: '京建',
  secrecy: '京保密',
  'culture-enforcement': '京文执',
  'urban-management': '京城管',
  'military-civil': '京军民办',
  'talent-bureau': '京人才',
  'public-security': '京公出入境',
  'economy-it': '京经信',
  'medical-products': '京药监',
  customs: '北京关',
};

/** The short names step names use for some departments (来华工作许可审查（市人社局）), first the one a renamed step takes. */
export const DEPARTMENT_SHORT_NAMES: Partial<Record<DepartmentCode, readonly string[]>> = {
  'hr-social-security': ['市人社局'],
  'public-security': ['市公安局', '市公安局出入境'],
  'talent-bureau': ['市人才局'],
  housing: ['市住建委'],
  bse: ['北交所'],
  'economy-it': ['市经信局'],
  'medical-products': ['市药监局'],
};

/**
 * A step's name after it moves from one department to another: a name that says its department
 * in brackets (联合审查（市财政局）) says the new one (联合审查（北京市税务局）); other names stay.
 */
export function renameForAgency(name: string, from: DepartmentCode, to: DepartmentCode): string {
  if (from === to) return name;
  const fromNames = [DEPARTMENTS[from], ...(DEPARTMENT_SHORT_NAMES[from] ?? [])];
  const toName = DEPARTMENT_SHORT_NAMES[to]?.[0] ?? DEPARTMENTS[to];
  for (const old of fromNames) {
    const bracketed = `（${old}）`;
    if (name.includes(bracketed)) return name.replace(bracketed, `（${toName}）`);
  }
  return name;
}

/** What 市市场监管局 holds on an enterprise's registration. */
export interface RegistrationRecord {
  creditCode: string;
  name: string;
  /** YYYY-MM-DD, the date of establishment (成立日期). */
  registeredOn: string;
  /** Registration province, e.g. 北京市; the fast path is for Beijing enterprises. */
  province: string;
  district: string;
  businessType: BusinessType;
}

/** 生产研发类 covers production and R&D enterprises; the others are off the fast path. */
export const BUSINESS_TYPES = ['production', 'research-development', 'trading', 'services'] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];

/** What 北京市税务局 holds: R&D expenses as declared for the super-deduction (研发费用加计扣除). */
export interface RdExpenseRecord {
  creditCode: string;
  year: number;
  domesticYuan: number;
  totalYuan: number;
}

/** What 市统计局 holds: whether the enterprise is 规模以上 in a given year. */
export interface ScaleRecord {
  creditCode: string;
  year: number;
  aboveDesignatedSize: boolean;
}

/** What 市科委、中关村管委会 hold in the 中关村高新技术企业库. */
export interface ZgcEnterpriseRecord {
  creditCode: string;
  name: string;
  techField: TechField;
}

/** 国家重点支持的高新技术领域, with the four fields item 3 names for 报备即批准 first. */
export const TECH_FIELDS = {
  'integrated-circuits': '集成电路',
  'artificial-intelligence': '人工智能',
  biomedicine: '生物医药',
  'key-materials': '关键材料',
  'electronic-information': '电子信息',
  aerospace: '航空航天',
  'new-energy': '新能源与节能',
  'resources-environment': '资源与环境',
  'advanced-manufacturing': '先进制造与自动化',
  'high-tech-services': '高技术服务',
} as const;

export type TechField = keyof typeof TECH_FIELDS;
export const TECH_FIELD_CODES = Object.keys(TECH_FIELDS) as TechField[];

/** A 高新技术企业证书 as 市科委、中关村管委会 issue it; `number` is what other departments key on. */
export interface CertificateRecord {
  /** GR + year of issue + 11 (Beijing) + five-digit sequence, e.g. GR20261100007. */
  number: string;
  /** The approval case the certificate was issued for; one certificate per case. */
  caseId: string;
  creditCode: string;
  enterpriseName: string;
  techField: TechField;
  /** YYYY-MM-DD. */
  issuedOn: string;
  /** YYYY-MM-DD, the last day the certificate is valid. */
  validUntil: string;
  /** The grounds for issuing (e.g. 报备即批准 and the criteria met). */
  basis: string;
  status: CertificateStatus;
  /** YYYY-MM-DD in Beijing time, once revoked. */
  revokedOn: string | null;
  revokedReason: string | null;
}

export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** A 失信 record 市科委、中关村管委会 keep against an enterprise, one per case that found it. */
export interface CreditMarkRecord {
  id: number;
  creditCode: string;
  caseId: string;
  reason: string;
  /** YYYY-MM-DD in Beijing time. */
  recordedOn: string;
}

/** 北京市税务局's registration of a certificate for the 15% preferential income-tax rate. */
export interface PreferentialStatusRecord {
  certificateNumber: string;
  creditCode: string;
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD. */
  validUntil: string;
  /** YYYY-MM-DD in Beijing time, when 北京市税务局 recorded it. */
  registeredOn: string;
}

/** 区政府's 培育库 entry for a certified enterprise in its district. */
export interface CultivationListRecord {
  certificateNumber: string;
  creditCode: string;
  district: string;
  /** YYYY-MM-DD in Beijing time. */
  listedOn: string;
  note: string | null;
}

/** A permit as the issuing department records it (来华工作许可, 居留许可, 工作居住证). */
export interface PermitRecord {
  number: string;
  caseId: string;
  kind: 'work-permit' | 'residence-permit' | 'work-residence-permit';
  holderName: string;
  passportNumber: string;
  employerCreditCode: string;
  validFrom: string;
  validUntil: string;
}
