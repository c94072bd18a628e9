import { getDb } from '@/db';
import { renderMetrics } from '@/lib/api/metrics';
import { logger } from '@/lib/observability/logger';

export const dynamic = 'force-dynamic';

/** Prometheus text format; open to anyone who can reach the host, like /api/health. */
export async function GET() {
  try {
    const { body, contentType } = await renderMetrics(await getDb());
    return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  } catch (error) {
    logger().error({ err: error }, 'rendering metrics failed');
    return new Response('# metrics unavailable: database error\n', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
}
