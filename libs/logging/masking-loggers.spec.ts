import { ApplicationFailure, LogLevel, LogMetadata } from '@temporalio/common';
import { DefaultLogger, LogEntry } from '@temporalio/worker';
import { MaskingConsoleLogger } from './masking-console-logger';
import { MaskingTemporalLogger } from './masking-temporal-logger';

const PASSPORT = 'C4XK29T71';
const ID = '110105199003071234';

describe('MaskingConsoleLogger', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    const capture = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  });
  afterEach(() => jest.restoreAllMocks());

  it('masks messages, objects and error stacks in what Nest prints', () => {
    const logger = new MaskingConsoleLogger({ logLevels: ['error', 'warn', 'log'], colors: false });
    logger.log(`filed for passportNumber=${PASSPORT}`, 'Cases');
    logger.warn({ talent: { name: 'Anna', passportNumber: PASSPORT } }, 'Cases');
    const failure = new Error(`department answered: {"passportNumber":"${PASSPORT}","idNumber":"${ID}"}`);
    logger.error(failure.message, failure.stack, 'ExceptionsHandler');
    logger.error(failure);

    const output = written.join('');
    expect(output).toContain('filed for passportNumber=C4****71');
    expect(output).toContain("passportNumber: 'C4****71'");
    expect(output).toContain('{"passportNumber":"C4****71","idNumber":"11****34"}');
    expect(output).toContain('[ExceptionsHandler]');
    expect(output).not.toContain(PASSPORT);
    expect(output).not.toContain(ID);
  });

  it('masks JSON output too', () => {
    const logger = new MaskingConsoleLogger({ logLevels: ['log'], json: true });
    logger.log(`holder id ${ID}`);
    expect(JSON.parse(written.join('')).message).toBe('holder id 11****34');
  });
});

describe('MaskingTemporalLogger', () => {
  it('masks message and metadata before the logger it wraps sees them, an activity failure included', () => {
    const entries: LogEntry[] = [];
    const logger = new MaskingTemporalLogger(new DefaultLogger('TRACE', (entry) => entries.push(entry)));
    const body = JSON.stringify({ caseId: 'talent-1', passportNumber: PASSPORT });
    const error = ApplicationFailure.retryable('市公安局 answered 503', 'DepartmentUnavailable', { department: 'public-security', body });
    logger.warn('Activity failed', { error, activityType: 'publicSecurityIssueResidencePermit' });
    logger.log('INFO', `request ${body}`);

    expect(entries.map((e) => e.level)).toEqual(['WARN', 'INFO']);
    expect(entries[0].meta!.error.details[0].body).toBe('{"caseId":"talent-1","passportNumber":"C4****71"}');
    expect(entries[0].meta!.activityType).toBe('publicSecurityIssueResidencePermit');
    expect(entries[1].message).toBe('request {"caseId":"talent-1","passportNumber":"C4****71"}');
    expect(JSON.stringify(entries, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(PASSPORT);
  });

  it('forwards every level to the wrapped logger', () => {
    const seen: Array<[LogLevel, string, LogMetadata | undefined]> = [];
    const logger = new MaskingTemporalLogger({
      log: (level, message, meta) => seen.push([level, message, meta]),
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    });
    logger.trace('t');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error(`e ${ID}`);
    expect(seen).toEqual([
      ['TRACE', 't', undefined],
      ['DEBUG', 'd', undefined],
      ['INFO', 'i', undefined],
      ['WARN', 'w', undefined],
      ['ERROR', 'e 11****34', undefined],
    ]);
  });
});
