import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DepartmentCode, ENGINE_DOCUMENT_KINDS, ENGINE_STEP_KINDS, MaterialRequirement, correctionMaterials, decisionMaterials, departmentName } from '../../../../libs/domain';
import { EngineOptions, PROCESS_CODES, ProcessActionDefinition, ProcessDefinition, optionsInForce } from '../../../../libs/processes';
import { ACTION_ROUTES } from '../actions/action-routes';

export class ProcessNamesView {
  @ApiProperty({ example: '高新技术企业认定' }) zh!: string;
  @ApiProperty({ example: 'High-tech enterprise certification (approved on filing)' }) en!: string;
}

export class LeadAgencyView {
  @ApiProperty({ example: 'zgc' }) code!: string;
  @ApiProperty({ example: '市科委、中关村管委会' }) name!: string;
}

export class ProcessOptionView {
  @ApiProperty({ example: 'acceptanceWindowDays' }) option!: string;
  @ApiProperty({ example: 'HIGH_TECH_ACCEPTANCE_WINDOW_DAYS', description: 'the setting that changes it' }) setting!: string;
  @ApiPropertyOptional({ example: 5, description: 'in force now (absent: not set, no default)' }) value?: number;
  @ApiProperty({ description: 'the least it may be' }) min!: number;
  @ApiProperty({ description: 'the legal limit it may not pass' }) max!: number;
  @ApiProperty({ example: '受理期限（工作日）' }) description!: string;
}

export class ProcessActionView {
  @ApiProperty({ example: 'score', description: 'its name in the URL' }) action!: string;
  @ApiProperty({ example: '专家评分', description: 'its name on a button, in Chinese' }) label!: string;
  @ApiProperty({ example: '评审专家评分（0–100）并给出意见' }) description!: string;
  @ApiProperty({ enum: ['step', 'case', 'public'], description: 'on a step assigned to the caller, on a case the caller has a stake in, or by anyone without signing in' }) on!: string;
  @ApiProperty({ type: [String], example: ['expert'], description: 'the roles that may call it (none: a public action)' }) roles!: string[];
  @ApiPropertyOptional({ type: [String], example: ['expert-panel'], description: 'a step action: the kinds of step it answers' }) stepKinds?: string[];
  @ApiPropertyOptional({ type: [String], example: ['public-notice'], description: 'a public action: the case statuses in which it is open' }) openWhile?: string[];
  @ApiProperty({ example: 'POST /steps/{id}/score', description: 'where to call it' }) call!: string;
  @ApiProperty({ example: 'POST /steps/{id}/actions/score', description: 'the same action at its generic route' }) genericCall!: string;
  @ApiProperty({ example: 'scoreExpertReview', description: 'the Temporal update it sends' }) update!: string;
  @ApiProperty({ description: 'its body as JSON Schema, derived from the rules the API validates it with' }) form!: Record<string, unknown>;
}

export class MaterialRequirementView {
  @ApiProperty({ example: 'passport-copy', description: 'the kind a filing names it by in materials[].kind' }) kind!: string;
  @ApiProperty({ example: '护照复印件' }) name!: string;
  @ApiProperty({ description: 'filing without it is refused' }) required!: boolean;
  @ApiProperty({ example: ['application/pdf', 'image/png', 'image/jpeg'], description: 'accepted content types, judged by the content', type: [String] }) contentTypes!: string[];
  @ApiProperty({ example: 20971520, description: 'the largest file accepted, in bytes' }) maxBytes!: number;
  @ApiProperty({ description: 'a personal document: only the applicant and the agencies on the case may open it' }) personal!: boolean;
  @ApiProperty({ description: "an official's internal working paper (专家意见): the applicant neither sees nor opens it" }) internal!: boolean;
}

export class ProcessMaterialsView {
  @ApiProperty({ type: [MaterialRequirementView], description: 'what a filing attaches: upload each (POST /materials), then file with materials: [{kind, id}]' }) filing!: MaterialRequirementView[];
  @ApiProperty({ type: [MaterialRequirementView], description: 'what an answer to a correction notice may attach' }) correction!: MaterialRequirementView[];
  @ApiProperty({ type: [MaterialRequirementView], description: 'what an official may attach to a decision' }) decision!: MaterialRequirementView[];
  @ApiProperty({ example: 20, description: 'the most files one filing, answer or decision may carry' }) maxPerFiling!: number;
}

export class AssessmentView {
  @ApiProperty({ example: '报备即批准条件核验', description: 'the check’s name on the case page' }) title!: string;
  @ApiProperty({ description: 'meeting every criterion approves on filing (报备即批准); failing one sends the case to ordinary review' }) approvesOnFiling!: boolean;
}

export class ProcessView {
  @ApiProperty({ example: PROCESS_CODES[0], description: 'in POST /cases/{process} and in case ids' }) code!: string;
  @ApiProperty({ type: ProcessNamesView }) names!: ProcessNamesView;
  @ApiProperty({ example: 'highTechCertification', description: 'the Temporal workflow type its cases run as' }) workflowType!: string;
  @ApiProperty({ type: LeadAgencyView }) leadAgency!: LeadAgencyView;
  @ApiProperty({ example: 'POST /cases/high-tech' }) filing!: string;
  @ApiProperty({ description: 'the application as JSON Schema, derived from the rules the API validates it with (nested objects under $defs)' }) form!: Record<string, unknown>;
  @ApiProperty({ description: 'every status a case may be in, named in Chinese', example: { acceptance: '待受理' } }) statuses!: Record<string, string>;
  @ApiProperty({ description: 'statuses that end a case', type: [String] }) endedStatuses!: string[];
  @ApiProperty({ description: 'step kinds a case may show (the engine’s and its own), named in Chinese', example: { acceptance: '受理', 'expert-panel': '专家评审' } }) stepKinds!: Record<string, string>;
  @ApiProperty({ description: 'documents it may issue (the engine’s and its own), named in Chinese', example: { certificate: '高新技术企业证书' } }) documentKinds!: Record<string, string>;
  @ApiProperty({ description: 'what it publishes in the public register', example: [{ kind: 'certificate', name: '高新技术企业证书' }] }) publicRegister!: Array<{ kind: string; name: string }>;
  @ApiProperty({ type: [ProcessActionView], description: 'its own actions beyond the engine’s (claim, decide, withdraw …), each with its form' }) actions!: ProcessActionView[];
  @ApiProperty({ description: 'the Temporal updates of its own actions', example: [{ name: 'lodgeObjection', description: '公示期内任何人提出异议' }] }) updates!: Array<{ name: string; description: string }>;
  @ApiPropertyOptional({ type: AssessmentView, description: 'how a filing is checked against the departments’ records (none: not checked so)' }) assessment?: AssessmentView;
  @ApiProperty({ description: 'fields that are personal data: shown whole only to the applicant and agencies on the case', type: [String] }) personalDataFields!: string[];
  @ApiProperty({ type: [ProcessOptionView], description: 'its options in force, each within its legal limits' }) options!: ProcessOptionView[];
  @ApiProperty({ type: ProcessMaterialsView, description: 'the materials (附件) its filing, correction answers and decisions take' }) materials!: ProcessMaterialsView;
}

function requirementView(m: MaterialRequirement, maxBytes: number): MaterialRequirementView {
  return { kind: m.kind, name: m.name, required: m.required, contentTypes: [...m.contentTypes], maxBytes: Math.min(m.maxBytes, maxBytes), personal: m.personal ?? false, internal: m.internal ?? false };
}

export function processView(process: ProcessDefinition, options: EngineOptions, limits: { maxBytes: number; maxPerFiling: number }): ProcessView {
  return {
    code: process.code,
    names: process.names,
    workflowType: process.workflowType,
    leadAgency: { code: process.leadAgency, name: departmentName(process.leadAgency as DepartmentCode) },
    filing: `POST /cases/${process.code}`,
    form: process.form() as Record<string, unknown>,
    statuses: { ...process.statuses },
    endedStatuses: [...process.endedStatuses],
    stepKinds: { ...ENGINE_STEP_KINDS, ...process.stepKinds },
    documentKinds: { ...ENGINE_DOCUMENT_KINDS, ...process.documentKinds },
    publicRegister: process.publicRegister.map((e) => ({ ...e })),
    actions: process.actions.map(actionView),
    updates: process.actions.map((a) => ({ name: a.update, description: a.description })),
    ...(process.assessment && { assessment: { ...process.assessment } }),
    personalDataFields: [...(process.personalData?.fields ?? [])],
    options: optionsInForce(process, options),
    materials: {
      filing: (process.materials ?? []).map((m) => requirementView(m, limits.maxBytes)),
      correction: correctionMaterials(process).map((m) => requirementView(m, limits.maxBytes)),
      decision: decisionMaterials().map((m) => requirementView(m, limits.maxBytes)),
      maxPerFiling: limits.maxPerFiling,
    },
  };
}

export function actionView(action: ProcessActionDefinition): ProcessActionView {
  const routes = ACTION_ROUTES[action.on];
  return {
    action: action.action,
    label: action.label,
    description: action.description,
    on: action.on,
    roles: [...action.roles],
    ...(action.stepKinds && { stepKinds: [...action.stepKinds] }),
    ...(action.openWhile && { openWhile: [...action.openWhile] }),
    call: `POST ${routes.documented(action.action)}`,
    genericCall: `POST ${routes.genericFor(action.action)}`,
    update: action.update,
    form: action.form() as Record<string, unknown>,
  };
}
