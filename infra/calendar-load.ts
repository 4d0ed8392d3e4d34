import { readFileSync } from 'node:fs';

/**
 * npm run calendar:load -- <file.json>: loads a year's State Council holiday notice through the
 * API (PUT /calendar/years/{year}) — the same checks, the same audit record, the same rollout to
 * running cases as any supervisor's load — and prints what changed.
 *
 * The file: {"year": 2027, "title": "国务院办公厅关于2027年部分节假日安排的通知",
 *   "documentNumber": "国办发明电〔…〕…号", "holidays": [{"name": "元旦", "from": "2027-01-01",
 *   "to": "2027-01-03"}, …], "makeUpWorkdays": ["2027-02-20", …]}
 *
 * API_URL picks the stack (default http://127.0.0.1:3000). API_TOKEN is a supervisor's bearer
 * token; without it — development only — the command signs in as the demo supervisor.
 */
export interface CalendarLoadOptions {
  apiUrl: string;
  token?: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** What PUT /calendar/years/{year} answers: the version (or, refused, the 400 body). */
interface LoadAnswer {
  year: number;
  version: number;
  notice: string;
  created: boolean;
  previousVersion?: number;
  loadedBy: { userId: string; name: string };
  loadedAt: string;
  changes: { nowOff: string[]; nowWorking: string[] };
  rollout: { workflowId: string };
  message?: string;
  errors?: Array<{ field: string; rule: string; message: string }>;
}

/** Loads one file; returns the exit code (0 loaded or already current, 1 refused, 2 unusable file). */
export async function loadCalendarFile(file: string, { apiUrl, token, out, err }: CalendarLoadOptions): Promise<number> {
  let notice: { year?: unknown; [field: string]: unknown };
  try {
    notice = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    err(`${file}: 无法按 JSON 读取（${error instanceof Error ? error.message : String(error)}）`);
    return 2;
  }
  if (!Number.isInteger(notice.year)) {
    err(`${file}: 请用 "year" 写明通知所属年份，如 "year": 2027`);
    return 2;
  }
  const base = apiUrl.replace(/\/$/, '');
  const unreachable = () => {
    err(`无法连接 API：${base}（先启动：npm start，或用 API_URL 指定）`);
    return 1;
  };
  const login = token ? { token } : await devSupervisorToken(base);
  if ('unreachable' in login) return unreachable();
  if (!login.token) {
    err(`${base} 没有开发环境登录：请将 API_TOKEN 设为电子监察（supervisor）的令牌`);
    return 1;
  }
  const response = await fetch(`${base}/calendar/years/${notice.year}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
    body: JSON.stringify(notice),
  }).catch(() => undefined);
  if (!response) return unreachable();
  const body = (await response.json().catch(() => ({}))) as LoadAnswer;
  if (!response.ok) {
    err(`未载入（${response.status}）：${body.message ?? response.statusText}`);
    for (const e of body.errors ?? []) err(`  ${e.field}（${e.rule}）：${e.message}`);
    return 1;
  }
  out(`${body.year}年 ${body.notice}`);
  if (!body.created) {
    out(`  与当前第 ${body.version} 版相同，未新建版本（第 ${body.version} 版由 ${body.loadedBy.name} 于 ${beijing(body.loadedAt)} 载入）`);
  } else {
    out(`  已载入为第 ${body.version} 版：${body.loadedBy.name}（${body.loadedBy.userId}），${beijing(body.loadedAt)}`);
    out(`  与此前${body.previousVersion ? `的第 ${body.previousVersion} 版` : '的暂定日历（依法推算）'}相比：`);
    out(`    改为放假：${body.changes.nowOff.join('、') || '无'}`);
    out(`    改为上班：${body.changes.nowWorking.join('、') || '无'}`);
  }
  out(`  在办案件按此调整到期日：Temporal 工作流 ${body.rollout.workflowId}（各案件办理轨迹中记录每一处调整）`);
  return 0;
}

/** Development only: the demo supervisor's token from the dev login. */
async function devSupervisorToken(base: string): Promise<{ token?: string } | { unreachable: true }> {
  const response = await fetch(`${base}/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'supervisor' }) }).catch(() => undefined);
  if (!response) return { unreachable: true };
  return { token: response.ok ? ((await response.json()) as { token: string }).token : undefined };
}

const beijing = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 16);

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run calendar:load -- <file.json>   (API_URL; API_TOKEN: a supervisor’s bearer token)');
    process.exit(2);
  }
  loadCalendarFile(file, { apiUrl: process.env.API_URL ?? 'http://127.0.0.1:3000', token: process.env.API_TOKEN, out: console.log, err: console.error })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(`calendar:load failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
