import { timingSafeEqual } from 'node:crypto';
import { bearerToken } from '@/lib/auth/api-tokens';
import { clientAddressOf, isLoopbackAddress } from '@/lib/http/client-address';

export type MetricsAccess = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Who may scrape /api/metrics: with METRICS_TOKEN set, whoever sends it as a bearer token; without
 * it, only callers on this machine (the client address our server resolved from the socket —
 * a request that did not come through it has none, and is refused).
 */
export function metricsAccess(request: Request, metricsToken: string | undefined): MetricsAccess {
  if (metricsToken) {
    const token = bearerToken(request.headers.get('authorization'));
    return token && sameSecret(token, metricsToken)
      ? { allowed: true }
      : { allowed: false, status: 401, message: 'Authorization: Bearer <METRICS_TOKEN> required' };
  }
  return isLoopbackAddress(clientAddressOf(request.headers))
    ? { allowed: true }
    : {
        allowed: false,
        status: 403,
        message: 'metrics are served to loopback callers only (set METRICS_TOKEN)',
      };
}
