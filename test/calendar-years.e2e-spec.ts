import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadCalendarFile } from '../infra/calendar-load';
import { agencyStaff, applicant, as, expert, supervisor, tokenFor } from './support/actors';
import { api, uniqueCreditCode } from './support/http';

/**
 * The official calendar as data a supervisor loads, over HTTP: what shipped, what a year without
 * a notice counts as, every rule a notice must hold to (each broken one named at once), who may
 * load, and the audit of every load. Years far ahead (2033–2035) keep these loads away from the
 * due dates of every other test's cases.
 */
describe('official calendar years', () => {
  const boss = as(supervisor());
  const notice = (year: number, over: Record<string, unknown> = {}) => ({
    title: `测试用${year}年节假日安排（非真实通知）`,
    documentNumber: `测试〔${year - 1}〕1号`,
    holidays: [
      { name: '元旦', from: `${year}-01-01`, to: `${year}-01-01` },
      { name: '国庆节', from: `${year}-10-01`, to: `${year}-10-07` },
    ],
    makeUpWorkdays: [] as string[],
    ...over,
  });
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
  });

  it('lists the years that shipped with their notices, to any role', async () => {
    const listed = await as(applicant(uniqueCreditCode())).get('/calendar/years');
    expect(listed.status).toBe(200);
    const byYear = Object.fromEntries(listed.body.map((y: any) => [y.year, y]));
    expect(byYear[2025]).toMatchObject({
      version: 1,
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      documentNumber: '国办发明电〔2024〕12号',
      loadedBy: { userId: 'migration' },
      holidays: expect.arrayContaining([{ name: '春节', from: '2025-01-28', to: '2025-02-04' }]),
    });
    expect(byYear[2026]).toMatchObject({ version: 1, makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'] });
  });

  it('shows a year without a notice as the provisional calendar the law gives', async () => {
    const year = await as(agencyStaff('zgc')).get('/calendar/years/2033');
    expect(year.status).toBe(200);
    expect(year.body).toMatchObject({ year: 2033, status: 'provisional', versions: [] });
    expect(year.body.current.holidays[0]).toEqual({ name: '元旦', from: '2033-01-01', to: '2033-01-03' }); // a Saturday: made up on Monday
    expect(year.body.current.makeUpWorkdays).toEqual([]);
  });

  it('refuses an impossible or unparseable date with a 400 naming the field, and keeps nothing', async () => {
    const impossible = await boss.put('/calendar/years/2034', notice(2034, { holidays: [{ name: '春节', from: '2034-02-30', to: '2034-03-01' }] }));
    expect(impossible.status).toBe(400);
    expect(impossible.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(impossible.body.errors).toEqual([
      expect.objectContaining({ field: 'holidays.0.from', rule: 'isCalendarDate', code: 'calendar.notADate', message: 'holidays.0.from 不是存在的日期："2034-02-30"（应为 YYYY-MM-DD，如 2034-01-01）' }),
    ]);

    const unparseable = await boss.put('/calendar/years/2034', notice(2034, { makeUpWorkdays: ['next Saturday'] }));
    expect(unparseable.status).toBe(400);
    expect(unparseable.body.errors.map((e: any) => `${e.field} ${e.rule}`)).toEqual(['makeUpWorkdays.0 isCalendarDate']);

    const notAString = await boss.put('/calendar/years/2034', notice(2034, { holidays: [{ name: '元旦', from: 20340101, to: '2034-01-01' }] }));
    expect(notAString.status).toBe(400);
    expect(notAString.body.errors).toEqual([expect.objectContaining({ field: 'holidays.0.from', rule: 'isString' })]);

    expect((await boss.get('/calendar/years/2034')).body.status).toBe('provisional');
  });

  it('names every broken rule between the dates at once', async () => {
    const answer = await boss.put(
      '/calendar/years/2034',
      notice(2034, {
        holidays: [
          { name: '国庆节', from: '2034-10-07', to: '2034-10-01' },
          { name: '春节', from: '2034-02-18', to: '2034-02-24' },
          { name: '元宵', from: '2034-02-24', to: '2034-02-25' },
          { name: '元旦', from: '2033-12-31', to: '2034-01-01' },
        ],
        makeUpWorkdays: ['2034-02-22', '2034-02-18', '2034-02-26'],
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: any) => `${e.field} ${e.rule}`)).toEqual([
      'holidays.0.to rangeOrdered',
      'holidays.2 noOverlap',
      'holidays.3.from inYear',
      'makeUpWorkdays.0 onWeekend',
      'makeUpWorkdays.0 notAHoliday',
      'makeUpWorkdays.1 notAHoliday',
    ]);
    expect(answer.body.message).toContain('holidays.0.to（2034-10-01）早于 holidays.0.from（2034-10-07）');
  });

  it('refuses a path that is not a year, and a body naming another year', async () => {
    for (const path of ['/calendar/years/20x4', '/calendar/years/1999', '/calendar/years/2034-01']) {
      const answer = await boss.get(path);
      expect({ path, status: answer.status, field: answer.body.errors?.[0]?.field }).toEqual({ path, status: 400, field: 'year' });
    }
    const mismatch = await boss.put('/calendar/years/2034', { ...notice(2034), year: 2035 });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([expect.objectContaining({ field: 'year', rule: 'matchesPath' })]);
  });

  it('lets only a supervisor load a year', async () => {
    for (const actor of [agencyStaff('zgc'), applicant(uniqueCreditCode()), expert('expert-1')]) {
      expect((await as(actor).put('/calendar/years/2034', notice(2034))).status).toBe(403);
    }
    expect((await api('PUT', '/calendar/years/2034', notice(2034))).status).toBe(401);
  });

  it('keeps every load as a version with who and when, through npm run calendar:load, and never rewrites one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    const file = join(dir, '2035.json');
    const run = async () => {
      const out: string[] = [];
      const code = await loadCalendarFile(file, { apiUrl: process.env.API_URL!, token: tokenFor(supervisor()), out: (l) => out.push(l), err: (l) => out.push(l) });
      return { code, out: out.join('\n') };
    };

    writeFileSync(file, JSON.stringify({ year: 2035, ...notice(2035) }));
    const first = await run();
    expect(first.code).toBe(0);
    expect(first.out).toContain('2035年 测试用2035年节假日安排（非真实通知）（测试〔2034〕1号）');
    expect(first.out).toContain('已载入为第 1 版：电子监察（supervisor-1）');
    // Against the provisional calendar: 4–7 October become days off (1–3 were statutory already; 6–7 are a weekend).
    expect(first.out).toMatch(/改为放假：2035-10-0\d/);
    expect(first.out).toContain('calendar-rollout-2035-v1');

    const again = await run();
    expect(again.code).toBe(0);
    expect(again.out).toContain('与当前第 1 版相同，未新建版本');

    writeFileSync(file, JSON.stringify({ year: 2035, ...notice(2035, { makeUpWorkdays: ['2035-09-29'] }) }));
    const corrected = await run();
    expect(corrected.out).toContain('已载入为第 2 版');
    expect(corrected.out).toContain('与此前的第 1 版相比');
    expect(corrected.out).toContain('改为上班：2035-09-29');

    writeFileSync(file, JSON.stringify({ year: 2035, ...notice(2035, { makeUpWorkdays: ['2035-09-28'] }) }));
    const refused = await run();
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('makeUpWorkdays.0（onWeekend）：makeUpWorkdays.0 为 2035-09-28，不是星期六或星期日');

    const year = (await boss.get('/calendar/years/2035')).body;
    expect(year).toMatchObject({ status: 'official', current: { version: 2, makeUpWorkdays: ['2035-09-29'] } });
    expect(year.versions.map((v: any) => [v.version, v.loadedBy.userId, v.makeUpWorkdays])).toEqual([
      [2, 'supervisor-1', ['2035-09-29']],
      [1, 'supervisor-1', []],
    ]);
    expect(year.versions[1].loadedAt <= year.versions[0].loadedAt).toBe(true);

    // Not even the application's own database role rewrites a load.
    await expect(db.query(`UPDATE calendar_years SET make_up_workdays = '[]' WHERE year = 2035`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query(`DELETE FROM calendar_years WHERE year = 2035`)).rejects.toThrow(/append-only: DELETE refused/);
  });
});
