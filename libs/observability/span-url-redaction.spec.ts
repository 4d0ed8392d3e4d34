import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { redactUrlAttributes } from './span-url-redaction';

const tracer = new BasicTracerProvider().getTracer('spec');
const attributesOf = (span: unknown) => (span as { attributes: Record<string, unknown> }).attributes;

describe("an HTTP span's URL attributes", () => {
  it('carry the given path instead of the one sent, with the origin kept and the query emptied', () => {
    const client = tracer.startSpan('GET', {
      attributes: { 'url.full': 'http://departments:3100/tax/rd-expenses/91110108MA01XQ4T72/2025?x=1', 'url.path': '/tax/rd-expenses/91110108MA01XQ4T72/2025', 'url.query': 'x=1', 'server.port': 3100 },
    });
    redactUrlAttributes(client, '/tax/rd-expenses/:value/:value');
    expect(attributesOf(client)).toEqual({ 'url.full': 'http://departments:3100/tax/rd-expenses/:value/:value', 'url.path': '/tax/rd-expenses/:value/:value', 'url.query': '', 'server.port': 3100 });

    const server = tracer.startSpan('GET', { attributes: { 'http.url': 'http://127.0.0.1:3100/zgc/enterprises/91110108MA01XQ4T72', 'http.target': '/zgc/enterprises/91110108MA01XQ4T72' } });
    redactUrlAttributes(server, '/zgc/enterprises/:creditCode');
    expect(attributesOf(server)).toEqual({ 'http.url': 'http://127.0.0.1:3100/zgc/enterprises/:creditCode', 'http.target': '/zgc/enterprises/:creditCode' });
  });
});
