import { translate } from '../../../libs/i18n';
import { anyFreshPoller, workerProblem } from './readiness.service';

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
  it('says processing is paused, which queue is unpolled, and since when, in Chinese', () => {
    expect(workerProblem('approvals', ['workflow', 'activity'], 10).message).toBe(
      '处理暂停：无工作进程在线（任务队列 "approvals" 的工作流任务与活动任务超过 10 秒无人轮询），新申请与决定将在恢复后处理',
    );
  });

  it('carries a catalogue code that renders in English too', () => {
    const { code, params } = workerProblem('approvals', ['activity'], 10);
    expect(translate(code, params, 'en')).toBe('processing paused: no worker online (nobody polled the activity tasks of task queue "approvals" for over 10 s); new applications and decisions are processed once one is back');
  });
});
