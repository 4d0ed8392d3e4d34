import { metricsAccess } from './metrics-access';

const TOKEN = 'a'.repeat(20) + 'b'.repeat(20);

describe('who may read /metrics', () => {
  it('without METRICS_TOKEN: anyone outside production, nobody in production', () => {
    expect(metricsAccess('development', undefined, undefined)).toBe('allowed');
    expect(metricsAccess('test', '', undefined)).toBe('allowed');
    expect(metricsAccess('production', undefined, undefined)).toBe('off');
    expect(metricsAccess('production', undefined, `Bearer ${TOKEN}`)).toBe('off');
  });

  it('with METRICS_TOKEN, in every mode: only the bearer of that token', () => {
    for (const mode of ['development', 'test', 'production']) {
      expect(metricsAccess(mode, TOKEN, `Bearer ${TOKEN}`)).toBe('allowed');
      expect(metricsAccess(mode, TOKEN, `bearer ${TOKEN}`)).toBe('allowed');
      expect(metricsAccess(mode, TOKEN, undefined)).toBe('unauthorized');
      expect(metricsAccess(mode, TOKEN, TOKEN)).toBe('unauthorized');
      expect(metricsAccess(mode, TOKEN, `Bearer ${TOKEN.slice(0, -1)}`)).toBe('unauthorized');
      expect(metricsAccess(mode, TOKEN, `Bearer ${TOKEN}x`)).toBe('unauthorized');
      expect(metricsAccess(mode, TOKEN, `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}`)).toBe('unauthorized');
    }
  });
});
