import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths';

/**
 * Temporal's time-skipping test server, for tests of working-day clocks (days and weeks pass in
 * milliseconds). Its native build is a download the SDK makes at run time, which a machine that
 * reaches only package registries cannot do; the same server ships on Maven Central
 * (io.temporal:temporal-test-server), so we fetch it with Maven once, cache it, and hand
 * @temporalio/testing a small launcher as an "existing-path" executable (it is called with the
 * port as its argument).
 */
export const TEST_SERVER_VERSION = '1.31.0';

export function timeSkippingServerDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEMPORAL_TEST_SERVER_DIR ?? join(projectRoot(), '.cache', `temporal-test-server-${TEST_SERVER_VERSION}`);
}

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.approvals</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`;

function run(command: string, args: string[], cwd: string, log: (line: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const started = Date.now();
    const ticker = setInterval(() => log(`fetching Temporal test server from Maven Central … (${Math.round((Date.now() - started) / 1000)} s)`), 10_000);
    child.stdout.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-8000)));
    child.stderr.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-8000)));
    child.on('error', (error) => {
      clearInterval(ticker);
      fail(error);
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) done();
      else fail(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`));
    });
  });
}

/** Path of a launcher for the time-skipping server, fetching it first if needed. */
export async function ensureTimeSkippingServer(log: (line: string) => void = console.log): Promise<string> {
  const dir = timeSkippingServerDir();
  const launcher = join(dir, 'temporal-test-server');
  const lib = join(dir, 'lib');
  if (existsSync(launcher) && existsSync(lib) && readdirSync(lib).some((f) => f.startsWith('temporal-test-server'))) return launcher;
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('The clock tests need Java 17+ to run Temporal\'s time-skipping test server (io.temporal:temporal-test-server). Install a JDK, e.g. apt-get install openjdk-17-jre-headless.');
  }
  if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('Fetching Temporal\'s time-skipping test server needs Maven (apt-get install maven), once; or set TEMPORAL_TEST_SERVER_DIR to a folder holding lib/*.jar and a temporal-test-server launcher.');
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), POM);
  log(`fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} into ${dir} (once)`);
  await run('mvn', ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`], dir, log);
  writeFileSync(launcher, `#!/bin/sh\n# Temporal's time-skipping test server; @temporalio/testing passes the port.\nexec java -cp "${lib}/*" io.temporal.testserver.TestServer "$@"\n`);
  chmodSync(launcher, 0o755);
  return launcher;
}
