/**
 * Every error the API answers, by a stable code, in Chinese (the default) and English.
 *
 * Workflow-safe: plain data and string functions, no Node built-ins, no NestJS — the workflows
 * raise their refusals with these codes too (workflows/engine/failures.ts), and the API renders
 * the code and its parameters in the language the request asks for (Accept-Language). The
 * parameter `field` is the JSON path (`rdExpenses.totalYuan`, as `errors[].field` says, for
 * machines); a Chinese message names the field by the label the form shows (fieldPathLabel:
 * 全部研究开发费用（元）, 第2个出口报关单号), the path only where no label is known. English keeps the path.
 *
 * A message is a template: `{name}` is replaced by the parameter of that name; `{@path}` by the
 * label of the field `path` (for a rule whose field is fixed, such as the listing subsidy's
 * amountYuan). A parameter that is a list is joined (`、` / `, `); one that is `{ code, params }`
 * is itself translated; one that is `{ label, value }` is looked up in PARAM_LABELS (a role, a
 * decision …); a whole number from 10000 on is grouped by thousands (3,000,000). The parameter
 * `each` (true for class-validator's `each: true` rules) makes `{field}` read "each item of {field}".
 */

import { groupThousands } from '../domain/money';
import { fieldPathLabel } from './labels';

export type Lang = 'zh' | 'en';
export const LANGUAGES: readonly Lang[] = ['zh', 'en'];
export const DEFAULT_LANG: Lang = 'zh';

/** The values a parameter may take in an answer's `params`. */
export type ParamValue = string | number | boolean | null | undefined | ParamValue[] | { code: string; params?: ErrorParams } | { label: LabelKind; value: string };
export type ErrorParams = { [name: string]: ParamValue };

type Texts = { zh: string; en: string };

/**
 * Words a parameter carries as a machine value (a role, a decision, a step status) and a message
 * shows in the reader's language. Kept here, beside the messages that use them, so that a refusal
 * needs nothing else to be rendered.
 */
export const PARAM_LABELS = {
  role: {
    applicant: { zh: '申请人', en: 'applicant' },
    agency: { zh: '承办部门', en: 'agency staff' },
    supervisor: { zh: '电子监察', en: 'supervisor' },
    expert: { zh: '评审专家', en: 'expert' },
  },
  decision: {
    accept: { zh: '受理', en: 'accept' },
    refuse: { zh: '不予受理', en: 'refuse' },
    'request-correction': { zh: '一次性告知补正', en: 'request correction' },
    approve: { zh: '同意', en: 'approve' },
    reject: { zh: '不同意', en: 'reject' },
    return: { zh: '退回补正', en: 'return for correction' },
    confirm: { zh: '确认', en: 'confirm' },
    clear: { zh: '消除', en: 'clear' },
  },
  stepStatus: {
    open: { zh: '待办', en: 'open' },
    claimed: { zh: '已认领', en: 'claimed' },
    'waiting-applicant': { zh: '待补正', en: 'waiting for the applicant' },
    decided: { zh: '已办结', en: 'decided' },
    cancelled: { zh: '已取消', en: 'cancelled' },
  },
  workflowStatus: {
    completed: { zh: '已办结', en: 'completed' },
    failed: { zh: '已失败', en: 'failed' },
    canceled: { zh: '已取消', en: 'cancelled' },
    cancelled: { zh: '已取消', en: 'cancelled' },
    terminated: { zh: '已终止', en: 'terminated' },
    timed_out: { zh: '已超时', en: 'timed out' },
    continued_as_new: { zh: '已续建', en: 'continued as new' },
  },
  exclusionKind: {
    'expert-review': { zh: '专家评审', en: 'expert review' },
    testing: { zh: '检验检测', en: 'testing' },
    inspection: { zh: '现场核查', en: 'inspection' },
    hearing: { zh: '听证', en: 'hearing' },
    appraisal: { zh: '鉴定', en: 'appraisal' },
  },
  readinessCheck: {
    postgres: { zh: '数据库', en: 'the database' },
    temporal: { zh: 'Temporal', en: 'Temporal' },
    worker: { zh: '工作进程', en: 'the worker' },
    departments: { zh: '部门服务', en: "the departments' services" },
    unknown: { zh: '未知原因', en: 'an unknown cause' },
  },
} as const satisfies Record<string, Record<string, Texts>>;
export type LabelKind = keyof typeof PARAM_LABELS;

export const messages = {
  // ——— a request as a whole ———
  'request.invalid': { zh: '请求有误：{fields}', en: 'invalid request: {fields}' },
  'request.badJson': { zh: '请求体不是有效的 JSON', en: 'the request body is not valid JSON' },
  'request.tooLarge': { zh: '请求体过大', en: 'the request body is too large' },
  'request.unsupportedMediaType': { zh: '不支持的请求体类型', en: 'unsupported request body type' },
  'route.notFound': { zh: '接口不存在：{method} {path}', en: 'no such endpoint: {method} {path}' },
  'http.error': { zh: '请求无法处理（HTTP {status}）', en: 'the request could not be handled (HTTP {status})' },
  'server.internal': { zh: '服务器内部错误，请稍后重试', en: 'internal server error; please retry later' },
  'server.databaseUnavailable': { zh: '数据库暂时不可用，请稍后重试', en: 'the database is briefly unavailable; retry shortly' },
  'server.temporalUnavailable': { zh: '流程引擎（Temporal）暂时不可用，请稍后重试', en: 'Temporal is briefly unavailable; retry shortly' },

  // ——— field rules (class-validator's rules and ours; `{field}` reads as the form's label in Chinese) ———
  'validation.isString': { zh: '{field} 必须是文字', en: '{field} must be a string' },
  'validation.isNotEmpty': { zh: '{field} 不能为空', en: '{field} must not be empty' },
  'validation.isInt': { zh: '{field} 必须是整数', en: '{field} must be an integer' },
  'validation.isNumber': { zh: '{field} 必须是数字', en: '{field} must be a number' },
  'validation.isBoolean': { zh: '{field} 必须是 true 或 false', en: '{field} must be true or false' },
  'validation.isIn': { zh: '{field} 必须是 {values} 之一', en: '{field} must be one of {values}' },
  'validation.isEnum': { zh: '{field} 必须是 {values} 之一', en: '{field} must be one of {values}' },
  'validation.min': { zh: '{field} 不能小于 {min}', en: '{field} must not be less than {min}' },
  'validation.max': { zh: '{field} 不能大于 {max}', en: '{field} must not be greater than {max}' },
  'validation.maxLength': { zh: '{field} 不能超过 {max} 个字符', en: '{field} must be at most {max} characters long' },
  'validation.minLength': { zh: '{field} 至少需要 {min} 个字符', en: '{field} must be at least {min} characters long' },
  'validation.arrayMinSize': { zh: '{field} 至少应有 {min} 项', en: '{field} must contain at least {min} items' },
  'validation.arrayMaxSize': { zh: '{field} 不能超过 {max} 项', en: '{field} must contain at most {max} items' },
  'validation.arrayNotEmpty': { zh: '{field} 至少应有一项', en: '{field} must not be empty' },
  'validation.isArray': { zh: '{field} 必须是列表', en: '{field} must be an array' },
  'validation.isObject': { zh: '{field} 必须是对象', en: '{field} must be an object' },
  'validation.isDefined': { zh: '{field} 必须填写', en: '{field} is required' },
  'validation.matches': { zh: '{field} 格式不正确', en: '{field} has the wrong format' },
  'validation.notEquals': { zh: '{field} 不能是 {value}', en: '{field} must not be {value}' },
  'validation.nestedValidation': { zh: '{field} 必须是对象或列表', en: '{field} must be an object or an array' },
  'validation.whitelistValidation': { zh: '{field} 不是可接受的字段', en: '{field} is not an accepted field' },
  'validation.unknownValue': { zh: '请求体必须是 JSON 对象', en: 'the request body must be a JSON object' },
  'validation.invalid': { zh: '{field} 不符合规则 {rule}', en: '{field} breaks the rule {rule}' },
  'validation.eachOf': { zh: '{field} 的每一项', en: 'each item of {field}' },
  'validation.isCreditCode': { zh: '{field} 必须是 18 位，且校验位正确', en: '{field} must be an 18-character 统一社会信用代码 with a valid check character' },
  'validation.isCalendarDate': { zh: '{field} 必须是存在的日期 YYYY-MM-DD', en: '{field} must be a calendar date YYYY-MM-DD' },
  'validation.isIntegerInRange': { zh: '{field} 必须是 {min} 到 {max} 之间的整数', en: '{field} must be a whole number from {min} to {max}' },
    'validation.storableText.nul': { zh: '{field} 含有无法存储的字符（空字符 {codePoint}）', en: '{field} contains a character that cannot be stored (NUL {codePoint})' },
  'validation.storableText.loneSurrogate': { zh: '{field} 含有无法存储的字符（孤立代理项 {codePoint}）', en: '{field} contains a character that cannot be stored (lone surrogate {codePoint})' },
  'validation.storableText.badPercentEncoding': { zh: '{field} 含有无法存储的字符（无效的 UTF-8 百分号编码 {sample}）', en: '{field} contains a character that cannot be stored (invalid UTF-8 percent-encoding {sample})' },
  'validation.maxDepth': { zh: '{field} 嵌套超过 {max} 层', en: '{field} is nested more than {max} levels deep' },
  'validation.idempotencyKey': { zh: '{field}（请求头 Idempotency-Key）必填：8–64 个字符，只能是 A–Z、a–z、0–9、_ 或 -', en: '{field} header is required: 8–64 characters of A–Z, a–z, 0–9, _ or -' },
  // a process's own rules
  'validation.domesticNotAboveTotal': { zh: '{@rdExpenses.domesticYuan} 不能超过{@rdExpenses.totalYuan}', en: 'rdExpenses.domesticYuan must not exceed rdExpenses.totalYuan' },
  'validation.phone': { zh: '{field} 必须是电话号码（7–20 位数字，可含 +、- 和空格）', en: '{field} must be a phone number (7–20 digits, +, - and spaces)' },
  'validation.passportNumber': { zh: '{field} 必须是 6–12 位字母和数字', en: '{field} must be 6–12 letters and digits' },
  'validation.nationalityCode': { zh: '{field} 必须是 ISO 3166-1 三位字母国家代码', en: '{field} must be an ISO 3166-1 alpha-3 code' },
  'validation.foreignNationality': { zh: '{field} 必须是外国国籍（两证联办仅适用于外籍人才）', en: '{field} must be a foreign nationality (两证联办 is for foreign talent)' },
  'validation.workingAge': { zh: '{field} 须使人才年龄在 18 至 70 周岁之间', en: '{field} must make the talent between 18 and 70 years old' },
  'validation.passportValidSixMonths': { zh: '{field} 距今须至少六个月', en: '{field} must be at least six months away' },
  'validation.allRequiredDocuments': { zh: '{field} 缺少必需的材料：{missing}', en: '{field} must include every required document; missing: {missing}' },
  'validation.arrayUnique': { zh: '{field} 中的各项不能重复', en: '{field} must not contain duplicates' },
  'validation.notInFuture': { zh: '{field} 不能晚于今天', en: '{field} must not be later than today' },
  'validation.registrationNumber': { zh: '{field} 必须是 2 到 40 个字母、数字、空格或 ./()- 组成的注册证号', en: '{field} must be a registration number of 2 to 40 letters, digits, spaces or ./()-' },
  'validation.customsDeclaration': { zh: '{field} 必须是 18 位数字的报关单号', en: '{field} must be an 18-digit customs declaration number' },

  // ——— who may call ———
  'auth.missingToken': { zh: '缺少令牌（请求头 Authorization: Bearer …）', en: 'a bearer token is required (header Authorization: Bearer …)' },
  'auth.invalidToken': { zh: '令牌无效', en: 'the token is not valid' },
  'auth.expiredToken': { zh: '令牌已过期', en: 'the token has expired' },
  'auth.tokenLifetime': { zh: '令牌未设有效期或有效期过长', en: 'the token has no expiry or lives too long' },
  'auth.untrustedIssuer': { zh: '令牌不是本系统信任的统一身份认证服务签发的，请重新登录', en: 'the token was not issued by the identity provider this system trusts; sign in again' },
  'auth.wrongAudience': { zh: '令牌不是签发给本系统的', en: 'the token was not issued for this system' },
  'auth.unknownSigningKey': { zh: '令牌的签名密钥不在认证服务公布的密钥中（可能已轮换停用），请重新登录', en: 'the token is signed with a key the identity provider does not publish (perhaps retired); sign in again' },
  'auth.issuerUnavailable': { zh: '统一身份认证服务暂时无法访问，请稍后再试', en: 'the identity provider cannot be reached; try again later' },
  'auth.roleNotAllowed': { zh: '此操作仅限{roles}；您的角色是{role}', en: 'this call is for {roles}; you are {role}' },
  'auth.tooManyFailures': { zh: '认证失败次数过多，请 {seconds} 秒后再试', en: 'too many refused tokens; retry in {seconds} s' },
  'auth.noDevUser': { zh: '没有名为 {userId} 的演示用户（GET /auth/dev-users 列出全部）', en: 'no demo user {userId}; GET /auth/dev-users lists them' },
  'rateLimit.exceeded': { zh: '请求过于频繁：每分钟最多 {perMinute} 次，请 {seconds} 秒后再试', en: 'rate limit of {perMinute} requests a minute reached; retry in {seconds} s' },

  // ——— cases and filing ———
  'case.notFound': { zh: '案件不存在', en: 'case not found' },
  'case.noSuchAction': { zh: '该案件没有此操作（{action}）', en: 'this case has no such action ({action})' },
  'case.ended': { zh: '案件已结束（{status}），不能再变更', en: 'the case has ended ({status}) and can no longer change' },
  'case.withdrawn': { zh: '案件已撤回', en: 'the case was withdrawn' },
  'case.alreadyWithdrawn': { zh: '案件已经撤回', en: 'the case was already withdrawn' },
  'case.alreadyDecided': { zh: '案件已作出决定，不能撤回', en: 'the case is already decided' },
  'case.applicantOnly': { zh: '只有申请人可以办理此操作', en: 'only the applicant may do this' },
  'case.supervisorOnly': { zh: '只有电子监察人员可以办理此操作', en: 'only a supervisor (电子监察) may do this' },
  'action.unknown': { zh: '没有名为 {action} 的操作；此处可用的有：{actions}', en: 'no action named {action}; the actions here are: {actions}' },
  'action.notOfProcess': { zh: '「{label}」（{action}）不是{processName}的操作；该事项可用的有：{actions}', en: '「{label}」({action}) is not an action of {processName}; its actions are: {actions}' },
  'process.unknown': { zh: '没有名为 {process} 的审批事项；可申请的有：{processes}', en: 'no process named {process}; the processes are: {processes}' },
  'filing.otherEnterprise': { zh: '您代表 {applicantId} 办理；统一社会信用代码 {creditCode} 属于其他企业', en: 'you act for {applicantId}; creditCode {creditCode} is another enterprise\'s' },
  'filing.keyReused': { zh: 'Idempotency-Key {key} 已用于另一份申请', en: 'Idempotency-Key {key} was already used for a different application' },
  'filing.sameRequestForSameKey': { zh: '同一 Idempotency-Key 只能用于重试完全相同的请求', en: 'a key may be reused only to retry the identical request' },
  'filing.oneOpenCase': { zh: '{subject}已有在办的{processName}申请（案件 {caseId}），办结前不能再次申请', en: 'there is already an open {processName} application for {subject} (case {caseId}); file again once it is closed' },
  'filing.validCertificate': { zh: '{refusal}', en: '{refusal}' },
  'filing.grantedBefore': { zh: '{refusal}', en: '{refusal}' },
  'filing.concurrent': { zh: '同一申请对象的申请正在并发提交，请稍后重试', en: 'another application for the same subject is being filed right now; retry shortly' },
  'document.notFound': { zh: '该案件没有编号为 {documentId} 的文书', en: 'no document {documentId} on this case' },
  'compliance.noReport': { zh: '该案件尚未出具合规证明', en: 'this case has no compliance report yet' },
  'correction.noneWaiting': { zh: '没有等待答复的补正通知', en: 'no correction notice is waiting for an answer' },
  'correction.missingItems': { zh: '必须逐项答复补正通知；未答复：{items}', en: 'responses must answer every item of the notice; missing: {items}' },

  // ——— materials (附件) ———
  'material.storeUnavailable': { zh: '附件存储暂不可用（未配置对象存储或存储无应答），请稍后重试', en: 'the object store for materials is not configured or not answering; retry later' },
  'material.notMultipart': { zh: '请以 multipart/form-data 上传，文件放在 file 字段', en: 'upload as multipart/form-data with the file in the field file' },
  'material.noFile': { zh: '请上传{field}', en: '{field}: no file was uploaded' },
  'material.oneFile': { zh: '每次只能上传一个{field}', en: '{field}: upload one file at a time' },
  'material.fieldOrder': { zh: '{field} 须在文件之前发送', en: '{field} must be sent before the file' },
  'material.empty': { zh: '{field} {name} 是空文件', en: '{field}: the file {name} is empty' },
  'material.tooLarge': { zh: '{field} {name} 超过大小上限 {maxMb} MB', en: '{field}: the file {name} is larger than {maxMb} MB' },
  'material.unrecognisedType': { zh: '{field} {name} 的内容不是可接受的类型（只接受 {allowed}；类型按文件内容判断，不按文件名）', en: '{field}: the content of {name} is none of {allowed} (judged by content, not by name)' },
  'material.typeNotAllowed': { zh: '{field}（{kindName}）只接受 {allowed}，文件 {name} 的内容是 {detected}', en: '{field}: {kindName} takes {allowed} only; the content of {name} is {detected}' },
  'material.typeMismatch': { zh: '{field} {name} 的内容是 {detected}，与文件名后缀 .{extension} 不符', en: '{field}: the content of {name} is {detected}, not what its extension .{extension} says' },
  'material.broken': { zh: '{field} {name} 已损坏或不完整（{detected} 文件缺少结尾标记）', en: '{field}: the file {name} is broken or truncated (the {detected} has no end marker)' },
  'material.interrupted': { zh: '{field} {name} 上传中断，文件不完整，请重新上传', en: '{field}: the upload of {name} broke off; upload it again' },
  'material.unknownKind': { zh: '{field} 「{kind}」不是可提交的材料；可提交的有：{kindNames}', en: '{field}: there is no material {kind}; the materials are: {kinds}' },
  'material.required': { zh: '{field} 缺少必需的材料：{missing}', en: '{field} lacks required materials: {missing}' },
  'material.tooMany': { zh: '{field} 最多只能附 {max} 个文件', en: '{field} may carry at most {max} files' },
  'material.duplicate': { zh: '{field} 与前面的附件重复', en: '{field}: this material is named twice' },
  'material.idFormat': { zh: '{field} 不是上传附件时返回的编号，请重新上传', en: '{field} must be the id POST /materials answered (a UUID)' },
  'material.notYours': { zh: '{field} 不存在或不是您上传的，请重新上传', en: '{field}: there is no such material of your own' },
  'material.alreadyAttached': { zh: '{field} 已附在其他申请、答复或决定上，请重新上传', en: '{field}: this material is already attached elsewhere; upload it again' },
  'material.kindMismatch': { zh: '{field} 是作为{uploadedAs}上传的，不能作为{kindName}提交', en: '{field}: this material was uploaded as {uploadedAs}, not {kindName}' },
  'material.notFound': { zh: '附件不存在', en: 'material not found' },
  'material.personal': { zh: '该附件是个人证件材料（{kindName}），仅申请人和承办部门可以查看', en: 'this is a personal document ({kindName}): only the applicant and the agencies handling the case may open it' },

  // ——— steps ———
  'step.notFound': { zh: '环节不存在', en: 'step not found' },
  'step.otherAgency': { zh: '环节 {stepId} 不由{agencyName}办理', en: 'step {stepId} is not handled by {agencyName}' },
  'step.assignedElsewhere': { zh: '{stepName}由{agencyName}办理；{actor}无权办理', en: '{stepName} is assigned to {agencyName}; {actor} may not act on it' },
  'step.notOpen': { zh: '{stepName}当前状态为{status}，不能办理', en: '{stepName} is {status} and cannot be acted on' },
  'step.heldByOther': { zh: '{stepName}已由 {holder} 认领，只有认领人可以办理；如需接手，请认领人取消认领或由电子监察收回', en: '{stepName} is claimed by {holder}: only they may act on it; ask them to release it, or a supervisor to take it back' },
  'step.notClaimed': { zh: '{stepName}尚未被认领', en: '{stepName} is not claimed' },
  'step.wrongKind': { zh: '{stepName}不是{kind}环节', en: '{stepName} is not a {kind} step' },
  'decision.notAllowed': { zh: '{stepName}只能作出以下决定：{allowed}', en: 'the decision for {stepName} must be one of {allowed}' },
  'decision.reasonRequired': { zh: '{decision}须填写理由（reason）', en: 'reason is required to {decision}' },
  'decision.correctionItemsRequired': { zh: 'correctionItems 须一次性列明全部补正事项', en: 'correctionItems must list every item to correct, at once (一次性告知)' },
  'urge.noteRequired': { zh: '督办须说明要求（note）', en: 'note is required: say what the agency is urged to do' },
  'reassign.unknownAgency': { zh: 'agency 必须是 {agencies} 之一', en: 'agency must be one of {agencies}' },
  'reassign.reasonRequired': { zh: '改派须填写理由（reason）', en: 'reason is required to reassign' },
  'reassign.agencyNotCompetent': { zh: '{agencyName}不能办理{stepName}；可改派给：{agencies}', en: '{agencyName} cannot take {stepName}; it may go to: {agencies}' },
  'clock.notRunning': { zh: '该案件没有正在计时的时限 {clockId}', en: 'no running clock {clockId} on this case' },
  'clock.extensionDays': { zh: 'days 必须是 1 到 15 之间的整数（第四十二条：延长10日，联合办理15日）', en: 'days must be a whole number from 1 to 15 (Art. 42: +10, joint handling +15)' },
  'clock.extensionReason': { zh: '延长期限须填写理由（reason），并告知申请人', en: 'reason is required: the applicant is told why' },
  'exclusion.kind': { zh: 'kind 必须是 {kinds} 之一', en: 'kind must be one of {kinds}' },
  'exclusion.expectedDays': { zh: 'expectedDays 必须是 1 到 120 之间的整数', en: 'expectedDays must be a whole number from 1 to 120' },
  'exclusion.alreadyPaused': { zh: '{stepName}的时限已经暂停计算', en: 'the clock of {stepName} is already paused' },
  'exclusion.notRunning': { zh: '{stepName}没有正在进行的不计时期间', en: 'no excluded period is running on {stepName}' },

  // ——— expert review ———
  'panel.notExpertReview': { zh: '{stepName}不是专家评审', en: '{stepName} is not an expert review' },
  'panel.notMember': { zh: '{name}不是本评审组成员', en: '{name} does not sit on this panel' },
  'panel.alreadyScored': { zh: '{name}已经评过分', en: '{name} has already scored' },
  'panel.scoreRange': { zh: 'score 必须是 0 到 100 之间的整数', en: 'score must be a whole number from 0 to 100' },
  'panel.opinionRequired': { zh: '须填写评审意见（opinion）', en: 'opinion is required' },

  // ——— listing support ———
  'liaison.nameRequired': { zh: '{@liaison.name} 不能为空', en: 'liaison.name is required' },
  'liaison.phone': { zh: '{@liaison.phone} 必须是电话号码', en: 'liaison.phone must be a phone number' },
  'subsidy.wholeYuan': { zh: '{@amountYuan} 必须是至少为 1 的整数（元）', en: 'amountYuan must be a whole number of yuan, at least 1' },
  'subsidy.aboveMunicipalCap': { zh: '{@amountYuan} 不能超过 {max} 元（市级上市补贴每家企业最高300万元）', en: 'amountYuan must not exceed {max} (the municipal subsidy is up to 3,000,000 yuan per enterprise)' },
  'subsidy.belowMunicipal': { zh: '{@amountYuan} 不能低于市级补贴 {floor} 元（区级补贴不低于市级）', en: 'amountYuan must not be below the municipal subsidy of {floor} yuan (区级补贴不低于市级)' },

  // ——— public register and 公示 ———
  'register.certificateNotFound': { zh: '公开登记簿中没有编号为 {number} 的证书', en: 'no certificate {number} in the register' },
  'register.complianceNotFound': { zh: '没有编号为 {code} 的合规证明', en: 'no compliance report {code}' },
  'register.notFound': { zh: '公开登记簿中没有该编号', en: 'no such number in the public register' },
  // ——— verifying an issued document (公开查验: by 文号 or by the PDF itself) ———
  'verify.noInput': { zh: '请输入文号，或上传文书 PDF 文件（file）', en: 'give a document number, or upload the document PDF (file)' },
  'verify.fileTooLarge': { zh: '{field} 不能超过 {max} 字节', en: '{field} must be at most {max} bytes' },
  'verify.notPdf': { zh: '{field} 不是 PDF 文件', en: '{field} is not a PDF file' },
  'verify.badUpload': { zh: '上传内容无法读取：请以 multipart/form-data 上传一个名为 file 的 PDF 文件', en: 'the upload could not be read: send one PDF as multipart/form-data field file' },
  'verify.tooManyFiles': { zh: '只能上传一个{field}', en: '{field} takes one file only' },
  'document.pdfUnavailable': { zh: '文书 PDF 暂时无法生成，请稍后重试', en: 'the document PDF cannot be made just now; retry later' },
  'publicNotice.notFound': { zh: '没有正在公示的该案件', en: 'no case under public notice with that id' },
  'publicNotice.notOpen': { zh: '该案件不在公示期内', en: 'this case is not under public notice (公示)' },
  'objection.fieldsRequired': { zh: 'name、contact 和 reason 均须填写', en: 'name, contact and reason are required' },

  // ——— the calendar ———
  'calendar.isYear': { zh: '{field} 应为 {min}–{max} 之间的四位年份，收到 {value}', en: '{field} must be a four-digit year from {min} to {max}; got {value}' },
  'calendar.yearRange': { zh: '{field} 应为 {min}–{max} 之间的年份，收到 {value}', en: '{field} must be a year from {min} to {max}; got {value}' },
  'calendar.yearMatchesPath': { zh: 'year（{year}）与路径中的年份（{pathYear}）不一致', en: 'year ({year}) does not match the year in the path ({pathYear})' },
  'calendar.isText': { zh: '{field} 应为文字', en: '{field} must be text' },
  'calendar.isDateText': { zh: '{field} 应为日期 YYYY-MM-DD', en: '{field} must be a date YYYY-MM-DD' },
  'calendar.isYearNumber': { zh: '{field} 应为整数年份', en: '{field} must be a whole year' },
  'calendar.holidayNameRequired': { zh: '{field} 不能为空：请填写节日名称', en: '{field} must not be empty: give the holiday\'s name' },
  'calendar.titleRequired': { zh: '{field} 不能为空：请填写通知标题', en: '{field} must not be empty: give the notice\'s title' },
  'calendar.documentNumberEmpty': { zh: '{field} 不能为空字符串：没有文号时请省略', en: '{field} must not be an empty string: leave it out when there is none' },
  'calendar.tooLong': { zh: '{field} 不能超过 {max} 个字', en: '{field} must be at most {max} characters' },
  'calendar.holidaysList': { zh: '{field} 应为放假区间的列表', en: '{field} must be a list of holiday ranges' },
  'calendar.holidaysRequired': { zh: '{field} 至少应有一项放假安排', en: '{field} must list at least one holiday' },
  'calendar.tooManyItems': { zh: '{field} 不能超过 {max} 项', en: '{field} must have at most {max} items' },
  'calendar.datesList': { zh: '{field} 应为日期的列表', en: '{field} must be a list of dates' },
  // with `each`, {field} reads "makeUpWorkdays 的每一项"
  'calendar.eachDate': { zh: '{field}应为日期 YYYY-MM-DD', en: '{field} must be a date YYYY-MM-DD' },
  'calendar.notADate': { zh: '{field} 不是存在的日期：{value}（应为 YYYY-MM-DD，如 {year}-01-01）', en: '{field} is not an existing day: {value} (YYYY-MM-DD, e.g. {year}-01-01)' },
  'calendar.inYear': { zh: '{field} 为 {value}，不在 {year} 年内：一份通知只安排本年度的日期', en: '{field} is {value}, not in {year}: a notice arranges only its own year' },
  'calendar.rangeOrdered': { zh: '{field}（{to}）早于 {fromField}（{from}）：放假区间应从早到晚', en: '{field} ({to}) is before {fromField} ({from}): a range runs forwards' },
  'calendar.noOverlap': { zh: '{field}（{from} 至 {to}）与 {otherField}（{otherFrom} 至 {otherTo}）重叠', en: '{field} ({from} to {to}) overlaps {otherField} ({otherFrom} to {otherTo})' },
  'calendar.unique': { zh: '{field} 重复：{day} 已列出', en: '{field} repeats {day}' },
  'calendar.onWeekend': { zh: '{field} 为 {day}，不是星期六或星期日：调休上班日只能是周末', en: '{field} is {day}, not a Saturday or Sunday: make-up working days are weekends' },
  'calendar.notAHoliday': { zh: '{field} 为 {day}，落在放假区间 {holidayField}（{from} 至 {to}）内：同一天不能既放假又上班', en: '{field} is {day}, inside the holiday {holidayField} ({from} to {to}): a day cannot be both off and worked' },
  'calendar.concurrentLoad': { zh: '{year}年的节假日安排刚被另一次载入更新为第{version}版：请查看（GET /calendar/years/{year}）后再提交', en: 'the {year} calendar was just updated to version {version} by another load: check GET /calendar/years/{year} before submitting' },
  'calendar.rolloutPending': { zh: '{year}年第{version}版节假日安排已保存，但暂时无法通知在办案件（Temporal 不可用）：请稍后以相同内容重新提交，系统将补发通知', en: 'version {version} of the {year} calendar is saved, but running cases cannot be told yet (Temporal unavailable): submit the same notice again later to send it' },

  // ——— the worklists ———
  'worklist.viewForRole': { zh: 'view={view} 不适用于{role}', en: 'view={view} is not available to {role}' },

  // ——— processing paused (no worker, Temporal or Postgres down) ———
  // What officials and supervisors read (the consoles' banner, a refused action's 503): what it means
  // for their work and who acts. The `*Detail` entries are the operators' words (task queue, the
  // engine's own error): /health/ready's problems[].detail and the API's log, never the consoles.
  'readiness.noWorker': {
    zh: '处理暂停：后台处理服务未在运行，暂时无法受理与办理，已提交的申请与决定将在恢复后处理；如长时间未恢复，请联系系统管理员',
    en: 'processing paused: the background processing service is not running, so nothing can be filed or decided for now; what was submitted is processed once it is back. If this lasts, contact the system administrator',
  },
  'readiness.noWorkerDetail': { zh: '无工作进程在线：任务队列 "{taskQueue}" 的{queues}超过 {seconds} 秒无人轮询', en: 'no worker online: nobody polled the {queues} of task queue "{taskQueue}" for over {seconds} s' },
  'readiness.workflowTasks': { zh: '工作流任务', en: 'workflow tasks' },
  'readiness.activityTasks': { zh: '活动任务', en: 'activity tasks' },
  'readiness.bothQueues': { zh: '工作流任务与活动任务', en: 'workflow and activity tasks' },
  'readiness.workerUnknown': {
    zh: '暂时无法确认后台处理服务是否在运行，办理操作可能暂不可用；如长时间未恢复，请联系系统管理员',
    en: 'cannot tell whether the background processing service is running, so actions may not go through for now. If this lasts, contact the system administrator',
  },
  'readiness.workerUnknownDetail': { zh: '无法查询工作进程状态（{reason}）', en: 'cannot ask whether a worker is online ({reason})' },
  'readiness.postgresDown': {
    zh: '系统数据库暂时无法访问，暂时无法查询与办理；如长时间未恢复，请联系系统管理员',
    en: 'the system database cannot be reached, so nothing can be read or done for now. If this lasts, contact the system administrator',
  },
  'readiness.postgresDownDetail': { zh: '数据库不可达（{reason}）', en: 'the database is unreachable ({reason})' },
  'readiness.temporalDown': {
    zh: '流程服务暂时无法访问，暂时无法受理与办理；如长时间未恢复，请联系系统管理员',
    en: 'the process service cannot be reached, so nothing can be filed or decided for now. If this lasts, contact the system administrator',
  },
  'readiness.temporalDownDetail': { zh: '流程引擎 Temporal 不可达（{reason}）', en: 'Temporal is unreachable ({reason})' },
  'readiness.departmentsDown': {
    zh: '部门数据服务暂时无法访问，需要部门数据的办理将在恢复后自动继续',
    en: "the departments' data services cannot be reached; work that needs their data continues by itself once they are back",
  },
  'readiness.departmentsDownDetail': { zh: '部门服务不可达（{url}/health：{reason}）', en: "the departments' services are unreachable ({url}/health: {reason})" },
  'processing.refused': { zh: '{headline}。本次操作未办理，请在恢复后重试。', en: '{headline}. Nothing was done; retry once processing is back.' },
  'processing.pausedHeadline': { zh: '处理暂停：后台处理服务未在运行', en: 'processing paused: the background processing service is not running' },
  'processing.notTakenUp': { zh: '处理暂停：后台处理服务未能在 {seconds} 秒内接手本次操作（可能正在重启或繁忙）', en: 'processing paused: the background processing service did not take up this action within {seconds} s (restarting or busy)' },
  'processing.timedOutKeyed': {
    zh: '{headline}。本次操作未能在 {seconds} 秒内完成，恢复后仍可能生效；以相同的 Idempotency-Key 重试即为同一操作：会得到它的结果，不会重复办理。',
    en: '{headline}. The action did not complete within {seconds} s and may still take effect; retrying with the same Idempotency-Key is the same action: you get its outcome, never a second one.',
  },
  'processing.timedOut': {
    zh: '{headline}。本次操作未能在 {seconds} 秒内完成，恢复后仍可能生效；重试前请先查看案件是否已办理（带 Idempotency-Key 的请求重试时不会重复办理）。',
    en: '{headline}. The action did not complete within {seconds} s and may still take effect; check the case before retrying (a request with an Idempotency-Key is never done twice).',
  },
  'processing.interruptedKeyed': {
    zh: '流程引擎本次未能给出结果（{code}），操作可能已生效；以相同的 Idempotency-Key 重试即为同一操作：会得到它的结果，不会重复办理。',
    en: 'Temporal gave no outcome this time ({code}); the action may have taken effect. Retrying with the same Idempotency-Key is the same action: you get its outcome, never a second one.',
  },
  'processing.interrupted': {
    zh: '流程引擎本次未能给出结果（{code}），操作可能已生效；重试前请先查看案件是否已办理（带 Idempotency-Key 的请求重试时不会重复办理）。',
    en: 'Temporal gave no outcome this time ({code}); the action may have taken effect. Check the case before retrying (a request with an Idempotency-Key is never done twice).',
  },

  // ——— a refusal from an older worker, whose message has no code: shown as it came ———
  'workflow.refused': { zh: '操作被拒绝：{detail}', en: 'refused: {detail}' },
} as const satisfies Record<string, Texts>;

export type ErrorCode = keyof typeof messages;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(messages, code);
}

const LIST_SEPARATOR: Record<Lang, string> = { zh: '、', en: ', ' };
/** Between whole messages (a list of coded parameters). */
const SENTENCE_SEPARATOR: Record<Lang, string> = { zh: '；', en: '; ' };

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One parameter as text in `lang`. */
export function renderParam(value: ParamValue, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const sentences = value.some((v) => isObject(v as unknown) && typeof (v as { code?: unknown }).code === 'string');
    return value.map((v) => renderParam(v, lang)).join(sentences ? SENTENCE_SEPARATOR[lang] : LIST_SEPARATOR[lang]);
  }
  if (isObject(value as unknown)) {
    const object = value as { [key: string]: unknown };
    if (typeof object.code === 'string') return translate(object.code, (object.params ?? {}) as ErrorParams, lang);
    if (typeof object.label === 'string') {
      const kind = PARAM_LABELS[object.label as LabelKind] as Record<string, Texts> | undefined;
      const entry = kind && Object.prototype.hasOwnProperty.call(kind, String(object.value)) ? kind[String(object.value)] : undefined;
      return entry ? entry[lang] : String(object.value);
    }
    return JSON.stringify(object);
  }
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 10000) return groupThousands(value);
  return String(value);
}

/** A labelled parameter: `label('decision', 'refuse')` reads 不予受理 / refuse. */
export function label(kind: LabelKind, value: string): { label: LabelKind; value: string } {
  return { label: kind, value };
}

/** The placeholders a template uses, in order. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]);
}

/**
 * The message of `code` in `lang`, its placeholders filled from `params`. An unknown code is
 * returned as it is (the catalogue spec proves no code the API sends is unknown).
 */
export function translate(code: string, params: ErrorParams = {}, lang: Lang = DEFAULT_LANG): string {
  const texts = isErrorCode(code) ? (messages[code] as Texts) : undefined;
  if (!texts) return code;
  // The calendar's messages keep naming its fields by their JSON names (its notices are loaded as JSON by an administrator).
  const labelled = lang === 'zh' && !code.startsWith('calendar.');
  const fieldText = (path: string): string => (labelled ? (fieldPathLabel(path) ?? path) : path);
  return fill(texts[lang], labelled, (name) => {
    if (name.startsWith('@')) return { text: fieldText(name.slice(1)), field: true };
    if (name === 'field' && params.field !== undefined && params.field !== null) {
      const field = fieldText(renderParam(params.field, lang));
      if (params.each !== true) return { text: field, field: true };
      return { text: fill(messages['validation.eachOf'][lang], labelled, () => ({ text: field, field: true })), field: true };
    }
    return Object.prototype.hasOwnProperty.call(params, name) ? { text: renderParam(params[name], lang), field: false } : undefined;
  });
}

/**
 * Fills a template's placeholders. In a Chinese message a field named by its label runs on into
 * the Chinese that follows (统一社会信用代码必须是…); a JSON path keeps its space (pageSize 必须是…).
 */
function fill(template: string, labelled: boolean, value: (name: string) => { text: string; field: boolean } | undefined): string {
  return template.replace(/\{(@[A-Za-z][A-Za-z0-9.]*|[A-Za-z][A-Za-z0-9]*)\}( (?=[\u0080-\uffff]))?/g, (whole, name: string, space: string | undefined) => {
    const found = value(name);
    if (!found) return whole;
    const runsOn = labelled && found.field && /[\u0080-\uffff]$/.test(found.text);
    return found.text + (space && !runsOn ? space : '');
  });
}

/**
 * The language an Accept-Language header asks for: English when it prefers English over Chinese,
 * Chinese otherwise (and when it names neither, or is absent).
 */
export function languageOf(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag, ...attrs] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'zh' && primary !== 'en') continue;
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}

/** The Content-Language an answer in `lang` carries. */
export const CONTENT_LANGUAGE: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

/** One broken rule of a 400 (or the one reason of a 409), as the answer carries it. */
export interface FieldProblem {
  field: string;
  rule: string;
  code: string;
  params?: ErrorParams;
  message?: string;
}

/** An error answer's body: the HTTP status, a stable code, its parameters and the message in the requested language. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  params?: ErrorParams;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

/**
 * Renders an answer's messages in `lang` from its codes: the body's own and each field's. A 400
 * naming fields (`request.invalid`) says every field's message, in order.
 */
export function localizeErrorBody<T extends { code?: unknown; message?: unknown; params?: unknown; errors?: unknown }>(body: T, lang: Lang): T {
  const errors = Array.isArray(body.errors)
    ? (body.errors as Array<Record<string, unknown>>).map((e) => (isErrorCode(e.code) ? { ...e, message: translate(e.code, (e.params ?? {}) as ErrorParams, lang) } : e))
    : undefined;
  const out: Record<string, unknown> = { ...body };
  if (errors) out.errors = errors;
  if (body.code === 'request.invalid' && errors) {
    out.message = errors.map((e) => String(e.message)).join(lang === 'zh' ? '；' : '; ');
  } else if (isErrorCode(body.code)) {
    out.message = translate(body.code, (body.params ?? {}) as ErrorParams, lang);
  }
  return out as T;
}
