import 'reflect-metadata';
import { valueLabel } from './value-labels';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { projectRoot } from '../config/project-root';
import { ENGINE_DOCUMENT_KINDS, ENGINE_STEP_KINDS } from '../domain/case-engine.contract';
import { DEPARTMENTS } from '../domain/departments';
import { EXCLUDED_PERIOD_KINDS, PAUSE_REASONS } from '../domain/sla-clock';
import { REGISTERED } from '../processes';
import { TALENT_DOCUMENTS, TALENT_PERMITS_CONTRACT } from '../processes/talent-permits/talent-permits.contract';
import { ENGINE_MATERIALS } from '../domain/materials';
import {
  BRANCH_KIND_LABELS,
  BRANCH_STATUS_LABELS,
  CASE_DECISION_LABELS,
  COMPLIANCE_STATUS_LABELS,
  DECISION_LABELS,
  ENUM_LABELS,
  FIELD_LABELS,
  LABEL_CATALOGUES,
  MATERIAL_KIND_LABELS,
  PAUSE_REASON_LABELS,
  REGISTER_KIND_LABELS,
  REGISTER_STATUS_LABELS,
  STEP_STATUS_LABELS,
  SYSTEM_ACTOR_LABELS,
  TIMELINE_ACTION_LABELS,
  criterionLabel,
  enumLabel,
  fieldLabel,
} from './labels';
import type { ExportSalesRecord, ProductionLicenceRecord, SpecializedEnterpriseRecord } from '../processes/specialized-rewards/department-records';
import type { RdExpenseRecord } from '../domain/departments';
import type { RewardCriterionId } from '../processes/specialized-rewards/reward-eligibility.rules';

const CHINESE = /[\u4e00-\u9fff]/;

/** Every workflow source file, parsed: the codes a case can show are the string literals they write. */
function workflowSources(): ts.SourceFile[] {
  const root = join(projectRoot(), 'workflows');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) files.push(path);
    }
  };
  walk(root);
  return files.map((path) => ts.createSourceFile(relative(projectRoot(), path), readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true));
}

/** The string literals an expression can evaluate to (`a ? 'x' : 'y'` gives both). */
function literals(node: ts.Node | undefined): string[] {
  if (!node) return [];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literals(node.expression);
  return [];
}

interface Emitted {
  timelineActions: Map<string, string>;
  timelineActors: Map<string, string>;
  caseDecisions: Map<string, string>;
  caseStatuses: Map<string, string>;
  documentKinds: Map<string, string>;
  kinds: Map<string, string>;
  statuses: Map<string, string>;
  allowed: Map<string, string>;
}

const TIMELINE_AUTHORS = new Set(['by', 'department', 'system', 'clock', 'calendar', 'public']);
const CASE_ENDINGS = new Set(['end', 'decided', 'amend']);

/** What the workflows write, each code with the file and line it comes from. */
function emitted(): Emitted {
  const found: Emitted = {
    timelineActions: new Map(),
    timelineActors: new Map(),
    caseDecisions: new Map(),
    caseStatuses: new Map(),
    documentKinds: new Map(),
    kinds: new Map(),
    statuses: new Map(),
    allowed: new Map(),
  };
  for (const file of workflowSources()) {
    const where = (node: ts.Node) => `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const note = (map: Map<string, string>, node: ts.Node | undefined) => literals(node).forEach((code) => map.set(code, where(node!)));
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const receiver = node.expression.expression.getText(file);
        const inTimeline = file.fileName.endsWith('engine/timeline.ts') && receiver === 'this';
        if (TIMELINE_AUTHORS.has(method) && (/timeline$/.test(receiver) || inTimeline)) note(found.timelineActions, node.arguments[1]);
        if (inTimeline && method === 'add') {
          note(found.timelineActors, node.arguments[0]);
          note(found.timelineActions, node.arguments[3]);
        }
        if (CASE_ENDINGS.has(method)) {
          note(found.caseStatuses, node.arguments[0]);
          note(found.caseDecisions, node.arguments[1]);
        }
        if (method === 'issueDocument') note(found.documentKinds, node.arguments[0]);
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'certify') note(found.caseDecisions, node.arguments[1]);
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
        if (node.name.text === 'kind') note(found.kinds, node.initializer);
        if (node.name.text === 'status') note(found.statuses, node.initializer);
        if (node.name.text === 'allowed' && ts.isArrayLiteralExpression(node.initializer)) node.initializer.elements.forEach((e) => note(found.allowed, e));
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
        if (node.left.name.text === 'status') note(found.statuses, node.right);
        if (node.left.name.text === 'phase') note(found.caseStatuses, node.right);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

const unlabelled = (codes: Map<string, string>, ...catalogues: Array<Readonly<Record<string, string>>>) =>
  [...codes].filter(([code]) => !catalogues.some((c) => Object.hasOwn(c, code))).map(([code, where]) => `${code} (${where})`);

describe('the label catalogue', () => {
  const codes = emitted();
  const processStatuses = Object.assign({}, ...REGISTERED.map((p) => p.statuses)) as Record<string, string>;
  // GET /processes serves each process's kinds with the engine's own.
  const processStepKinds = Object.assign({ ...ENGINE_STEP_KINDS }, ...REGISTERED.map((p) => p.stepKinds)) as Record<string, string>;
  const processDocumentKinds = Object.assign({ ...ENGINE_DOCUMENT_KINDS }, ...REGISTERED.map((p) => p.documentKinds)) as Record<string, string>;

  it('finds the codes in the workflows (the parser still reads them)', () => {
    expect(codes.timelineActions.size).toBeGreaterThan(40);
    expect(codes.timelineActions.get('filed')).toMatch(/timeline\.ts/);
    expect(codes.timelineActions.has('public-notice-interrupted')).toBe(true);
    expect(codes.caseDecisions.has('approved-on-filing')).toBe(true);
    expect(codes.documentKinds.has('certificate')).toBe(true);
    expect(codes.kinds.has('expert-panel')).toBe(true);
    expect(codes.statuses.has('under-review')).toBe(true);
  });

  it('names every timeline action and every author that is not a person', () => {
    expect(unlabelled(codes.timelineActions, TIMELINE_ACTION_LABELS)).toEqual([]);
    expect(unlabelled(codes.timelineActors, SYSTEM_ACTOR_LABELS)).toEqual([]);
  });

  it('names every decision a case ends with and every status it reaches (the registry names the statuses)', () => {
    expect(unlabelled(codes.caseDecisions, CASE_DECISION_LABELS)).toEqual([]);
    expect(unlabelled(codes.caseStatuses, processStatuses)).toEqual([]);
  });

  it('names every document a workflow issues and every kind of step or register entry it opens, in the registry or here', () => {
    expect(unlabelled(codes.documentKinds, processDocumentKinds)).toEqual([]);
    expect(unlabelled(codes.kinds, processStepKinds, REGISTER_KIND_LABELS, PAUSE_REASON_LABELS)).toEqual([]);
    expect(Object.values({ ...ENGINE_STEP_KINDS, ...ENGINE_DOCUMENT_KINDS }).filter((name) => !CHINESE.test(name))).toEqual([]);
    for (const p of REGISTERED) for (const { kind } of p.publicRegister) expect([kind, REGISTER_KIND_LABELS[kind]]).toEqual([kind, expect.stringMatching(CHINESE)]);
  });

  it('names every status a step, a compliance answer, a branch or a register entry can be in, and every decision a step allows', () => {
    expect(unlabelled(codes.statuses, STEP_STATUS_LABELS, COMPLIANCE_STATUS_LABELS, BRANCH_STATUS_LABELS, REGISTER_STATUS_LABELS, processStatuses)).toEqual([]);
    expect(unlabelled(codes.allowed, DECISION_LABELS)).toEqual([]);
    expect(Object.keys(BRANCH_KIND_LABELS).sort()).toEqual(['talent-housing', 'work-residence-permit']);
    expect(PAUSE_REASONS.filter((r) => !PAUSE_REASON_LABELS[r])).toEqual([]);
    expect(EXCLUDED_PERIOD_KINDS.filter((r) => !PAUSE_REASON_LABELS[r])).toEqual([]);
  });

  it('has a Chinese name for every status, step kind and document kind in the registry', () => {
    for (const p of REGISTERED) {
      for (const [kind, names] of [['statuses', p.statuses], ['stepKinds', p.stepKinds], ['documentKinds', p.documentKinds]] as const) {
        expect([p.code, kind, Object.entries(names).filter(([, name]) => !CHINESE.test(name))]).toEqual([p.code, kind, []]);
      }
      expect(p.endedStatuses.filter((s) => !p.statuses[s])).toEqual([]);
    }
  });

  it('labels every field and every choice of every application form, and every record shared with a case', () => {
    for (const p of REGISTERED) {
      const form = p.form() as { properties: Record<string, any>; $defs?: Record<string, any> };
      const missing: string[] = [];
      const walk = (schema: any, path: string) => {
        const ref: string | undefined = schema.$ref ?? schema.allOf?.[0]?.$ref ?? schema.items?.$ref;
        const nested = ref ? form.$defs![ref.split('/').pop()!] : undefined;
        // As the consoles name a choice (valueLabel: a nationality by its country, the rest from the catalogues).
        for (const value of schema.enum ?? schema.items?.enum ?? []) if (!CHINESE.test(valueLabel(path, String(value)))) missing.push(`${path}=${value}`);
        for (const [name, property] of Object.entries<any>(nested?.properties ?? schema.properties ?? {})) {
          const child = path ? `${path}.${name}` : name;
          if (!CHINESE.test(fieldLabel(child))) missing.push(child);
          walk(property, child);
        }
      };
      walk(form, '');
      expect([p.code, missing]).toEqual([p.code, []]);
      expect([p.code, Object.keys(p.sharedData ?? {}).filter((k) => !FIELD_LABELS[k])]).toEqual([p.code, []]);
    }
    // The talent's documents are the contract's own names.
    expect(ENUM_LABELS.type).toEqual(TALENT_DOCUMENTS);
  });

  it('names every material the engine and each process take, in Chinese, the same in the catalogue as in the definitions', () => {
    expect(Object.fromEntries(ENGINE_MATERIALS.map((m) => [m.kind, m.name]))).toEqual(MATERIAL_KIND_LABELS);
    for (const p of REGISTERED) {
      expect([p.code, (p.materials ?? []).filter((m) => !CHINESE.test(m.name)).map((m) => m.kind)]).toEqual([p.code, []]);
    }
    expect(TALENT_PERMITS_CONTRACT.materials?.map((m) => [m.kind, m.name])).toEqual(Object.entries(TALENT_DOCUMENTS));
  });

  it('has only Chinese labels, and codes that could not be mistaken for text', () => {
    for (const [name, catalogue] of Object.entries(LABEL_CATALOGUES)) {
      expect([name, Object.entries(catalogue).filter(([, label]) => !CHINESE.test(label))]).toEqual([name, []]);
    }
    expect(Object.keys(DEPARTMENTS).filter((code) => !CHINESE.test(DEPARTMENTS[code as keyof typeof DEPARTMENTS]))).toEqual([]);
  });

  it('looks fields up by their path, then by their own name', () => {
    expect(fieldLabel('talent.passportNumber')).toBe('护照号码');
    expect(fieldLabel('materials[2].kind')).toBe('材料种类');
    expect(fieldLabel('registration.businessType')).toBe('企业类型');
    expect(enumLabel('talent.degree', 'doctorate')).toBe('博士');
    expect(enumLabel('district', '海淀区')).toBe('海淀区');
  });

  describe('专精特新 shared data', () => {
    // Typed samples: a field added to a department's record must get its label here too.
    const roster: SpecializedEnterpriseRecord = { creditCode: 'c', name: 'n', listings: [{ level: 'national-little-giant', listYear: 2025, validUntil: '2027-12-31' }] };
    const licence: ProductionLicenceRecord = { licenceNumber: 'l', holderCreditCode: 'c', productName: 'p', productType: 'drug', issuedOn: 'd', validUntil: 'd', status: 'valid' };
    const exportSales: ExportSalesRecord = { creditCode: 'c', productName: 'p', market: 'US', declarations: [{ declarationNumber: 'n', declaredOn: 'd', amountYuan: 1 }], totalYuan: 1, firstDeclaredOn: 'd', lastDeclaredOn: 'd' };
    const paths = (prefix: string, value: unknown): string[] =>
      Array.isArray(value) ? paths(prefix, value[0]) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...paths(`${prefix}.${k}`, v)]) : [];
    const all = [...paths('roster', roster), ...paths('licence', licence), ...paths('exportSales', exportSales)];
    const highTech: RdExpenseRecord = { creditCode: 'c', year: 2025, domesticYuan: 1, totalYuan: 1 };
    const otherProcesses = new Set([...paths('rdExpenses', highTech).map((p) => fieldLabel(p)), fieldLabel('amountYuan')]);

    it('names every field in Chinese, none with another process’s label', () => {
      expect(all.filter((p) => !CHINESE.test(fieldLabel(p)))).toEqual([]);
      expect(fieldLabel('exportSales.totalYuan')).toBe('出口金额合计（元）');
      expect(fieldLabel('exportSales.declarations[0].amountYuan')).toBe('报关金额（元）');
      expect(all.filter((p) => !/creditCode|year|name$/i.test(p) && otherProcesses.has(fieldLabel(p)))).toEqual([]);
      // High-tech and the listing subsidy keep theirs.
      expect(fieldLabel('rdExpenses.totalYuan')).toBe('全部研究开发费用（元）');
      expect(fieldLabel('amountYuan')).toBe('补贴金额（元）');
      // A nested name another process owns is not borrowed by its own name.
      expect(fieldLabel('somewhere.totalYuan')).toBe('somewhere.totalYuan');
    });

    it('names the values of the records in Chinese', () => {
      expect(enumLabel('roster.listings.level', 'national-little-giant')).toBe('国家级专精特新"小巨人"企业');
      expect(enumLabel('licence.status', 'valid')).toBe('有效');
      expect(enumLabel('licence.productType', 'drug')).toBe('药品');
      expect(enumLabel('exportSales.market', 'US')).toBe('美国');
      expect(enumLabel('level', 'municipal')).toBe('市级');
    });

    it('names every criterion of each process', () => {
      const rewards: RewardCriterionId[] = ['specialized-enterprise', 'recent-registration', 'beijing-production', 'export-sales', 'declaration-matches'];
      expect(rewards.filter((c) => !CHINESE.test(criterionLabel(c)))).toEqual([]);
      expect(criterionLabel('beijing-enterprise')).toBe('北京市注册企业');
    });
  });
});
