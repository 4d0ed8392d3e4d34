import { translate } from '../../../libs/i18n';
import { anyFreshPoller, departmentsProblem, workerProblem } from './readiness.service';

describe('anyFreshPoller', () => {
  const now = 1_800_000_000_000;
  const at = (msAgo: number) => ({ lastAccessTime: { seconds: Math.floor((now - msAgo) / 1000), nanos: ((now - msAgo) % 1000) * 1e6 } });

  it('counts a worker online while one of its pollers was seen within the allowed age', () => {
    expect(anyFreshPoller([at(61_000), at(4_000)], now, 10_000)).toBe(true);
    expect(anyFreshPoller([at(10_000)], now, 10_000)).toBe(true);
  });

  it('counts it gone when every poller is older, or none is listed', () => {
    expect(anyFreshPoller([at(10_001), at(300_000)], now, 10_000)).toBe(false);
    expect(anyFreshPoller([], now, 10_000)).toBe(false);
    expect(anyFreshPoller(undefined, now, 10_000)).toBe(false);
    expect(anyFreshPoller([{ lastAccessTime: null }], now, 10_000)).toBe(false);
  });

  it('reads protobuf Long seconds', () => {
    const seconds = { low: Math.floor(now / 1000), high: 0, valueOf: () => Math.floor(now / 1000) };
    expect(anyFreshPoller([{ lastAccessTime: { seconds, nanos: 0 } }], now, 1000)).toBe(true);
  });
});

describe('workerProblem', () => {
  it('tells officials what it means for their work and who acts, in Chinese, without the engine\'s words', () => {
    const { message } = workerProblem('approvals', ['workflow', 'activity'], 10);
    expect(message).toBe('处理暂停：后台处理服务未在运行，暂时无法受理与办理，已提交的申请与决定将在恢复后处理；如长时间未恢复，请联系系统管理员');
    expect(message).not.toMatch(/任务队列|轮询|approvals|工作进程/);
  });

  it('keeps the technical cause for operators: which task queue is unpolled, and since when', () => {
    expect(workerProblem('approvals', ['workflow', 'activity'], 10).detail).toBe('无工作进程在线：任务队列 "approvals" 的工作流任务与活动任务超过 10 秒无人轮询');
  });

  it('carries a catalogue code that renders in English too', () => {
    const { code, params } = workerProblem('approvals', ['activity'], 10);
    expect(translate(code, params, 'en')).toMatch(/^processing paused: the background processing service is not running/);
    expect(translate(`${code}Detail`, params, 'en')).toBe('no worker online: nobody polled the activity tasks of task queue "approvals" for over 10 s');
  });
});

describe('departmentsProblem', () => {
  it('leaves the address and the error to operators', () => {
    const problem = departmentsProblem('http://127.0.0.1:3100', 'fetch failed');
    expect(problem.message).toBe('部门数据服务暂时无法访问，需要部门数据的办理将在恢复后自动继续');
    expect(problem.detail).toBe('部门服务不可达（http://127.0.0.1:3100/health：fetch failed）');
  });
});
