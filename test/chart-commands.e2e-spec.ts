import { hostname } from 'node:os';
import { freePort } from '../infra/ports';
import { migrate } from '../infra/migrate';
import { runWorkerProbe } from '../infra/worker-probe';

/**
 * The commands the Helm chart runs besides the apps, against the real stack: the worker's exec
 * probe (Temporal's pollers, narrowed to this host's worker) and the migrations Job.
 */
describe("the chart's worker probe and migrations, on the real stack", () => {
  let printed: string[];
  beforeEach(() => {
    printed = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    jest.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
  });
  afterEach(() => jest.restoreAllMocks());

  it("is ready and live on the host whose worker polls the task queue", async () => {
    await expect(runWorkerProbe(['ready'], process.env)).resolves.toBe(0);
    await expect(runWorkerProbe(['live'], process.env)).resolves.toBe(0);
    expect(printed).toEqual([
      `${hostname()} polls task queue "${process.env.TEMPORAL_TASK_QUEUE ?? 'approvals'}" (workflow and activity)`,
      `${hostname()} polls task queue "${process.env.TEMPORAL_TASK_QUEUE ?? 'approvals'}" (workflow and activity)`,
    ]);
  });

  it('is neither ready nor live for a pod whose worker does not poll, while Temporal answers', async () => {
    await expect(runWorkerProbe(['ready'], process.env, 'approvals-worker-5d8f9-x2x7q')).resolves.toBe(1);
    await expect(runWorkerProbe(['live'], process.env, 'approvals-worker-5d8f9-x2x7q')).resolves.toBe(1);
    expect(printed[1]).toMatch(/^approvals-worker-5d8f9-x2x7q has not polled the workflow and activity task queue ".+" within \d+ s$/);
  });

  it('is not ready but stays live while Temporal cannot be reached: no worker is restarted for an outage of the cluster', async () => {
    const env = { ...process.env, TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` };
    await expect(runWorkerProbe(['ready'], env)).resolves.toBe(1);
    await expect(runWorkerProbe(['live'], env)).resolves.toBe(0);
    expect(printed[0]).toMatch(/^Temporal cannot be asked \(/);
    expect(printed[1]).toMatch(/^Temporal cannot be asked \(.*\); not judging this worker on that$/);
  });

  it('refuses a mode it does not know', async () => {
    await expect(runWorkerProbe(['healthy'], process.env)).resolves.toBe(2);
    expect(printed).toEqual(['usage: worker-probe ready|live (WORKER_POLL_MAX_AGE_SECONDS: how recent a poll must be, 70)']);
  });

  it('migrates the read model and the departments, and repeating it changes nothing', async () => {
    const lines: string[] = [];
    await migrate(['read-model', 'departments'], process.env, (line) => lines.push(line));
    expect(lines).toEqual(['read-model: up to date', 'departments: up to date']);
  });

  it('names the database setting it lacks before connecting anywhere', async () => {
    await expect(migrate(['read-model', 'departments'], { DATABASE_URL: 'mysql://elsewhere' }, () => undefined)).rejects.toThrow(
      'Invalid configuration:\n  DATABASE_URL: must be a postgres:// URL\n  DEPARTMENTS_DATABASE_URL (or DATABASE_URL): must be a postgres:// URL',
    );
  });
});
