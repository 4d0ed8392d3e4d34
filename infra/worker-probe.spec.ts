import { workerProbeVerdict } from './worker-probe';

const NOW = Date.parse('2026-03-02T08:00:00Z');
const polled = (identity: string, secondsAgo: number) => ({ identity, lastAccessTime: { seconds: String(Math.floor((NOW - secondsAgo * 1000) / 1000)), nanos: 0 } });

describe("the worker's exec probe", () => {
  it('is ready when this pod polled both task queues within the allowed age', () => {
    const seen = { workflow: [polled('1@worker-7f9c-abcde', 65)], activity: [polled('1@worker-7f9c-abcde', 3)] };
    expect(workerProbeVerdict('ready', seen, 'worker-7f9c-abcde', 'approvals', NOW, 70)).toEqual({ ok: true, message: 'worker-7f9c-abcde polls task queue "approvals" (workflow and activity)' });
    expect(workerProbeVerdict('live', seen, 'worker-7f9c-abcde', 'approvals', NOW, 70).ok).toBe(true);
  });

  it("is neither ready nor live when only other pods poll, even pods whose names end like this one's", () => {
    const seen = { workflow: [polled('1@worker-7f9c-xyz12', 1), polled('1@other-worker-7f9c-abcde', 1)], activity: [polled('1@worker-7f9c-xyz12', 1)] };
    const verdict = workerProbeVerdict('live', seen, 'worker-7f9c-abcde', 'approvals', NOW, 70);
    expect(verdict).toEqual({ ok: false, message: 'worker-7f9c-abcde has not polled the workflow and activity task queue "approvals" within 70 s' });
    expect(workerProbeVerdict('ready', seen, 'worker-7f9c-abcde', 'approvals', NOW, 70).ok).toBe(false);
  });

  it('names the one task queue this pod stopped polling, counting the age to the second', () => {
    const seen = { workflow: [polled('1@w-1', 70)], activity: [polled('1@w-1', 71)] };
    expect(workerProbeVerdict('ready', seen, 'w-1', 'approvals', NOW, 70)).toEqual({ ok: false, message: 'w-1 has not polled the activity task queue "approvals" within 70 s' });
  });

  it('is not ready but still live while Temporal cannot be asked: an outage of the cluster restarts no worker', () => {
    const seen = { unreachable: 'Failed to connect before the deadline' };
    expect(workerProbeVerdict('ready', seen, 'w-1', 'approvals', NOW, 70)).toEqual({ ok: false, message: 'Temporal cannot be asked (Failed to connect before the deadline)' });
    expect(workerProbeVerdict('live', seen, 'w-1', 'approvals', NOW, 70)).toEqual({ ok: true, message: 'Temporal cannot be asked (Failed to connect before the deadline); not judging this worker on that' });
  });

  it('does not count a poller Temporal lists without a time', () => {
    expect(workerProbeVerdict('ready', { workflow: [{ identity: '1@w-1' }], activity: [{ identity: '1@w-1', lastAccessTime: null }] }, 'w-1', 'approvals', NOW, 70).ok).toBe(false);
  });
});
