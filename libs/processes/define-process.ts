import { ApplicationForm, applicationForm } from './application-schema';
import type { EngineOptions, ProcessAction, ProcessContract } from './process-contract';

/** A process's own action with the class-validator DTO its body must satisfy, and that DTO as JSON Schema. */
export interface ProcessActionDefinition extends ProcessAction {
  dto: new () => object;
  form(): ApplicationForm;
}

/**
 * A process complete: its contract and the class-validator DTOs a filing and each of its own
 * actions must satisfy. The forms (JSON Schema) are derived from the DTOs' own rules when first
 * asked for, so the API validates with exactly what GET /processes and the OpenAPI document publish.
 */
export interface ProcessDefinition<App = unknown, Options extends EngineOptions = EngineOptions> extends Omit<ProcessContract<App, Options>, 'actions'> {
  dto: new () => object;
  form(): ApplicationForm;
  actions: readonly ProcessActionDefinition[];
}

/** The DTO each of the contract's actions takes, by its `action` name. */
export type ActionDtos = Readonly<Record<string, new () => object>>;

/**
 * Binds a contract to its application DTO and its actions' DTOs (in the DTO file:
 * `export const HIGH_TECH = defineProcess(HIGH_TECH_CONTRACT, HighTechApplicationDto, { score: ScoreDto })`).
 * An action without a DTO, or a DTO for no action, is a mistake caught when the registry loads.
 */
export function defineProcess<App, Options extends EngineOptions>(contract: ProcessContract<App, Options>, dto: new () => App & object, actionDtos: ActionDtos = {}): ProcessDefinition<App, Options> {
  const named = new Set(contract.actions.map((a) => a.action));
  const stray = Object.keys(actionDtos).filter((name) => !named.has(name));
  if (stray.length) throw new Error(`${contract.code}: DTOs for actions its contract does not declare: ${stray.join(', ')}`);
  let form: ApplicationForm | undefined;
  const actions = contract.actions.map((action): ProcessActionDefinition => {
    const actionDto = actionDtos[action.action];
    if (!actionDto) throw new Error(`${contract.code}: action ${action.action} has no DTO (defineProcess's third argument)`);
    let actionForm: ApplicationForm | undefined;
    return { ...action, dto: actionDto, form: () => (actionForm ??= applicationForm(actionDto)) };
  });
  return { ...contract, dto, form: () => (form ??= applicationForm(dto)), actions };
}
