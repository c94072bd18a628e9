import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { metricsAccess } from './metrics-access';

const TOKEN = 'metrics-secret-0123456789';

const request = (headers: Record<string, string>) => new Request('http://localhost/api/metrics', { headers });

describe('metricsAccess', () => {
  it('with METRICS_TOKEN set, lets in only its bearer, wherever they call from', () => {
    expect(metricsAccess(request({ authorization: `Bearer ${TOKEN}` }), TOKEN)).toEqual({ allowed: true });
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: `Bearer ${TOKEN}x` },
      { [CLIENT_ADDRESS_HEADER]: '127.0.0.1' },
    ]) {
      expect(metricsAccess(request(headers), TOKEN)).toMatchObject({ allowed: false, status: 401 });
    }
  });

  it('without METRICS_TOKEN, lets in only callers our server saw on the loopback interface', () => {
    for (const address of ['127.0.0.1', '::1']) {
      expect(metricsAccess(request({ [CLIENT_ADDRESS_HEADER]: address }), undefined)).toEqual({
        allowed: true,
      });
    }
    for (const headers of [
      {} as Record<string, string>,
      { [CLIENT_ADDRESS_HEADER]: '10.0.0.7' },
      { [CLIENT_ADDRESS_HEADER]: 'not-an-address' },
      // A client's own forwarding claim is not an address our server resolved.
      { 'x-forwarded-for': '127.0.0.1' },
    ]) {
      expect(metricsAccess(request(headers), undefined)).toMatchObject({ allowed: false, status: 403 });
    }
  });
});
