import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './paths';

/**
 * The import boundaries eslint.config.mjs enforces, proven to fire: each fixture is linted with
 * the project's own configuration (ESLint's Node API, in a child process: the config is an ES
 * module jest's CommonJS sandbox cannot load), as the source of a real file of that directory.
 */
interface Fixture {
  file: string;
  code: string;
}

const RULE = '@typescript-eslint/no-restricted-imports';

/** The restricted-import messages ESLint reports for each fixture, in order. */
function restrictedImports(fixtures: Fixture[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const fixtures = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const { file, code } of fixtures) {
      const [result] = await eslint.lintText(code, { filePath: file });
      out.push(result.messages.filter((m) => m.ruleId === ${JSON.stringify(RULE)}).map((m) => m.message));
    }
    console.log(JSON.stringify(out));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(fixtures)], { cwd: projectRoot(), encoding: 'utf8', maxBuffer: 16 << 20 });
  return JSON.parse(output) as string[][];
}

describe('import boundaries (eslint.config.mjs)', () => {
  const at = (path: string) => join(projectRoot(), path);
  const cases: Array<{ name: string; fixture: Fixture; fires: RegExp | null }> = [
    {
      name: 'apps/ may not import workflow code',
      fixture: { file: at('apps/api/src/main.ts'), code: "import { highTechCertification } from '../../../workflows/high-tech.workflow';\nexport const w = highTechCertification;\n" },
      fires: /Start a workflow by its type name/,
    },
    {
      name: 'apps/ may not import workflow types either',
      fixture: { file: at('apps/api/src/main.ts'), code: "import type { listingSupport } from '../../../workflows';\nexport type W = typeof listingSupport;\n" },
      fires: /Start a workflow by its type name/,
    },
    {
      name: 'apps/ may not import infra/',
      fixture: { file: at('apps/api/src/main.ts'), code: "import { projectRoot } from '../../../infra/paths';\nexport const root = projectRoot();\n" },
      fires: /Apps may not import infra/,
    },
    {
      name: 'infra/ may not import workflow code',
      fixture: { file: at('infra/reconcile.ts'), code: "import { listingSupport } from '../workflows';\nexport const w = listingSupport;\n" },
      fires: /Start a workflow by its type name/,
    },
    {
      name: 'the worker names the bundle by path, which is no import',
      fixture: { file: at('apps/worker/src/main.ts'), code: "import { join } from 'node:path';\nexport const workflowsPath = require.resolve(join(__dirname, '../../../workflows'));\n" },
      fires: null,
    },
    {
      name: 'apps/ may read the registry',
      fixture: { file: at('apps/api/src/main.ts'), code: "import { PROCESSES } from '../../../libs/processes';\nexport const n = PROCESSES.length;\n" },
      fires: null,
    },
    {
      name: 'workflows may not import the registry (it brings class-validator)',
      fixture: { file: at('workflows/listing.workflow.ts'), code: "import { PROCESSES } from '../libs/processes/registry';\nexport const n = PROCESSES.length;\n" },
      fires: /never the registry or a DTO/,
    },
    {
      name: 'workflows may not import a DTO',
      fixture: { file: at('workflows/listing.workflow.ts'), code: "import { LISTING } from '../libs/processes/listing/listing-application.dto';\nexport const l = LISTING;\n" },
      fires: /never the registry or a DTO/,
    },
    {
      name: 'workflows may import a contract',
      fixture: { file: at('workflows/listing.workflow.ts'), code: "import { LISTING_CONTRACT } from '../libs/processes/listing/listing.contract';\nexport const l = LISTING_CONTRACT;\n" },
      fires: null,
    },
    {
      name: 'a contract may not import class-validator (workflows bundle it)',
      fixture: { file: at('libs/processes/listing/listing.contract.ts'), code: "import { IsString } from 'class-validator';\nexport const v = IsString;\n" },
      fires: /Process contracts may not import class-validator/,
    },
    {
      name: 'a contract may not import Node built-ins',
      fixture: { file: at('libs/processes/listing/listing.contract.ts'), code: "import { createHash } from 'node:crypto';\nexport const h = createHash;\n" },
      fires: /Process contracts may not use Node built-ins/,
    },
  ];

  it('fires exactly where a boundary is crossed', () => {
    const found = restrictedImports(cases.map((c) => c.fixture));
    const wrong = cases.flatMap((c, i) => {
      const messages = found[i];
      if (c.fires === null) return messages.length ? [`${c.name}: fired (${messages.join('; ')})`] : [];
      return messages.some((m) => c.fires!.test(m)) ? [] : [`${c.name}: did not fire (${messages.join('; ') || 'nothing'})`];
    });
    expect(wrong).toEqual([]);
  }, 180_000);
});
