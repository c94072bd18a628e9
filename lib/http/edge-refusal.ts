/**
 * Answers for requests proxy.ts refuses before any route runs, in the shape each surface speaks:
 * the REST error envelope under /api, Knox's envelope under the simulator's APIs, and a plain
 * Korean error page everywhere else.
 */
import { errorResponse } from '@/lib/api/errors';

export type Surface = 'rest' | 'knox-sim-api' | 'page';

export function surfaceOf(pathname: string): Surface {
  if (pathname === '/api' || pathname.startsWith('/api/')) return 'rest';
  if (pathname.startsWith('/knox-sim/sim/') || pathname.startsWith('/knox-sim/approval/'))
    return 'knox-sim-api';
  return 'page';
}

export interface Refusal {
  status: 400 | 403;
  /** REST error code (INVALID_INPUT, FORBIDDEN). */
  code: 'INVALID_INPUT' | 'FORBIDDEN';
  /** One Korean sentence for the person or program that sent it. */
  message: string;
}

const PAGE_TITLES: Record<Refusal['status'], string> = {
  400: '요청을 처리할 수 없습니다',
  403: '허용되지 않은 요청입니다',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A page of its own (no React, no database): the request it answers was never let in. */
function refusalPage(refusal: Refusal, nonce: string): string {
  const title = PAGE_TITLES[refusal.status];
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 협력업체 포털</title>
<style nonce="${nonce}">
body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f8fafc;color:#0f172a;font-family:system-ui,sans-serif}
main{max-width:28rem;padding:1rem;text-align:center}
.code{font-size:.875rem;font-weight:600;color:#4f46e5}
h1{margin:.5rem 0 0;font-size:1.5rem}
p{color:#475569;font-size:.875rem}
a{display:inline-block;margin-top:1.5rem;padding:.5rem 1rem;border-radius:.375rem;background:#4f46e5;color:#fff;text-decoration:none;font-size:.875rem}
</style>
</head>
<body>
<main>
<p class="code">${refusal.status}</p>
<h1>${title}</h1>
<p>${escapeHtml(refusal.message)}</p>
<a href="/">대시보드로 돌아가기</a>
</main>
</body>
</html>
`;
}

/** The refusal as the surface of `pathname` answers it. */
export function refusalResponse(pathname: string, refusal: Refusal, nonce: string): Response {
  const surface = surfaceOf(pathname);
  if (surface === 'rest') return errorResponse(refusal.status, refusal.code, refusal.message);
  if (surface === 'knox-sim-api') {
    return Response.json(
      {
        result: 'fail',
        errorDetail: {
          url: pathname,
          errorCode: refusal.code,
          errorMessage: refusal.message,
          detailMessages: null,
        },
      },
      { status: refusal.status },
    );
  }
  return new Response(refusalPage(refusal, nonce), {
    status: refusal.status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}
