import { renderMetrics } from '@/lib/api/metrics';
import { metricsAccess } from '@/lib/api/metrics-access';
import { env } from '@/lib/env';
import { logger } from '@/lib/observability/logger';

export const dynamic = 'force-dynamic';

const text = (body: string, status: number, extra: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra },
  });

/** Prometheus text format, for the METRICS_TOKEN holder, or loopback callers when it is unset. */
export async function GET(request: Request) {
  const access = metricsAccess(request, env().METRICS_TOKEN);
  if (!access.allowed) {
    return text(
      `# ${access.message}\n`,
      access.status,
      access.status === 401 ? { 'www-authenticate': 'Bearer realm="metrics"' } : {},
    );
  }
  try {
    const { body, contentType } = await renderMetrics();
    return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  } catch (error) {
    logger().error({ err: error }, 'rendering metrics failed');
    return text('# metrics unavailable\n', 503);
  }
}
