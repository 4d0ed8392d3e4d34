import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { unavailableDependency } from './temporal-failure.filter';

describe('unavailableDependency', () => {
  it('reads a restarting or unreachable database as unavailable (503), not as a bug (500)', () => {
    expect(unavailableDependency(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('database');
    expect(unavailableDependency({ message: 'terminating connection due to administrator command', driverError: { code: '57P01' } })).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(unavailableDependency(new QueryRunnerAlreadyReleasedError())).toBe('database');
    expect(unavailableDependency(Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }))).toBe('Temporal');
  });

  it('leaves real errors alone: a broken query is still a 500', () => {
    expect(unavailableDependency({ message: 'column "x" does not exist', driverError: { code: '42703' } })).toBeUndefined();
    expect(unavailableDependency(new TypeError('cannot read properties of undefined'))).toBeUndefined();
    expect(unavailableDependency(undefined)).toBeUndefined();
  });
});
