import type { IncomingMessage } from 'node:http';
import { matchedRoute, redactedPath, routeLabel } from './route-template';

const request = (fields: Record<string, unknown>) => fields as unknown as IncomingMessage;

describe('route labels', () => {
  it('a routed request: the template Express matched, under its mount point', () => {
    expect(routeLabel(request({ route: { path: '/cases/:id' }, baseUrl: '', originalUrl: '/cases/high-tech-abc' }))).toBe('/cases/:id');
    expect(matchedRoute(request({ route: { path: '/:creditCode' }, baseUrl: '/zgc/enterprises' }))).toBe('/zgc/enterprises/:creditCode');
    expect(matchedRoute(request({ route: { path: ['/health/ready', '/health'] }, baseUrl: '' }))).toBe('/health/ready|/health');
  });

  it('anything else: one fixed label per kind, never the path', () => {
    expect(routeLabel(request({ originalUrl: '/console/agency/index.html?x=1' }))).toBe('/console/*');
    expect(routeLabel(request({ originalUrl: '/docs-json' }))).toBe('/docs/*');
    expect(routeLabel(request({ originalUrl: '/wp-admin/91110108MA01XQ4T72' }))).toBe('unmatched');
  });
});

describe('redacted paths (span attributes of calls without a template)', () => {
  it("keeps a route's words and blanks every value: credit codes, years, numbers, passports, encoded names, the query", () => {
    expect(redactedPath('/tax/rd-expenses/91110108MA01XQ4T72/2025')).toBe('/tax/rd-expenses/:value/:value');
    expect(redactedPath('/zgc/certificates/GR20261100001/revocation')).toBe('/zgc/certificates/:value/revocation');
    expect(redactedPath('/public-security/residence-permits/RP0000000001?passportNumber=C4XK29T71')).toBe('/public-security/residence-permits/:value');
    expect(redactedPath(`/registry/${encodeURIComponent('北京芯算科技有限公司')}`)).toBe('/registry/:value');
    expect(redactedPath('/holders/ABCDEFG')).toBe('/holders/:value');
    expect(redactedPath('/district/cultivation-list')).toBe('/district/cultivation-list');
    expect(redactedPath('/')).toBe('/');
  });
});
