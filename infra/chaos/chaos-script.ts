import type { DepartmentCode } from '../../libs/domain';

/**
 * What a process plays in a chaos run, in its own file beside this one (`<code>.chaos.ts`,
 * exporting `chaos`): its scenarios, who works its steps, and how. The run finds each registered
 * process's script by its code; a process without one is left out of the run, with a note.
 */

/** An effect a department must hold exactly once when the case has ended: table, and the column keyed by the case. */
export interface ExpectedEffect {
  department: string;
  table: string;
  /** SQL that counts this case's rows of the effect; $1 is the case id. */
  countSql: string;
}

/** A department record an enterprise needs before it files, loaded through the departments' dev endpoints. */
export interface Seed {
  method: 'PUT';
  path: string;
  body: unknown;
}

/** The enterprise a case is filed for: n-th of the run, its credit code and name. */
export interface ChaosEnterprise {
  n: number;
  creditCode: string;
  name: string;
}

export interface ChaosScenario {
  /** In the report beside each case: `high-tech-fast`. */
  name: string;
  /** Its weight in the run's mix. */
  share: number;
  seeds(e: ChaosEnterprise): Seed[];
  application(e: ChaosEnterprise): object;
  /** The status the case must end in, and timeline actions on the way there that must each appear exactly once. */
  endStatus: string;
  onceActions: string[];
  effects(e: ChaosEnterprise): ExpectedEffect[];
  /** Steps (by name) whose agency returns the case once for correction. */
  returns?: string[];
}

/** A request: path and body. */
export type StepAction = [string, unknown];

export interface ChaosScript {
  scenarios: ChaosScenario[];
  /** Agencies that hold steps of this process: their staff work their inboxes. */
  agencies: DepartmentCode[];
  /** Experts who score its panels. */
  experts?: string[];
  /**
   * The action on a step of this process's own kinds (or for an expert); undefined leaves it to
   * the engine's: accept at 受理, approve (or return, when the scenario says) anywhere else.
   */
  act?(step: { id: string; kind: string; agency: string; name: string }, role: string): StepAction | undefined;
}

/** 市市场监管局's registration of the enterprise: what most processes look up first. */
export function registrationSeed(e: ChaosEnterprise): Seed {
  return {
    method: 'PUT',
    path: `/market-supervision/registrations/${e.creditCode}`,
    body: { name: e.name, registeredOn: '2018-05-20', province: '北京市', district: '海淀区', businessType: 'production' },
  };
}
