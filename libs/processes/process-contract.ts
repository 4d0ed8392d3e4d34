import type { Actor, Role } from '../domain/case-engine.contract';
import type { DepartmentCode } from '../domain/departments';
import type { ErrorCode } from '../i18n/error-catalogue';
import type { MaterialRequirement } from '../domain/materials';

/**
 * What every process declares about itself, in its contract (`<code>/<code>.contract.ts`).
 * Workflow-safe: workflows import contracts, so nothing here may reach class-validator, NestJS
 * or Node built-ins. The DTO that validates a filing is bound to it in the DTO file
 * (`defineProcess`), which makes the complete definition the registry lists.
 */

/** The settings every case carries whatever its process: read once by the API (SLA_WARN_DAYS_BEFORE, DEPARTMENT_INCIDENT_SECONDS). */
export interface EngineOptions {
  /** Yellow when this many working days or fewer remain. */
  warnDaysBefore: number;
  /** A department silent this long (retried all the while) raises an incident for supervisors. */
  departmentIncidentSeconds: number;
}

/**
 * One option a process reads from its own environment prefix, with the legal bounds it may not
 * pass (an integer, min ≤ value ≤ max). Options without a limit keep their default.
 */
export interface OptionLimit {
  /** The setting after the prefix: `ACCEPTANCE_WINDOW_DAYS` is read as `HIGH_TECH_ACCEPTANCE_WINDOW_DAYS`. */
  env: string;
  min: number;
  max: number;
  /** What it is, in Chinese, with its legal basis where there is one: shown by GET /processes. */
  description: string;
  /** Set only when configured: no default (a development shortcut, say). */
  optional?: boolean;
  /** Production refuses the setting, for this reason. */
  notInProduction?: string;
  /**
   * A development shortcut in seconds (a 公示 of seconds instead of working days): what the
   * launcher, the test stack and the chaos run set, through `demoSettings`, so cases finish while
   * someone watches. Never set in production (pair it with `notInProduction`).
   */
  demoSeconds?: boolean;
  /**
   * The value scripted runs set (the test stack, chaos, the benches, scale-out) so that no case
   * takes a random turn the script does not play (a spot check drawn after certification).
   */
  scripted?: number;
}

export interface ProcessOptionsSpec<O> {
  /** `HIGH_TECH_`: the launcher passes every setting with it to the apps; the API validates them. */
  envPrefix: string;
  defaults: O;
  limits: { [K in keyof O]?: OptionLimit };
}

/**
 * Who or what "one open case" is about, as the application says it. `key` is stored as it is
 * (a credit code), unless `keyedHash` says it identifies a person: then only a keyed hash of it
 * is stored (HMAC under a key derived from the payload keys with `label`, written `<prefix>:…`).
 */
export interface SubjectOf {
  key: string;
  keyedHash?: { label: string; prefix: string };
  /** The field a refusal names. */
  field: string;
  /** The subject in a refusal's words: 该企业, 该外籍人才（护照 C4****71）在本单位. */
  described: string;
}

/**
 * A public-register entry of this process that stands in the way of filing again for the same
 * enterprise until a date (高新技术企业: a valid certificate, until its last year of validity).
 */
export interface RefilingBar<App = unknown> {
  /** The register entry: one of the process's `publicRegister` kinds. */
  entry: string;
  /**
   * Which of the holder's entries stand in the way of this application: those whose `details`
   * contain these fields (专精特新: the same product). Without it, any entry of the holder's.
   */
  sameSubject?(application: App): Record<string, unknown>;
  /** The first day a holder of an entry valid until `validUntil` may file again; undefined: never (an entry without an end, e.g. a reward paid once per product). */
  opensOn(validUntil: string | null): string | undefined;
  /** The refusal, in Chinese. */
  refusal(entry: { number: string; validUntil: string | null; issuedOn: string }, opensOn: string | undefined): string;
}

/** Fields that are personal data wherever they sit in a case of this process, and how a party without a stake sees them. */
export interface PersonalDataPolicy {
  fields: readonly string[];
  mask(field: string, plain: string): string;
}

/** An artefact the process publishes for anyone to verify (names only: the engine builds the register). */
export interface PublicRegisterEntry {
  kind: string;
  name: string;
}

/**
 * Where a process's own action is called: on a step assigned to the caller (`POST /steps/{id}/<action>`),
 * on a case the caller has a stake in (`POST /cases/{id}/actions/<action>`), or by anyone without
 * signing in (`POST /public-notices/{caseId}/<action>`). Each is also served at the generic
 * `POST /steps/{id}/actions/<action>`, `POST /public/cases/{caseId}/actions/<action>`.
 */
export type ProcessActionTarget = 'step' | 'case' | 'public';

/** Who acts on what, as the API hands it to the action's update beside the body. */
export interface ActionContext {
  caseId: string;
  stepId?: string;
  /** Absent for a public action: nobody signed in. */
  actor?: Actor;
}

/**
 * An action of the process's own, beyond the engine's (claim, decide, withdraw …): a Temporal
 * update the API routes to generically, by this declaration. The body's DTO is bound beside the
 * application's (`defineProcess`), so the API validates it and GET /processes publishes its form.
 */
export interface ProcessAction {
  /** Its name in the URL: `score` in `POST /steps/{id}/score`. The same name in two processes is the same action (same update, DTO, roles). */
  action: string;
  /** The Temporal update it sends. */
  update: string;
  /** Its name on a button, in Chinese. */
  label: string;
  /** What it does, in Chinese. */
  description: string;
  on: ProcessActionTarget;
  /** The roles that may call it (a public action: everyone, no token; leave empty). */
  roles: readonly Role[];
  /** A step action: the kinds of step it answers (where the consoles show its form). */
  stepKinds?: readonly string[];
  /** A public action: the case statuses in which it is open. */
  openWhile?: readonly string[];
  /** A public action: the one refusal for a case where it is not open (or that does not exist). */
  closed?: ErrorCode;
  /** The update's argument; without it, the context and the body's fields side by side. */
  input?(body: Record<string, unknown>, context: ActionContext): unknown;
}

/** The update's argument for an action: its own `input`, or the context's ids and actor beside the body's fields. */
export function actionInput(action: Pick<ProcessAction, 'on' | 'input'>, body: Record<string, unknown>, context: ActionContext): unknown {
  if (action.input) return action.input(body, context);
  const { caseId: _caseId, ...who } = context;
  return action.on === 'public' ? { ...body } : { ...who, ...body };
}

export interface ProcessContract<App = unknown, Options extends EngineOptions = EngineOptions> {
  /** In URLs and case ids: `POST /cases/high-tech`, `high-tech-<Idempotency-Key>`. */
  code: string;
  names: { zh: string; en: string };
  /** The workflow's type name: the API and infra start it by this, importing no workflow code. */
  workflowType: string;
  /**
   * Its own long-running workflows besides its cases (the 专精特新 yearly reward ledger): replayed
   * from recorded histories like its cases, never counted or listed as cases.
   */
  supportWorkflowTypes?: readonly string[];
  /** The department that leads the process (牵头单位). */
  leadAgency: DepartmentCode;
  /** The enterprise a filing is for: the token must act for it (403 otherwise). */
  applicantOf(application: App): string;
  /** The case's title in lists. */
  titleOf(application: App): string;
  subjectOf(application: App): SubjectOf;
  /** Statuses that end a case: its subject may be filed for again. */
  endedStatuses: readonly string[];
  /** Every status, named in Chinese. */
  statuses: Readonly<Record<string, string>>;
  refilingBar?: RefilingBar<App>;
  /**
   * The records it fetches from departments instead of asking for paper, by the name the case's
   * assessment carries them under (`assessment.shared.<name>`), and the department that holds each.
   */
  sharedData?: Readonly<Record<string, DepartmentCode>>;
  /**
   * How a filing is checked against those records, as the case page shows it: the check's name,
   * and whether meeting every criterion approves on filing (报备即批准), so that failing one sends
   * the case to ordinary review (which the applicant is told, with why).
   */
  assessment?: { title: string; approvesOnFiling: boolean };
  personalData?: PersonalDataPolicy;
  options: ProcessOptionsSpec<Options>;
  /** The step kinds it opens beyond the engine's, named in Chinese. */
  stepKinds: Readonly<Record<string, string>>;
  /**
   * The departments competent for each kind of step it opens (the engine's acceptance and review
   * too): a supervisor may reassign (改派) a step only to one of them. A kind not listed may go to
   * the lead agency only (besides staying where it is).
   */
  stepAgencies?: Readonly<Record<string, readonly DepartmentCode[]>>;
  /**
   * The files a filing attaches (附件), uploaded first (POST /materials) and named in the filing's
   * `materials` by kind and id: filing without a required one is refused naming it.
   */
  materials?: readonly MaterialRequirement[];
  /** The documents it issues beyond the engine's, named in Chinese. */
  documentKinds: Readonly<Record<string, string>>;
  /**
   * Who signs a document of a kind (its 文号 is that department's): a kind not listed is signed
   * by the department its body names (`agency`), else by the lead agency.
   */
  documentIssuers?: Readonly<Record<string, DepartmentCode>>;
  /** The legal basis its documents cite when their own data names none (`basis`). */
  legalBasis?: string;
  publicRegister: readonly PublicRegisterEntry[];
  /** Its own actions, each an update the API routes to generically. */
  actions: readonly ProcessAction[];
}

/** The departments a step of `kind`, now with `current`, may be reassigned to (the contract's stepAgencies, else the lead agency). */
export function competentAgencies(contract: Pick<ProcessContract, 'stepAgencies' | 'leadAgency'>, kind: string, current: DepartmentCode): DepartmentCode[] {
  const listed = contract.stepAgencies?.[kind];
  return listed ? [...listed] : [...new Set([contract.leadAgency, current])];
}

/** Checks a contract's shape where it is written, keeping its application and options types. */
export function defineContract<App, Options extends EngineOptions>(contract: ProcessContract<App, Options>): ProcessContract<App, Options> {
  return contract;
}
