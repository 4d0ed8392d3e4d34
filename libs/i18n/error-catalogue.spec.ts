import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { constraintParams, decodeCoded, ruleOf } from '../dto/validators';
import { ErrorParams, LANGUAGES, PARAM_LABELS, isErrorCode, label, languageOf, localizeErrorBody, messages, placeholders, translate } from './error-catalogue';

const ROOT = join(__dirname, '..', '..');
const CJK = /[\u4e00-\u9fff]/;

/** Every .ts file (not a spec) under a folder of the project. */
function sources(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(path);
    }
  };
  walk(join(ROOT, folder));
  return out;
}

describe('the error catalogue', () => {
  const codes = Object.keys(messages) as Array<keyof typeof messages>;

  it('has every code in Chinese and English, with the same placeholders', () => {
    const wrong = codes.flatMap((code) => {
      const texts = messages[code] as { zh: string; en: string };
      const problems: string[] = [];
      for (const lang of LANGUAGES) if (!texts[lang]?.trim()) problems.push(`${code}: no ${lang}`);
      // Chinese names the materials one may file by their Chinese names, English by their codes.
      const ownWords: Record<string, Record<string, string>> = { 'material.unknownKind': { kindNames: 'kinds' } };
      const zh = [...new Set(placeholders(texts.zh).map((p) => ownWords[code]?.[p] ?? p))].sort();
      const en = [...new Set(placeholders(texts.en))].sort();
      if (zh.join() !== en.join()) problems.push(`${code}: zh {${zh.join(', ')}} ≠ en {${en.join(', ')}}`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it('writes Chinese in Chinese: every zh message has Chinese in it (or is only its parameters)', () => {
    const onlyParameters = (text: string) => text.replace(/\{[A-Za-z0-9]+\}/g, '').replace(/[：:\s]/g, '') === '';
    const english = codes.filter((code) => !CJK.test(messages[code].zh) && !onlyParameters(messages[code].zh));
    expect(english).toEqual([]);
  });

  it('has a label in both languages for every labelled parameter', () => {
    for (const kind of Object.keys(PARAM_LABELS) as Array<keyof typeof PARAM_LABELS>) {
      for (const [value, texts] of Object.entries(PARAM_LABELS[kind])) {
        expect([kind, value, Boolean((texts as { zh: string }).zh), Boolean((texts as { en: string }).en)]).toEqual([kind, value, true, true]);
      }
    }
  });

  it('renders parameters: lists, labels, nested codes, `each`', () => {
    expect(translate('decision.reasonRequired', { decision: label('decision', 'refuse') })).toBe('不予受理须填写理由（reason）');
    expect(translate('decision.reasonRequired', { decision: label('decision', 'refuse') }, 'en')).toBe('reason is required to refuse');
    expect(translate('auth.roleNotAllowed', { roles: [label('role', 'supervisor'), label('role', 'agency')], role: label('role', 'applicant') })).toBe('此操作仅限电子监察、承办部门；您的角色是申请人');
    expect(translate('validation.isString', { field: 'correctionItems', each: true })).toBe('补正事项的每一项必须是文字');
    expect(translate('validation.isString', { field: 'correctionItems', each: true }, 'en')).toBe('each item of correctionItems must be a string');
    expect(translate('processing.refused', { headline: { code: 'processing.pausedHeadline' } }, 'en')).toBe('processing paused: the background processing service is not running. Nothing was done; retry once processing is back.');
    expect(translate('no.such.code')).toBe('no.such.code');
  });

  it('reads the language from Accept-Language: Chinese unless English is preferred', () => {
    expect(languageOf(undefined)).toBe('zh');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(languageOf('en;q=0.5,zh-CN;q=0.9')).toBe('zh');
    expect(languageOf('fr-FR, en;q=0.4')).toBe('en');
    expect(languageOf('de')).toBe('zh');
    expect(languageOf('en;q=0')).toBe('zh');
  });

  it('renders a whole answer again in the requested language', () => {
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      code: 'request.invalid',
      message: 'x',
      params: {},
      errors: [
        { field: 'score', rule: 'max', code: 'validation.max', params: { field: 'score', max: 100 }, message: 'score 不能大于 100' },
        { field: 'opinion', rule: 'isNotEmpty', code: 'validation.isNotEmpty', params: { field: 'opinion' }, message: 'opinion 不能为空' },
      ],
    };
    expect(localizeErrorBody(body, 'en')).toMatchObject({ message: 'score must not be greater than 100; opinion must not be empty', errors: [{ message: 'score must not be greater than 100' }, { message: 'opinion must not be empty' }] });
    expect(localizeErrorBody(body, 'zh')).toMatchObject({ message: '评分不能大于 100；评审意见不能为空', errors: [{ field: 'score', message: '评分不能大于 100' }, { field: 'opinion', message: '评审意见不能为空' }] });
  });
});

describe('a Chinese message names its field as the form labels it', () => {
  it('says the label, not the JSON path, the path staying in `field` for machines', () => {
    expect(translate('validation.isCreditCode', { field: 'creditCode' })).toBe('统一社会信用代码必须是 18 位，且校验位正确');
    expect(translate('validation.passportNumber', { field: 'talent.passportNumber' })).toBe('护照号码必须是 6–12 位字母和数字');
    expect(translate('validation.max', { field: 'rdExpenses.totalYuan', max: 1e13 })).toBe('全部研究开发费用（元）不能大于 10,000,000,000,000');
    expect(translate('validation.domesticNotAboveTotal')).toBe('境内研究开发费用（元）不能超过全部研究开发费用（元）');
  });

  it('reads list items and nested fields in order, and an item of a list by its position', () => {
    expect(translate('validation.customsDeclaration', { field: 'exportDeclarations', each: true })).toBe('出口报关单号的每一项必须是 18 位数字的报关单号');
    expect(translate('validation.customsDeclaration', { field: 'exportDeclarations.1' })).toBe('第2个出口报关单号必须是 18 位数字的报关单号');
    expect(translate('material.notYours', { field: 'materials.0.id', id: '00000000-0000-4000-8000-000000000000' })).toBe('第1个附件不存在或不是您上传的，请重新上传');
    expect(translate('material.kindMismatch', { field: 'materials.1.id', id: 'x', uploadedAs: '护照复印件', kindName: '体检证明' })).toBe('第2个附件是作为护照复印件上传的，不能作为体检证明提交');
  });

  it('names fixed fields by their labels and groups yuan by thousands', () => {
    expect(translate('subsidy.aboveMunicipalCap', { max: 3_000_000 })).toBe('补贴金额（元）不能超过 3,000,000 元（市级上市补贴每家企业最高300万元）');
    expect(translate('subsidy.belowMunicipal', { floor: 1_500_000 })).toBe('补贴金额（元）不能低于市级补贴 1,500,000 元（区级补贴不低于市级）');
    expect(translate('liaison.nameRequired')).toBe('对接专员姓名不能为空');
    expect(translate('validation.idempotencyKey', { field: 'Idempotency-Key' })).toBe('请求编号（请求头 Idempotency-Key）必填：8–64 个字符，只能是 A–Z、a–z、0–9、_ 或 -');
  });

  it('falls back to the path, with its space, where no label is known; English keeps the JSON names', () => {
    expect(translate('validation.isIntegerInRange', { field: 'pageSize', min: 1, max: 100 })).toBe('pageSize 必须是 1 到 100 之间的整数');
    expect(translate('validation.isIn', { field: 'colour', each: true, values: ['green', 'red'] })).toBe('colour 的每一项必须是 green、red 之一');
    expect(translate('validation.passportNumber', { field: 'talent.passportNumber' }, 'en')).toBe('talent.passportNumber must be 6–12 letters and digits');
    expect(translate('subsidy.aboveMunicipalCap', { max: 3_000_000 }, 'en')).toBe('amountYuan must not exceed 3,000,000 (the municipal subsidy is up to 3,000,000 yuan per enterprise)');
  });

  it('leaves the calendar’s messages naming its JSON fields', () => {
    expect(translate('calendar.eachDate', { field: 'makeUpWorkdays', each: true })).toBe('makeUpWorkdays 的每一项应为日期 YYYY-MM-DD');
  });

  it('shows no JSON path in a Chinese field message whose field has a form label', () => {
    // Every catalogue message with {field}, for fields of the forms: none says the path.
    const fields = ['creditCode', 'talent.passportNumber', 'materials', 'materials.0.id', 'exportDeclarations', 'rdExpenses.totalYuan', 'registration.agency'];
    const leaks = (Object.keys(messages) as Array<keyof typeof messages>)
      .filter((code) => !code.startsWith('calendar.') && messages[code].zh.includes('{field}'))
      .flatMap((code) => fields.map((field) => [code, translate(code, { field, id: '00000000-0000-4000-8000-000000000000' })] as const))
      .filter(([, text]) => text.includes('{field}') || fields.some((field) => text.includes(field)) || text.includes('0000-4000'));
    expect(leaks).toEqual([]);
  });
});

describe('every message the API can send is in the catalogue', () => {
  // The API, the libraries it answers from, and the workflows whose refusals it passes on.
  const files = [...sources('apps/api/src'), ...sources('libs/auth'), ...sources('libs/dto'), ...sources('libs/calendar'), ...sources('workflows')];

  it('builds no error answer from hand-written text: ApiError, problem() and the workflows’ refusals take catalogue codes (type-checked)', () => {
    const handWritten: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const where = relative(ROOT, file);
      // Nest's exceptions with a message or body (a bare `new NotFoundException()` is answered as route.notFound).
      for (const m of text.matchAll(/new (\w+Exception)\(([^)]?)/g)) if (m[2] !== '' && m[1] !== 'HttpException' && !(m[1] === 'BadRequestException' && where.endsWith('libs/dto/validators.ts'))) handWritten.push(`${where}: new ${m[1]}(…)`);
      for (const m of text.matchAll(/new HttpException\(/g)) if (!where.endsWith('libs/dto/api-error.ts')) handWritten.push(`${where}: ${m[0]}`);
      // The departments' raw 400 helper is theirs alone.
      if (/\bbadRequest\(/.test(text) && !where.endsWith('libs/dto/validators.ts')) handWritten.push(`${where}: badRequest(…)`);
      // Workflows refuse only through failures.ts (the rewards ledger's refusals never reach an answer: its own API is the activity).
      if (where.startsWith('workflows') && /ApplicationFailure\.(create|nonRetryable|retryable)\(/.test(text) && !where.endsWith('failures.ts') && !where.endsWith('specialized-rewards-ledger.workflow.ts')) {
        handWritten.push(`${where}: ApplicationFailure`);
      }
      // class-validator messages written out by hand, not as codes.
      for (const m of text.matchAll(/message:\s*['`]/g)) if (/\.dto\.ts$|validators\.ts$|query-params\.ts$/.test(where)) handWritten.push(`${where}: message: '…' at ${m.index}`);
    }
    expect(handWritten).toEqual([]);
  });

  it('has a code for every rule of every DTO the API validates, and each renders whole in both languages', () => {
    // The API's DTOs: every class its DTO modules export (nested ones included). The metadata
    // storage is global, so other suites' classes (configuration, the departments') may sit there too.
    const modules = [
      ...sources('libs/processes').filter((f) => f.endsWith('.dto.ts')),
      ...sources('libs/dto'),
      ...sources('apps/api/src').filter((f) => f.endsWith('.dto.ts') || f.endsWith('.query.ts')),
    ];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const targets = new Set<unknown>(modules.flatMap((file) => Object.values(require(file) as Record<string, unknown>).filter((v) => typeof v === 'function')));
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, Array<Parameters<typeof ruleOf>[0]>> };
    const all = [...storage.validationMetadatas.values()].flat().filter((md) => targets.has(md.target));
    expect(all.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const md of all) {
      const rule = ruleOf(md);
      const where = `${(md.target as { name?: string }).name}.${md.propertyName} @${rule}`;
      // conditionalValidation (IsOptional) and the nested marker produce no message of their own.
      if (md.type === 'conditionalValidation' || md.type === 'whitelistValidation') continue;
      let code: string | undefined;
      let params: ErrorParams = { field: md.propertyName, ...constraintParams(rule, md.constraints ?? []), ...(md.each ? { each: true } : {}) };
      // class-validator words its nested rule itself: that is its default, not ours.
      if (typeof md.message === 'string' && md.type !== 'nestedValidation') {
        const coded = decodeCoded(md.message);
        if (!coded) {
          missing.push(`${where}: hand-written message "${md.message}"`);
          continue;
        }
        code = coded.code;
        params = { ...params, ...coded.params };
      } else if (md.constraintCls && md.type === 'customValidation' && !md.name) {
        const instance = new (md.constraintCls as new () => { defaultMessage?: (args: unknown) => string })();
        const text = instance.defaultMessage?.({ value: [], constraints: md.constraints, property: md.propertyName, object: {}, targetName: '' }) ?? '';
        const coded = decodeCoded(text);
        if (!coded) {
          missing.push(`${where}: defaultMessage "${text}"`);
          continue;
        }
        code = coded.code;
        params = { ...params, ...coded.params };
      } else {
        code = `validation.${rule}`;
      }
      if (!isErrorCode(code)) {
        missing.push(`${where}: no ${code}`);
        continue;
      }
      for (const lang of LANGUAGES) {
        const text = translate(code, params, lang);
        if (/\{[A-Za-z0-9]+\}/.test(text)) missing.push(`${where}: ${lang} "${text}" leaves a placeholder`);
      }
    }
    expect(missing).toEqual([]);
  });
});
