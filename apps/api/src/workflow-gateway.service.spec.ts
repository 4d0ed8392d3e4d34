import { ServiceError } from '@temporalio/client';
import { transientTemporalFailure, updateIdFor } from './workflow-gateway.service';

describe('updateIdFor', () => {
  const actor = { userId: 'zgc-reviewer', name: '市科委 审核员', role: 'agency', agency: 'zgc' };
  const decision = { stepId: 'high-tech-x.1', actor, decision: 'accept' };

  it('makes a retry with the same Idempotency-Key the same update', () => {
    const first = updateIdFor('high-tech-x', 'decideStep', decision, 'key-1');
    expect(updateIdFor('high-tech-x', 'decideStep', { ...decision, actor: { ...actor } }, 'key-1')).toBe(first);
    expect(first).toMatch(/^decideStep-[A-Za-z0-9_-]{32}$/);
    // The actor's display fields may change between tokens; who acts is the user id.
    expect(updateIdFor('high-tech-x', 'decideStep', { ...decision, actor: { ...actor, name: '新名字' } }, 'key-1')).toBe(first);
  });

  it('keeps apart what is not the same action: another key, case, action, person or request', () => {
    const first = updateIdFor('high-tech-x', 'decideStep', decision, 'key-1');
    expect(
      new Set([
        first,
        updateIdFor('high-tech-x', 'decideStep', decision, 'key-2'),
        updateIdFor('high-tech-y', 'decideStep', decision, 'key-1'),
        updateIdFor('high-tech-x', 'claimStep', decision, 'key-1'),
        updateIdFor('high-tech-x', 'decideStep', { ...decision, actor: { ...actor, userId: 'zgc-director' } }, 'key-1'),
        updateIdFor('high-tech-x', 'decideStep', { ...decision, decision: 'refuse' }, 'key-1'),
      ]).size,
    ).toBe(6);
  });

  it('without a key, every request is its own update (a second identical urge may be meant)', () => {
    expect(updateIdFor('high-tech-x', 'urgeStep', decision, undefined)).not.toBe(updateIdFor('high-tech-x', 'urgeStep', decision, undefined));
  });
});

describe('transientTemporalFailure', () => {
  /** What the client library throws for a gRPC answer it has no type for (an update, here). */
  const grpc = (code: number, details: string) => new ServiceError('Workflow Update failed', { cause: Object.assign(new Error(`${code}: ${details}`), { code, details, metadata: {} }) });
  // gRPC's status codes (grpc/status.h).
  const status = { INVALID_ARGUMENT: 3, RESOURCE_EXHAUSTED: 8, PERMISSION_DENIED: 7, ABORTED: 10, UNAVAILABLE: 14 };

  it('names the codes after which a retry may succeed: the API answers 503, not 500', () => {
    expect(transientTemporalFailure(grpc(status.UNAVAILABLE, 'connection dropped'))).toBe('UNAVAILABLE');
    expect(transientTemporalFailure(grpc(status.RESOURCE_EXHAUSTED, 'too many outstanding updates'))).toBe('RESOURCE_EXHAUSTED');
    expect(transientTemporalFailure(grpc(status.ABORTED, 'update aborted'))).toBe('ABORTED');
  });

  it('leaves everything else to the other answers (or a 500 that is a bug)', () => {
    expect(transientTemporalFailure(grpc(status.INVALID_ARGUMENT, 'bad request'))).toBeUndefined();
    expect(transientTemporalFailure(grpc(status.PERMISSION_DENIED, 'no'))).toBeUndefined();
    expect(transientTemporalFailure(new Error('Workflow Update failed'))).toBeUndefined();
    expect(transientTemporalFailure(new ServiceError('Unexpected error while making gRPC request', { cause: new Error('boom') }))).toBeUndefined();
  });
});
