import 'reflect-metadata';
import { ENGINE_DOCUMENT_KINDS, ENGINE_STEP_KINDS } from '../domain/case-engine.contract';
import { DEPARTMENTS } from '../domain/departments';
import { isErrorCode } from '../i18n/error-catalogue';
import { OptionLimit, actionInput } from './process-contract';
import { actionOf, registeredAction, registeredActions } from './registry';
import { CASE_WORKFLOW_TYPES, PERSONAL_DATA_FIELDS, PROCESS_CODES, PROCESS_SETTING_PREFIXES, REGISTERED, caseHasEnded, caseWorkflowTypeFilter, demoSettings, developmentOnlySettings, scriptedSettings, processByCode, processByWorkflowType } from './registry';

/** What every registered process must get right for the rest of the system to carry it. */
describe('the process registry', () => {
  it('names each process once: code, workflow type and settings prefix', () => {
    const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;
    expect(unique(PROCESS_CODES)).toBe(true);
    expect(unique(CASE_WORKFLOW_TYPES)).toBe(true);
    for (const code of PROCESS_CODES) expect(code).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    for (const prefix of PROCESS_SETTING_PREFIXES) expect(prefix).toMatch(/^[A-Z][A-Z0-9_]*_$/);
    // No prefix is the beginning of another's, so a setting belongs to one process only.
    for (const a of PROCESS_SETTING_PREFIXES) for (const b of PROCESS_SETTING_PREFIXES) if (a !== b) expect(b.startsWith(a)).toBe(false);
    // Nor of the engine's and the apps' own settings.
    for (const prefix of PROCESS_SETTING_PREFIXES) for (const own of ['SLA_', 'RATE_LIMIT_', 'DEPARTMENT_INCIDENT_', 'WORKER_', 'WORKFLOW_UPDATE_', 'API_', 'AUTH_', 'TEMPORAL_', 'DATABASE_', 'DEPARTMENTS_']) {
      expect([prefix.startsWith(own), own.startsWith(prefix)]).toEqual([false, false]);
    }
  });

  it('finds a process by its code and by its workflow type', () => {
    for (const p of REGISTERED) {
      expect(processByCode(p.code)).toBe(p);
      expect(processByWorkflowType(p.workflowType)).toBe(p);
    }
    expect(processByCode('nope')).toBeUndefined();
    expect(caseWorkflowTypeFilter()).toBe(`WorkflowType IN (${CASE_WORKFLOW_TYPES.map((t) => `'${t}'`).join(', ')})`);
  });

  it.each(REGISTERED.map((p) => [p.code, p] as const))('%s: is described consistently', (_code, p) => {
    expect(p.names.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(p.names.en).toMatch(/^[A-Z]/);
    expect(Object.keys(DEPARTMENTS)).toContain(p.leadAgency);
    // Ending statuses are statuses; its own kinds never rename the engine's.
    for (const s of p.endedStatuses) expect(Object.keys(p.statuses)).toContain(s);
    for (const kind of Object.keys(p.stepKinds)) expect(Object.keys(ENGINE_STEP_KINDS)).not.toContain(kind);
    for (const kind of Object.keys(p.documentKinds)) expect(Object.keys(ENGINE_DOCUMENT_KINDS)).not.toContain(kind);
    for (const name of [...Object.values(p.stepKinds), ...Object.values(p.documentKinds), ...p.publicRegister.map((e) => e.name)]) expect(name).toMatch(/[\u4e00-\u9fff]/);
    if (p.refilingBar) expect(p.publicRegister.map((e) => e.kind)).toContain(p.refilingBar.entry);
    for (const department of Object.values(p.sharedData ?? {})) expect(Object.keys(DEPARTMENTS)).toContain(department);
  });

  it.each(REGISTERED.map((p) => [p.code, p] as const))('%s: its defaults are within their legal limits', (_code, p) => {
    for (const [option, limit] of Object.entries(p.options.limits) as Array<[string, OptionLimit]>) {
      const value = (p.options.defaults as unknown as Record<string, number | undefined>)[option];
      if (limit.optional && value === undefined) continue;
      expect({ option, value, within: value !== undefined && Number.isInteger(value) && value >= limit.min && value <= limit.max }).toEqual({ option, value, within: true });
    }
  });

  it.each(REGISTERED.map((p) => [p.code, p] as const))('%s: publishes its form from its DTO: an object whose required fields it describes', (_code, p) => {
    const form = p.form();
    expect(form).toMatchObject({ type: 'object', additionalProperties: false });
    for (const field of form.required ?? []) expect(Object.keys(form.properties ?? {})).toContain(field);
    // Every nested object it refers to is included, so the form stands alone.
    for (const ref of JSON.stringify(form).match(/#\/\$defs\/[A-Za-z]+/g) ?? []) expect(Object.keys(form.$defs ?? {})).toContain(ref.split('/').pop());
  });

  it.each(REGISTERED.map((p) => [p.code, p] as const))('%s: declares its own actions completely: a Chinese label, roles, a DTO with its form, where each is open', (_code, p) => {
    for (const action of p.actions) {
      expect(action.action).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(action.label).toMatch(/[\u4e00-\u9fff]/);
      expect(action.description).toMatch(/[\u4e00-\u9fff]/);
      expect(action.form()).toMatchObject({ type: 'object', additionalProperties: false });
      if (action.on === 'public') {
        // Anyone may take it, only in statuses the process has, and it is refused with a catalogue code.
        expect(action.roles).toEqual([]);
        expect(action.openWhile?.length).toBeGreaterThan(0);
        for (const status of action.openWhile ?? []) expect(Object.keys(p.statuses)).toContain(status);
        expect(isErrorCode(action.closed)).toBe(true);
      } else {
        expect(action.roles.length).toBeGreaterThan(0);
      }
      for (const kind of action.stepKinds ?? []) expect(Object.keys({ ...ENGINE_STEP_KINDS, ...p.stepKinds })).toContain(kind);
      expect(actionOf(p, action.on, action.action)).toBe(action);
    }
  });

  it('routes each action by its name alone: one declaration wherever two processes share it', () => {
    const objections = registeredAction('public', 'objections');
    expect(objections?.processes.map((p) => p.code)).toEqual(['high-tech', 'specialized-rewards']);
    expect(registeredActions('step').map((a) => a.definition.action)).toEqual(['score', 'liaison', 'subsidy']);
    expect(registeredAction('step', 'objections')).toBeUndefined();
    expect(registeredAction('step', 'nope')).toBeUndefined();
  });

  it("hands an action's update the body beside who acts on what, or what the action itself builds", () => {
    const actor = { userId: 'u', name: 'U', role: 'agency' as const, agency: 'finance' as const };
    const subsidy = registeredAction('step', 'subsidy')!.definition;
    expect(actionInput(subsidy, { amountYuan: 5 }, { caseId: 'c', stepId: 'c.1', actor })).toEqual({ stepId: 'c.1', actor, amountYuan: 5 });
    const liaison = registeredAction('step', 'liaison')!.definition;
    expect(actionInput(liaison, { name: '王', phone: '010-5555000' }, { caseId: 'c', stepId: 'c.1', actor })).toEqual({ stepId: 'c.1', actor, liaison: { name: '王', phone: '010-5555000' } });
    const objection = registeredAction('public', 'objections')!.definition;
    expect(actionInput(objection, { name: 'a', contact: 'b', reason: 'c' }, { caseId: 'c' })).toEqual({ name: 'a', contact: 'b', reason: 'c' });
  });

  it('ends a case at its decision, not while it is under way', () => {
    expect(caseHasEnded('high-tech', 'certified')).toBe(true);
    expect(caseHasEnded('high-tech', 'public-notice')).toBe(false);
    // Listed, the subsidies still follow; the permits issued, the requested branches still run.
    expect(caseHasEnded('listing', 'listed')).toBe(false);
    expect(caseHasEnded('listing', 'completed')).toBe(true);
    expect(caseHasEnded('talent-permits', 'permits-issued')).toBe(false);
    expect(caseHasEnded('talent-permits', 'completed')).toBe(true);
    expect(caseHasEnded('no-such-process', 'completed')).toBe(false);
  });

  it.each(REGISTERED.map((p) => [p.code, p] as const))('%s: its demo shortcuts are optional and refused in production', (_code, p) => {
    for (const limit of Object.values(p.options.limits) as OptionLimit[]) if (limit.demoSeconds) expect(limit).toMatchObject({ optional: true, notInProduction: expect.any(String) });
  });

  it("sets every process's demo shortcuts for the launcher, the test stack and chaos, and names them for production's refusal", () => {
    expect(demoSettings(6)).toMatchObject({ HIGH_TECH_PUBLIC_NOTICE_SECONDS: '6' });
    expect(Object.values(demoSettings(6)).every((v) => v === '6')).toBe(true);
    expect(developmentOnlySettings()).toMatchObject({ HIGH_TECH_PUBLIC_NOTICE_SECONDS: 'a 公示 of seconds is for demos, not production' });
    for (const setting of Object.keys(demoSettings(6))) expect(Object.keys(developmentOnlySettings())).toContain(setting);
  });

  it('sets every scripted value for the runs that play cases by script (no spot check drawn), each within its limits', () => {
    expect(scriptedSettings()).toEqual({ HIGH_TECH_SPOT_CHECK_PERCENT: '0' });
    for (const p of REGISTERED) {
      for (const limit of Object.values(p.options.limits) as OptionLimit[]) if (limit.scripted !== undefined) expect(limit.scripted).toBeGreaterThanOrEqual(limit.min);
    }
  });

  it('seals what any process declares personal data', () => {
    expect(PERSONAL_DATA_FIELDS).toEqual(['passportNumber', 'dateOfBirth']);
  });
});
