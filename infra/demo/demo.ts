import { REGISTERED, type ProcessDefinition } from '../../libs/processes';
import { DemoClient } from './demo-client';

/**
 * npm run demo -- <process>: plays a process against a running stack (npm start) through the
 * HTTP API, as applicants, agencies, experts and supervisors would. The process is named by its
 * code (high-tech), its code without dashes or a unique beginning of it (hightech, talent), or its
 * Chinese name; its script is `<code>.demo.ts` beside this file, exporting `demo`. API_URL picks
 * the stack.
 */
type Demo = (client: DemoClient) => Promise<void>;

const plain = (s: string) => s.toLowerCase().replace(/[\s_-]/g, '');

function processNamed(which: string): ProcessDefinition | undefined {
  const wanted = plain(which);
  const exact = REGISTERED.find((p) => [p.code, p.names.zh, p.names.en].some((name) => plain(name) === wanted));
  if (exact) return exact;
  const beginning = REGISTERED.filter((p) => plain(p.code).startsWith(wanted) || p.names.zh.includes(which));
  return beginning.length === 1 ? beginning[0] : undefined;
}

async function demoOf(process: ProcessDefinition): Promise<Demo | undefined> {
  try {
    return ((await import(`./${process.code}.demo`)) as { demo?: Demo }).demo;
  } catch (error) {
    // This process has no script; a script that fails to load is an error like any other.
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && (error as Error).message.includes(`${process.code}.demo`)) return undefined;
    throw error;
  }
}

async function main(): Promise<void> {
  const which = process.argv[2];
  const chosen = which ? processNamed(which) : undefined;
  const demo = chosen && (await demoOf(chosen));
  if (!demo) {
    const known = REGISTERED.map((p) => `${p.code}（${p.names.zh}）`).join(' | ');
    console.error(chosen ? `${chosen.code}（${chosen.names.zh}）has no demo script (infra/demo/${chosen.code}.demo.ts)` : `usage: npm run demo -- <${known}>`);
    process.exit(2);
  }
  const client = new DemoClient(process.env.API_URL ?? 'http://127.0.0.1:3000');
  try {
    await client.call('GET', '/health');
  } catch {
    console.error(`no API at ${client.baseUrl}: start the stack first (npm start), or set API_URL`);
    process.exit(1);
  }
  console.log(`${chosen.names.zh}（${chosen.code}）`);
  await demo(client);
}

main().catch((error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
