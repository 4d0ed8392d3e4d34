/** 国际机构注册: the agencies item 12 names, and the market each registration opens (pure data: the consoles' labels read it). */
export const REGISTRATION_AGENCIES = {
  FDA: '美国食品药品监督管理局（FDA）',
  EMA: '欧洲药品管理局（EMA）',
  PMDA: '日本药品医疗器械综合机构（PMDA）',
  'WHO-PQ': '世界卫生组织预认证（WHO PQ）',
} as const;
export type RegistrationAgency = keyof typeof REGISTRATION_AGENCIES;

/**
 * What the four departments of 专精特新 international-registration rewards (专精特新 measures item
 * 12 and its closing line) answer, as their services send it. Workflow-safe: plain types and
 * constants, so the workflow, the activities and the departments' services share one shape.
 */

/**
 * 本政策适用于国家和市级"专精特新"中小企业及"小巨人"企业 (closing line): the four lists 市经济和信息化局
 * keeps, with the names it prints on them.
 */
export const SPECIALIZED_LEVELS = {
  'national-little-giant': '国家级专精特新"小巨人"企业',
  'municipal-little-giant': '市级专精特新"小巨人"企业',
  'national-specialized-sme': '国家级"专精特新"中小企业',
  'municipal-specialized-sme': '市级"专精特新"中小企业',
} as const;
export type SpecializedLevel = keyof typeof SPECIALIZED_LEVELS;
export const SPECIALIZED_LEVEL_CODES = Object.keys(SPECIALIZED_LEVELS) as SpecializedLevel[];

/** One listing of an enterprise on one of 市经济和信息化局's lists. */
export interface SpecializedListing {
  level: SpecializedLevel;
  /** The year the enterprise was put on the list (认定年度). */
  listYear: number;
  /** YYYY-MM-DD, the last day the listing is valid. */
  validUntil: string;
}

/** 市经济和信息化局's roster entry for an enterprise: every list it is on, highest first. */
export interface SpecializedEnterpriseRecord {
  creditCode: string;
  name: string;
  listings: SpecializedListing[];
}

/** The products item 12 rewards: 药品 and 高端医疗器械. */
export const PRODUCT_TYPES = {
  drug: '药品',
  'high-end-medical-device': '高端医疗器械',
} as const;
export type ProductType = keyof typeof PRODUCT_TYPES;
export const PRODUCT_TYPE_CODES = Object.keys(PRODUCT_TYPES) as ProductType[];

export const LICENCE_STATUSES = ['valid', 'revoked'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

/** 市药品监督管理局: the Beijing production licence (在本市生产) of one product of one holder. */
export interface ProductionLicenceRecord {
  licenceNumber: string;
  holderCreditCode: string;
  productName: string;
  productType: ProductType;
  /** YYYY-MM-DD. */
  issuedOn: string;
  /** YYYY-MM-DD, the last day the licence is valid. */
  validUntil: string;
  status: LicenceStatus;
}

/**
 * Export markets as 北京海关 classifies a declaration's destination for this measure: the markets
 * of FDA, EMA and PMDA, and everything else (a WHO-prequalified product is sold through the
 * procurement of UN agencies and the countries relying on PQ, none of them one of the three).
 */
export const EXPORT_MARKETS = {
  US: '美国',
  EU: '欧盟',
  JP: '日本',
  OTHER: '其他国家和地区',
} as const;
export type ExportMarket = keyof typeof EXPORT_MARKETS;
export const EXPORT_MARKET_CODES = Object.keys(EXPORT_MARKETS) as ExportMarket[];

/** One export declaration (出口报关单) of the product into the market. */
export interface ExportDeclaration {
  /** 18-digit 报关单号. */
  declarationNumber: string;
  /** YYYY-MM-DD, the date of export. */
  declaredOn: string;
  amountYuan: number;
}

/** 北京海关's answer on an enterprise's sales of one product into one market: its declarations, oldest first. */
export interface ExportSalesRecord {
  creditCode: string;
  productName: string;
  market: ExportMarket;
  declarations: ExportDeclaration[];
  totalYuan: number;
  firstDeclaredOn: string;
  lastDeclaredOn: string;
}

/** 市财政局's record of a reward paid: one per case and decision, however often the payment is asked for. */
export interface RewardPaymentRecord {
  /** CZJL + year + six digits drawn at random. */
  number: string;
  caseId: string;
  /** The decision the payment carries out (the approval's id in the case). */
  decisionId: string;
  creditCode: string;
  enterpriseName: string;
  amountYuan: number;
  /** What the payment is for and on which grounds. */
  basis: string;
  /** YYYY-MM-DD in Beijing time. */
  paidOn: string;
}
