import type { ActorRole, ArtefactStatus } from '../domain/case-record';
import type { Role, StepDecisionKind, StepStatus } from '../domain/case-engine.contract';
import type { CriterionId } from '../domain/high-tech-eligibility';
import type { BusinessType } from '../domain/departments';
import { DEPARTMENTS, TECH_FIELDS } from '../domain/departments';
import { EXPORT_MARKETS, PRODUCT_TYPES, REGISTRATION_AGENCIES, SPECIALIZED_LEVELS } from '../processes/specialized-rewards/department-records';
import type { LicenceStatus } from '../processes/specialized-rewards/department-records';
import type { RewardCriterionId } from '../processes/specialized-rewards/reward-eligibility.rules';
import type { PauseReason, SlaColour } from '../domain/sla-clock';

/**
 * The one catalogue of Chinese labels for the codes the API answers with: what the consoles show
 * instead of a code. Process-specific names — each process's statuses, step kinds and document
 * kinds — are the registry's own (libs/processes, served by GET /processes) and are not repeated
 * here; labels.spec.ts checks that every code the workflows can emit has a label in one or the
 * other. Pure data with no runtime imports but pure data files (departments, a process's department
 * records): the consoles bundle it.
 */

/** Who acted, as a timeline entry's role says. */
export const ROLE_LABELS: Readonly<Record<ActorRole | Role, string>> = {
  applicant: '申请人',
  agency: '承办部门',
  supervisor: '电子监察',
  expert: '评审专家',
  public: '社会公众',
  system: '系统',
};

/** A human step's state. */
export const STEP_STATUS_LABELS: Readonly<Record<StepStatus, string>> = {
  open: '待办理',
  claimed: '办理中',
  'waiting-applicant': '待申请人补正',
  decided: '已办结',
  cancelled: '已终止',
};

/** What an official decided on a step. */
export const DECISION_LABELS: Readonly<Record<StepDecisionKind, string>> = {
  accept: '受理',
  refuse: '不予受理',
  'request-correction': '一次性告知补正',
  approve: '同意',
  reject: '不同意',
  return: '退回补正',
  confirm: '确认属实',
  clear: '核查消除',
};

/** The SLA colour of a clock: 正常 / 预警 (yellow, a few working days left) / 超期 (red). */
export const COLOUR_LABELS: Readonly<Record<SlaColour, string>> = {
  green: '正常',
  yellow: '预警',
  red: '超期',
};

/** How a case ended, as its `decision` says (the status names the process's own word for it). */
export const CASE_DECISION_LABELS: Readonly<Record<string, string>> = {
  'approved-on-filing': '报备即批准',
  'certified-after-review': '经审查予以认定',
  refused: '不予受理',
  rejected: '不予批准',
  listed: '审核通过，已上市',
  'permits-issued': '两证已核发',
  'revoked-after-spot-check': '事后抽查后撤销',
  granted: '全额奖励',
  'partially-granted': '按年度上限余额奖励',
  'yearly-ceiling-reached': '已达年度奖励上限，不予奖励',
};

/** Every action a workflow writes on a case's timeline. */
export const TIMELINE_ACTION_LABELS: Readonly<Record<string, string>> = {
  filed: '提交申请',
  'shared-data-received': '收到共享数据',
  'approved-on-filing': '报备即批准',
  'referred-to-normal-review': '转入常规审查',
  'accepted-on-filing': '数据核验一致，即时受理',
  'referred-to-acceptance': '转入人工受理',
  'reward-refused': '不予奖励',
  'reward-reserved': '预留年度奖励额度',
  'reward-released': '释放预留的奖励额度',
  'reward-paid': '奖励资金已拨付',
  'reward-decision-published': '奖励决定已公布',
  refused: '不予受理',
  'deemed-accepted': '逾期视为受理',
  'step-opened': '环节开始',
  'step-claimed': '认领环节',
  'step-released': '取消认领',
  'step-decided': '作出决定',
  'step-reopened': '环节重新办理',
  'step-cancelled': '环节终止',
  'correction-requested': '一次性告知补正',
  'correction-answered': '提交补正材料',
  withdrawn: '撤回申请',
  urged: '督办',
  reassigned: '改派',
  'clock-extended': '延长办理期限',
  'excluded-period-started': '开始不计时期间',
  'excluded-period-ended': '结束不计时期间',
  'sla-warning': '办理时限预警',
  'sla-overdue': '办理超期',
  escalated: '提交电子监察',
  'due-date-moved': '办理期限随节假日安排调整',
  'department-incident': '部门系统逾时未答复',
  'department-recovered': '部门系统恢复答复',
  'expert-scored': '专家评分',
  'expert-review-completed': '专家评审完成',
  'public-notice-started': '公示开始',
  'public-notice-ended': '公示结束',
  'public-notice-interrupted': '公示中止（收到异议）',
  'objection-lodged': '收到公示异议',
  'certificate-issued': '颁发证书',
  'certificate-revoked': '撤销证书',
  'dishonesty-recorded': '记录失信信息',
  notified: '告知相关部门',
  'spot-check-drawn': '抽中事后抽查',
  'spot-check-passed': '事后抽查通过',
  'liaison-assigned': '指定对接专员',
  'compliance-queries-sent': '发出合规查询',
  'compliance-answered': '部门答复合规查询',
  'compliance-report-issued': '出具合规证明（合规一码通）',
  'issuance-recorded': '审核通过，登记发行',
  'subsidy-granted': '拨付上市补贴',
  'work-permit-issued': '核发来华工作许可',
  'residence-permit-issued': '核发居留许可',
  'branch-granted': '附加事项办结',
  'materials-received': '收到申请人提交的申请材料（附件）',
};

/** Who wrote an entry when it was no person: the engine, its clocks, the calendar, the public. */
export const SYSTEM_ACTOR_LABELS: Readonly<Record<string, string>> = {
  system: '系统',
  'sla-clock': '时限监控',
  calendar: '工作日历',
  public: '社会公众',
};

/** 即报即审: one department's answer to the compliance query. */
export const COMPLIANCE_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: '待答复',
  clean: '无违法违规记录',
  'under-review': '有记录，核查中',
  cleared: '经核查消除',
  confirmed: '有处罚记录（已核实）',
};

/** 两证联办: an optional branch requested on the same application. */
export const BRANCH_STATUS_LABELS: Readonly<Record<string, string>> = {
  open: '办理中',
  granted: '已办结',
  refused: '未获批准',
  cancelled: '已终止',
};

export const BRANCH_KIND_LABELS: Readonly<Record<string, string>> = {
  'work-residence-permit': '北京市工作居住证',
  'talent-housing': '人才公租房',
};

/**
 * The materials the engine takes on any case (with a correction answer, with a decision); each
 * process names its own filing materials in its contract (`materials`, served by GET /processes).
 */
export const MATERIAL_KIND_LABELS: Readonly<Record<string, string>> = {
  'correction-material': '补正材料',
  'expert-opinion': '专家意见',
  'inspection-record': '现场核查记录',
  'decision-attachment': '决定附件',
};

/** Entries of the public register (公开查验) and where they stand. */
export const REGISTER_STATUS_LABELS: Readonly<Record<ArtefactStatus, string>> = {
  valid: '有效',
  revoked: '已撤销',
  superseded: '已被新版本取代',
  expired: '已过期',
};

export const REGISTER_KIND_LABELS: Readonly<Record<string, string>> = {
  certificate: '高新技术企业证书',
  permit: '许可',
  'work-permit': '外国人来华工作许可',
  'residence-permit': '外国人居留许可',
  'work-residence-permit': '北京市工作居住证',
  'compliance-report': '企业上市合规证明（合规一码通）',
  'reward-decision': '专精特新企业国际注册奖励决定书',
};

/** What the public verification of a document answers (公开查验: by 文号 or by the PDF itself). */
export const VERIFY_RESULT_LABELS: Readonly<Record<'genuine' | 'revoked' | 'unknown', string>> = {
  genuine: '真实有效：该文书确由下列机关出具，现行有效',
  revoked: '已撤销：该文书确由下列机关出具，但已被撤销',
  unknown: '无法核验：未查到该文书，或文件与出具的原件不一致（可能被改动）',
};

/** Why a clock stands still: the applicant has the case, or a period the law excludes (Art. 45). */
export const PAUSE_REASON_LABELS: Readonly<Record<PauseReason, string>> = {
  'awaiting-applicant': '等待申请人补正',
  'expert-review': '专家评审',
  testing: '检验检测',
  inspection: '现场核查',
  hearing: '听证',
  appraisal: '鉴定',
  'public-notice': '公示',
};

/** 报备即批准: each criterion of the fast path. */
export const CRITERION_LABELS: Readonly<Record<CriterionId, string>> = {
  'beijing-enterprise': '北京市注册企业',
  'priority-field': '重点支持领域',
  'production-or-rd': '生产研发类企业',
  'above-designated-size': '规模以上企业',
  'operating-one-year': '成立满一年',
  'domestic-rd-share': '境内研发费用占比不低于50%',
  'good-credit': '无失信记录',
  'declaration-matches': '申报信息与共享数据一致',
};

/** 专精特新国际注册奖励: each criterion of item 12 checked against the departments' records. */
export const REWARD_CRITERION_LABELS: Readonly<Record<RewardCriterionId, string>> = {
  'specialized-enterprise': '专精特新中小企业或"小巨人"企业',
  'recent-registration': '近两年内取得国际机构注册',
  'beijing-production': '产品在本市生产',
  'export-sales': '已在相应国外市场实现销售',
  'declaration-matches': '申报信息与共享数据一致',
};

/** A criterion's name, whichever process checked it; an unknown one is shown as it is, never left blank. */
export function criterionLabel(criterion: string): string {
  return (CRITERION_LABELS as Record<string, string>)[criterion] ?? (REWARD_CRITERION_LABELS as Record<string, string>)[criterion] ?? criterion;
}

/** 市药品监督管理局: a production licence's state. */
export const LICENCE_STATUS_LABELS: Readonly<Record<LicenceStatus, string>> = { valid: '有效', revoked: '已注销' };

export const BUSINESS_TYPE_LABELS: Readonly<Record<BusinessType, string>> = {
  production: '生产类',
  'research-development': '研发类',
  trading: '贸易类',
  services: '服务类',
};

export const SUBSIDY_LEVEL_LABELS: Readonly<Record<string, string>> = { municipal: '市级', district: '区级' };

/**
 * Values of the application forms' choices (the JSON Schemas' enums) and of the records shown
 * with a case, by the field they belong to (its full path where its own name is taken). A district is already its Chinese name.
 */
export const ENUM_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  techField: TECH_FIELDS,
  exchange: { BSE: '北京证券交易所' },
  degree: { bachelor: '学士', master: '硕士', doctorate: '博士' },
  category: { A: 'A类 外国高端人才', B: 'B类 外国专业人才' },
  type: {
    'passport-copy': '护照复印件',
    'degree-certificate': '学历学位证书',
    'employment-contract': '劳动合同或聘用意向书',
    'no-criminal-record': '无犯罪记录证明',
    'health-certificate': '体检证明',
    photo: '近期证件照片',
  },
  'product.type': PRODUCT_TYPES,
  // 专精特新: the departments' records shared with a case, by full path (`level` alone is a listing subsidy's).
  'roster.listings.level': SPECIALIZED_LEVELS,
  'licence.productType': PRODUCT_TYPES,
  'licence.status': LICENCE_STATUS_LABELS,
  'exportSales.market': EXPORT_MARKETS,
  'registration.agency': REGISTRATION_AGENCIES,
  market: EXPORT_MARKETS,
  businessType: BUSINESS_TYPE_LABELS,
  level: SUBSIDY_LEVEL_LABELS,
  permit: REGISTER_KIND_LABELS,
  kind: REGISTER_KIND_LABELS,
};

/**
 * Field names as people read them: the application forms (by JSON path: `talent.passportNumber`),
 * the departments' records shared with a case, and the fields a mismatch names. A nested field
 * is looked up by its full path first, then by its own name.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  creditCode: '统一社会信用代码',
  enterpriseName: '企业名称',
  techField: '技术领域',
  rdExpenses: '研发费用',
  'rdExpenses.year': '研发费用所属年度',
  'rdExpenses.domesticYuan': '境内研究开发费用（元）',
  'rdExpenses.totalYuan': '全部研究开发费用（元）',
  exchange: '上市板块',
  sponsor: '保荐机构',
  district: '注册地所在区',
  employerCreditCode: '用人单位统一社会信用代码',
  employerName: '用人单位名称',
  talent: '外籍人才',
  'talent.name': '外籍人才姓名',
  'talent.passportNumber': '护照号码',
  'talent.nationality': '国籍',
  'talent.dateOfBirth': '出生日期',
  'talent.passportExpiry': '护照有效期至',
  'talent.degree': '最高学位',
  'talent.position': '拟任职位',
  'talent.annualSalaryYuan': '年薪（元）',
  'talent.category': '人才类别',
  // Materials (附件): the filing's, a correction answer's, a decision's, and what the timeline records of each.
  materials: '附件',
  'materials.kind': '材料种类',
  'materials.id': '附件编号',
  'materials.name': '文件名',
  sha256: 'SHA-256 校验值',
  size: '文件大小（字节）',
  contentType: '文件类型',
  requests: '同时申请',
  'requests.workResidencePermit': '同时申请北京市工作居住证',
  'requests.talentHousing': '同时申请人才公租房',
  // The departments' records (shared data) and what they hold.
  // High-tech's shared registration record and the rewards' foreign registration alike.
  registration: '登记注册信息',
  scale: '规模以上企业认定',
  zgcEnterprise: '中关村高新技术企业库',
  creditMarks: '失信记录',
  employer: '用人单位登记信息',
  unicorn: '独角兽企业服务库',
  name: '名称',
  registeredOn: '成立日期',
  province: '登记省份',
  businessType: '企业类型',
  year: '年度',
  aboveDesignatedSize: '规模以上企业',
  zhongguancun: '中关村注册企业',
  listedInLibraryOn: '入库日期',
  reason: '原因',
  recordedOn: '记录日期',
  caseId: '案件编号',
  // Other answers' fields the consoles show by name.
  decision: '决定',
  correctionItems: '补正事项',
  note: '督办意见',
  agency: '承办部门',
  days: '延长工作日',
  score: '评分',
  opinion: '评审意见',
  contact: '联系方式',
  phone: '联系电话',
  amountYuan: '补贴金额（元）',
  responses: '补正说明',
  expectedDays: '预计工作日',
  'Idempotency-Key': '请求编号',
  // 专精特新 international-registration rewards: the form and the departments' records.
  product: '申请奖励的产品',
  'product.name': '产品名称',
  'product.type': '产品类别',
  'registration.agency': '注册机构',
  'registration.number': '注册证号',
  'registration.registeredOn': '注册日期',
  exportDeclarations: '出口报关单号',
  roster: '专精特新企业名单',
  licence: '本市生产许可',
  exportSales: '出口销售记录',
  // Their fields by full path: a name another process also uses (totalYuan, amountYuan, level) must not take that process's label.
  'roster.name': '企业名称',
  'roster.listings': '入选名单',
  'roster.listings.level': '名单级别',
  'roster.listings.listYear': '认定年度',
  'roster.listings.validUntil': '有效期至',
  'licence.licenceNumber': '生产许可证编号',
  'licence.holderCreditCode': '持证企业统一社会信用代码',
  'licence.productName': '产品名称',
  'licence.productType': '产品类别',
  'licence.issuedOn': '发证日期',
  'licence.validUntil': '有效期至',
  'licence.status': '许可状态',
  'exportSales.productName': '产品名称',
  'exportSales.market': '出口市场',
  'exportSales.declarations': '出口报关单',
  'exportSales.declarations.declarationNumber': '报关单号',
  'exportSales.declarations.declaredOn': '出口日期',
  'exportSales.declarations.amountYuan': '报关金额（元）',
  'exportSales.totalYuan': '出口金额合计（元）',
  'exportSales.firstDeclaredOn': '首笔出口日期',
  'exportSales.lastDeclaredOn': '最近一笔出口日期',
  // Fields only an error message names: the listing liaison's (as the workflow refuses them), an upload's file.
  'liaison.name': '对接专员姓名',
  'liaison.phone': '对接专员联系电话',
  file: '文件',
};

/**
 * Names whose meaning belongs to one process's own field (high-tech's R&D totals, a listing
 * subsidy's amount and level): a nested field elsewhere with the same own name gets no label
 * from them by own name (it must have its full path in FIELD_LABELS).
 */
const NOT_BY_OWN_NAME: ReadonlySet<string> = new Set(['amountYuan', 'totalYuan', 'domesticYuan', 'level']);

/**
 * The fields of issued documents (their recorded data, as the PDF prints it), by JSON path or
 * own name, before FIELD_LABELS. What a document never prints (who signs it, its legal basis:
 * printed in their own places; internal ids) is in DOCUMENT_HIDDEN_FIELDS.
 */
export const DOCUMENT_FIELD_LABELS: Readonly<Record<string, string>> = {
  number: '编号',
  code: '合规一码通',
  acceptedOn: '受理日期',
  deemed: '逾期视为受理',
  by: '经办人',
  step: '办理环节',
  steps: '涉及环节',
  items: '补正事项',
  clock: '办理期限',
  days: '延长工作日',
  newDueOn: '延长后办结期限',
  provisional: '含暂定期限',
  calendarNote: '期限说明',
  kind: '事项类别',
  expectedDays: '预计工作日',
  note: '说明',
  issuedOn: '发证日期',
  issuedAt: '出具时间',
  validFrom: '有效期自',
  validUntil: '有效期至',
  from: '公示开始时间',
  endsAt: '公示截止时间',
  exchange: '上市板块',
  approvedAt: '审核通过时间',
  complianceCode: '合规一码通',
  entries: '各部门合规查询结果',
  departmentName: '部门',
  status: '结果',
  findings: '记录',
  answeredAt: '答复时间',
  conclusion: '核查结论',
  summary: '摘要',
  date: '日期',
  level: '补贴级别',
  amountYuan: '金额（元）',
  product: '产品名称',
  year: '年度',
  requestedYuan: '申请金额（元）',
  grantedYuan: '核定金额（元）',
  partial: '部分核定',
  paymentNumber: '拨付凭证号',
  workPermit: '外国人来华工作许可',
  residencePermit: '外国人居留许可',
  issuer: '签发部门',
  'workPermit.number': '许可编号',
  'residencePermit.number': '许可编号',
  'certificate.status': '证书状态',
};

/**
 * Fields a document's PDF does not list: at the top, what is printed in its own place (the
 * signing agency, the legal basis) or said by the register, not the paper (a certificate's
 * status); anywhere, ids only the system uses and department codes beside their names.
 */
export const DOCUMENT_HIDDEN_FIELDS = { top: new Set(['agency', 'basis', 'status', 'noticeId']), nested: new Set(['stepId', 'id', 'department']) } as const;

/** A department's name from its code; an unknown code is shown as it is. */
export function departmentLabel(code: string | undefined): string {
  return code ? ((DEPARTMENTS as Record<string, string>)[code] ?? code) : '';
}

/** A field's label by its JSON path (`talent.passportNumber`, `documents[2].type`). */
export function fieldLabel(path: string): string {
  const plain = path.replace(/\[\d+\]/g, '');
  const own = plain.split('.').pop() ?? plain;
  return (hasFieldLabel(plain) ? FIELD_LABELS[plain] : undefined) ?? ownNameLabel(plain, own) ?? path;
}

const hasFieldLabel = (key: string): boolean => Object.prototype.hasOwnProperty.call(FIELD_LABELS, key);

/** The label of a nested field by its own name (`talent.degree` → degree's), unless that name is one process's own (NOT_BY_OWN_NAME). */
function ownNameLabel(plain: string, own: string): string | undefined {
  if (own !== plain && NOT_BY_OWN_NAME.has(own)) return undefined;
  return hasFieldLabel(own) ? FIELD_LABELS[own] : undefined;
}

/**
 * A field's Chinese label by its whole JSON path, as an error message names it: the forms' own
 * labels (FIELD_LABELS, the one source), parents and list items read in order —
 * `talent.passportNumber` → 护照号码, `exportDeclarations.1` → 第2个出口报关单号,
 * `responses.0.materials.1.id` → 第1个补正说明的第2个附件 (an item's `id` is the item itself).
 * Undefined when any part has no label: the caller shows the path as it is.
 */
export function fieldPathLabel(path: string): string | undefined {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  const units: Array<{ name: string; plain: string; index?: number }> = [];
  const names: string[] = [];
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      const last = units[units.length - 1];
      if (!last || last.index !== undefined) return undefined;
      last.index = Number(part);
      continue;
    }
    names.push(part);
    units.push({ name: part, plain: names.join('.') });
  }
  if (units.length > 1 && units[units.length - 1].name === 'id' && units[units.length - 2].index !== undefined) units.pop();
  if (!units.length) return undefined;
  const words: string[] = [];
  let indexed = false;
  let unlabelled = false;
  for (const unit of units) {
    const whole = hasFieldLabel(unit.plain) ? FIELD_LABELS[unit.plain] : undefined;
    // A label of the whole path (`talent.passportNumber`) already says its parents, unless a parent is one item of a list.
    if (whole !== undefined && !indexed) {
      words.length = 0;
      unlabelled = false;
    }
    const label = whole ?? ownNameLabel(unit.plain, unit.name);
    if (label === undefined) unlabelled = true;
    words.push(unit.index === undefined ? (label ?? '') : `第${unit.index + 1}个${label ?? ''}`);
    if (unit.index !== undefined) indexed = true;
  }
  if (unlabelled) return undefined;
  return words.join('的');
}

/** A choice's label by its field's full path (`product.type`), else its own name (`talent.degree`): the value itself when none is needed. */
export function enumLabel(field: string, value: string): string {
  const plain = field.replace(/\[\d+\]/g, '');
  const own = plain.split('.').pop() ?? plain;
  return ENUM_LABELS[plain]?.[value] ?? ENUM_LABELS[own]?.[value] ?? value;
}

/**
 * Every catalogue with codes as keys: the browser tests look for these codes on every page (a
 * Chinese page shows none of them), and the unit spec checks each label is Chinese.
 */
export const LABEL_CATALOGUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ROLE_LABELS,
  STEP_STATUS_LABELS,
  DECISION_LABELS,
  COLOUR_LABELS,
  CASE_DECISION_LABELS,
  TIMELINE_ACTION_LABELS,
  SYSTEM_ACTOR_LABELS,
  COMPLIANCE_STATUS_LABELS,
  BRANCH_STATUS_LABELS,
  BRANCH_KIND_LABELS,
  MATERIAL_KIND_LABELS,
  REGISTER_STATUS_LABELS,
  REGISTER_KIND_LABELS,
  PAUSE_REASON_LABELS,
  CRITERION_LABELS,
  REWARD_CRITERION_LABELS,
  LICENCE_STATUS_LABELS,
  BUSINESS_TYPE_LABELS,
  SUBSIDY_LEVEL_LABELS,
  VERIFY_RESULT_LABELS,
  ...Object.fromEntries(Object.entries(ENUM_LABELS).map(([field, labels]) => [`ENUM_LABELS.${field}`, labels])),
};
