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
      const zh = [...new Set(placeholders(texts.zh))].sort();
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
    expect(translate('validation.isString', { field: 'correctionItems', each: true })).toBe('correctionItems 的每一项 必须是文字');
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
    expect(localizeErrorBody(body, 'zh').message).toBe('score 不能大于 100；opinion 不能为空');
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
