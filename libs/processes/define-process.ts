import { ApplicationForm, applicationForm } from './application-schema';
import type { EngineOptions, ProcessContract } from './process-contract';

/**
 * A process complete: its contract and the class-validator DTO a filing must satisfy. The form
 * (JSON Schema) is derived from the DTO's own rules when first asked for, so the API validates
 * with exactly what GET /processes and the OpenAPI document publish.
 */
export interface ProcessDefinition<App = unknown, Options extends EngineOptions = EngineOptions> extends ProcessContract<App, Options> {
  dto: new () => object;
  form(): ApplicationForm;
}

/** Binds a contract to its application DTO (in the DTO file: `export const HIGH_TECH = defineProcess(HIGH_TECH_CONTRACT, HighTechApplicationDto)`). */
export function defineProcess<App, Options extends EngineOptions>(contract: ProcessContract<App, Options>, dto: new () => App & object): ProcessDefinition<App, Options> {
  let form: ApplicationForm | undefined;
  return { ...contract, dto, form: () => (form ??= applicationForm(dto)) };
}
