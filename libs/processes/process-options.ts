import type { EngineOptions, OptionLimit, ProcessContract } from './process-contract';
import { REGISTERED } from './registry';

/** An option as GET /processes shows it: the setting, the value in force, and the bounds it may take. */
export interface OptionInForce {
  option: string;
  setting: string;
  value: number | undefined;
  min: number;
  max: number;
  description: string;
}

/**
 * A process's options from its own settings (`<envPrefix><env>`), each an integer within its
 * legal limits, over the contract's defaults; the engine's settings (warning days, department
 * incidents) apply to every process alike. Problems are lines in the configuration's words
 * (`HIGH_TECH_EXPERT_PANEL_SIZE: HIGH_TECH_EXPERT_PANEL_SIZE must not be greater than 5`), for
 * the API to refuse to start with, every one at once.
 */
export function readProcessOptions<O extends EngineOptions>(
  contract: ProcessContract<unknown, O>,
  env: Record<string, string | undefined>,
  engine: EngineOptions,
): { options: O; problems: string[] } {
  const { envPrefix, defaults, limits } = contract.options;
  const options: O = { ...defaults, ...engine };
  const problems: string[] = [];
  for (const [option, limit] of Object.entries(limits) as Array<[keyof O & string, OptionLimit]>) {
    const setting = `${envPrefix}${limit.env}`;
    const raw = env[setting];
    if (raw === undefined || raw === '') continue;
    if (limit.notInProduction && env.NODE_ENV === 'production') {
      problems.push(`${setting}: ${limit.notInProduction}`);
      continue;
    }
    const value = Number(raw);
    const own = [
      ...(Number.isInteger(value) ? [] : [`${setting} must be an integer number`]),
      ...(value >= limit.min ? [] : [`${setting} must not be less than ${limit.min}`]),
      ...(value <= limit.max ? [] : [`${setting} must not be greater than ${limit.max}`]),
    ];
    problems.push(...own.map((message) => `${setting}: ${message}`));
    if (!own.length) (options as Record<string, unknown>)[option] = value;
  }
  return { options, problems };
}

/** Each limited option with the value in force. */
export function optionsInForce<O extends EngineOptions>(contract: ProcessContract<unknown, O>, options: O): OptionInForce[] {
  return (Object.entries(contract.options.limits) as Array<[keyof O & string, OptionLimit]>).map(([option, limit]) => ({
    option,
    setting: `${contract.options.envPrefix}${limit.env}`,
    value: options[option] as number | undefined,
    min: limit.min,
    max: limit.max,
    description: limit.description,
  }));
}

/** Every registered process's options, by code, and every problem with their settings. */
export function readRegisteredOptions(env: Record<string, string | undefined>, engine: EngineOptions): { options: Record<string, EngineOptions>; problems: string[] } {
  const read = REGISTERED.map((p) => [p.code, readProcessOptions(p, env, engine)] as const);
  return { options: Object.fromEntries(read.map(([code, r]) => [code, r.options])), problems: read.flatMap(([, r]) => r.problems) };
}
