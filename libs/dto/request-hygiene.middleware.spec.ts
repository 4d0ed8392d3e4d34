import type { NextFunction, Request, Response } from 'express';
import { MAX_BODY_DEPTH, inspectBody, inspectPath, inspectQuery, requestHygiene } from './request-hygiene.middleware';

/** The findings as the 400 names them (field, rule, message), leaving out their codes and parameters. */
const named = (found: Array<{ field: string; rule: string; message?: string }>) => found.map(({ field, rule, message }) => ({ field, rule, message }));

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('request hygiene: text Postgres cannot store', () => {
  it.each([
    ['a lone high surrogate', '北京\ud800云桥', '孤立代理项 U+D800'],
    ['a lone low surrogate', '北京\udc00云桥', '孤立代理项 U+DC00'],
    ['a reversed pair', '\udc00\ud800', '孤立代理项 U+DC00'],
    ['NUL', '北京\u0000公司', '空字符 U+0000'],
  ])('refuses %s in a nested body value, its field the JSON path, its message the form’s label', (_label, bad, what) => {
    expect(named(inspectBody({ talent: { name: bad }, documents: [{ reference: 'ok' }, { reference: bad }] }))).toEqual([
      { field: 'talent.name', rule: 'storableText', message: `外籍人才姓名含有无法存储的字符（${what}）` },
      { field: 'documents.1.reference', rule: 'storableText', message: `documents.1.reference 含有无法存储的字符（${what}）` },
    ]);
  });

  it('accepts astral characters and everything else Postgres stores', () => {
    expect(inspectBody({ enterpriseName: '北京😀云桥', note: '\ufffe\u{10ffff}\r\n', n: 1, b: null, list: ['😀'] })).toEqual([]);
  });

  it('names a bad key by its path, with the character written out', () => {
    expect(inspectBody({ talent: { ['na\ud800me']: 'x' } })).toEqual([expect.objectContaining({ field: 'talent.na\\uD800me', rule: 'storableText' })]);
    expect(inspectBody({ ['😀']: { a: '\u0000' } })).toEqual([expect.objectContaining({ field: '😀.a' })]);
  });

  it('checks the path strictly: a lone surrogate travels as invalid UTF-8, which is refused, not read as U+FFFD', () => {
    expect(inspectPath('/cases/%ED%A0%80')).toEqual([expect.objectContaining({ field: 'path', rule: 'storableText', message: expect.stringContaining('无效的 UTF-8') })]);
    expect(inspectPath('/cases/%00')).toEqual([expect.objectContaining({ field: 'path', rule: 'storableText', message: 'path 含有无法存储的字符（空字符 U+0000）' })]);
    expect(inspectPath('/cases/%F0%9F%98%80')).toEqual([]);
  });

  it('checks query parameters by name, from the raw query string', () => {
    expect(inspectQuery('status=%ED%B0%80&process=high-tech&x=%00&ok=%F0%9F%98%80+a')).toEqual([
      expect.objectContaining({ field: 'status', rule: 'storableText' }),
      expect.objectContaining({ field: 'x', rule: 'storableText', message: 'x 含有无法存储的字符（空字符 U+0000）' }),
    ]);
    expect(inspectQuery('constructor=1')).toEqual([expect.objectContaining({ field: 'constructor', rule: 'whitelistValidation' })]);
  });
});

describe('request hygiene: depth', () => {
  it(`accepts ${MAX_BODY_DEPTH} levels and refuses one more, naming the rule`, () => {
    expect(inspectBody(nested(MAX_BODY_DEPTH))).toEqual([]);
    expect(named(inspectBody(nested(MAX_BODY_DEPTH + 1)))).toEqual([{ field: 'body', rule: 'maxDepth', message: `body 嵌套超过 ${MAX_BODY_DEPTH} 层` }]);
  });

  it('walks a body nested far beyond any stack without recursion', () => {
    // Built by JSON.parse, as the body parser would: 200,000 levels.
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(inspectBody(deep)).toEqual([expect.objectContaining({ rule: 'maxDepth' })]);
  });
});

describe('request hygiene: keys that would vanish', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])('refuses %s at any level, as an unknown field', (key) => {
    const body = JSON.parse(`{"talent": {"${key}": {"admin": true}}, "documents": [{"${key}": 1}], "${key}": 1}`);
    expect(named(inspectBody(body))).toEqual([
      { field: 'talent.' + key, rule: 'whitelistValidation', message: `talent.${key} 不是可接受的字段` },
      { field: 'documents.0.' + key, rule: 'whitelistValidation', message: `documents.0.${key} 不是可接受的字段` },
      { field: key, rule: 'whitelistValidation', message: `${key} 不是可接受的字段` },
    ]);
  });
});

describe('request hygiene middleware', () => {
  function run(req: Partial<Request>) {
    let status = 0;
    let sent: unknown;
    const headers: Record<string, string> = {};
    const res = { status: (s: number) => ((status = s), res), setHeader: (k: string, v: string) => ((headers[k] = v), res), json: (b: unknown) => ((sent = b), res) } as unknown as Response;
    const next = jest.fn() as NextFunction;
    requestHygiene({ originalUrl: '/', url: '/', headers: {}, ...req } as Request, res, next);
    return { status, sent, next, headers };
  }

  it('answers 400 in the shape of every other 400, every finding at once', () => {
    const { status, sent, next } = run({ originalUrl: '/cases/%00?status=%ED%A0%80', body: { enterpriseName: 'a\ud800' } });
    expect(next).not.toHaveBeenCalled();
    expect(status).toBe(400);
    expect(sent).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'request.invalid',
      params: {},
      message: 'path 含有无法存储的字符（空字符 U+0000）；status 含有无法存储的字符（无效的 UTF-8 百分号编码 %ED%A0%80）；企业名称含有无法存储的字符（孤立代理项 U+D800）',
      errors: [
        expect.objectContaining({ field: 'path', code: 'validation.storableText.nul' }),
        expect.objectContaining({ field: 'status', code: 'validation.storableText.badPercentEncoding' }),
        expect.objectContaining({ field: 'enterpriseName', code: 'validation.storableText.loneSurrogate', params: { field: 'enterpriseName', codePoint: 'U+D800' } }),
      ],
    });
  });

  it('answers in English when the request asks for it', () => {
    const { sent, headers } = run({ originalUrl: '/cases', headers: { 'accept-language': 'en-US,en;q=0.9' }, body: { enterpriseName: 'a\u0000' } });
    expect(headers['content-language']).toBe('en');
    expect(sent).toMatchObject({ message: 'enterpriseName contains a character that cannot be stored (NUL U+0000)' });
  });

  it('lets a clean request through', () => {
    expect(run({ originalUrl: '/cases?limit=5', body: { enterpriseName: '北京😀' } }).next).toHaveBeenCalled();
  });
});
