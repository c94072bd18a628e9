/**
 * The simulator's HTTP surface as one fetch-style handler, shared by the Next routes under /knox-sim
 * and the standalone node:http server. Knox endpoints speak Knox's envelope (business errors are
 * HTTP 200 `result: "fail"`, bad credentials HTTP 401); the control API (/sim/…) uses the same
 * envelope, is not subject to faults, and answers only callers it can tell apart from a web page
 * on another site (see controlAccessRefusal).
 */

import { crossSiteReason, hasNul, isJsonContentType } from '@/lib/http/request-guard';
import { KNOX_ERROR, KNOX_INVALID_CREDENTIALS } from '@/lib/knox-api/approval/codes';
import { logger } from '@/lib/observability/logger';
import type { KnoxSimulator, SimResult } from './simulator';

export interface KnoxSimHttpDeps {
  simulator: KnoxSimulator;
  /** Path prefix the simulator is mounted under ('' standalone, '/knox-sim' in the app). */
  basePath?: string;
  /**
   * The only origin a browser may call the control API from: the app's APP_URL, or the standalone
   * server's own URL.
   */
  ownOrigin: string;
  /** Whether the request carries a signed-in portal session (the app's; absent standalone). */
  hasPortalSession?: (request: Request) => Promise<boolean>;
  /** Upper bound on holding a dropped response while the client still waits (default 120 s). */
  dropHoldMs?: number;
  /** Waits; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** What the transport must do instead of answering: never answer, or reset the connection. */
export type TransportFault = { kind: 'drop' } | { kind: 'outage' };

const KNOX_PREFIX = '/approval/api/v2.0/approvals';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

const success = (simulator: KnoxSimulator, data: unknown) =>
  json({ result: 'success', data, statusCode: simulator.num(200) });

const fail = (url: string, errorCode: string, errorMessage: string) =>
  json({ result: 'fail', errorDetail: { url, errorCode, errorMessage, detailMessages: null } });

const envelope = <T>(simulator: KnoxSimulator, url: string, result: SimResult<T>) =>
  result.ok ? success(simulator, result.data) : fail(url, result.code, result.message);

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** True when some string in a parsed JSON value (keys included) holds a NUL. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return hasNul(value);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, item]) => hasNul(key) || holdsNul(item));
  }
  return false;
}

type JsonBody = { ok: true; value: unknown } | { ok: false; message: string };

/** The body as JSON. A NUL (valid JSON as \u0000) is refused here, before any SQL sees it. */
async function readJson(request: Request): Promise<JsonBody> {
  const text = await request.text();
  if (!text.trim()) return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the request body is not valid JSON' };
  }
  if (holdsNul(value)) {
    return { ok: false, message: 'the request body holds a NUL character' };
  }
  return { ok: true, value };
}

/**
 * Routes one request. Resolves to a Response, or to a transport fault the caller carries out (the
 * standalone server destroys the socket; handleKnoxSimRequest holds or answers 503).
 */
export async function routeKnoxSimRequest(
  request: Request,
  deps: KnoxSimHttpDeps,
): Promise<Response | TransportFault> {
  const { simulator } = deps;
  const url = new URL(request.url);
  const base = (deps.basePath ?? '').replace(/\/$/, '');
  if (base && !url.pathname.startsWith(`${base}/`)) return json({ error: 'not found' }, 404);
  const path = url.pathname.slice(base.length);

  if (path.startsWith('/sim/')) {
    const refused = await controlAccessRefusal(request, deps);
    return refused ?? controlApi(request, path, url, simulator);
  }
  if (!path.startsWith(`${KNOX_PREFIX}/`)) return json({ error: 'not found' }, 404);

  const route = matchKnoxRoute(request.method, path.slice(KNOX_PREFIX.length));
  if (!route) return json({ error: 'not found' }, 404);
  if (route === 'method') return json({ error: 'method not allowed' }, 405);

  // Faults come first: a broken Knox fails before it looks at who is calling.
  const faults = simulator.faults.current();
  if (faults.outage) return { kind: 'outage' };
  if (faults.latencyMs > 0) await (deps.sleep ?? defaultSleep)(faults.latencyMs, request.signal);
  if (simulator.faults.roll(faults.errorRate)) {
    return json({ error: 'Internal Server Error (injected by the Knox simulator)' }, 500);
  }

  const systemId = request.headers.get('system-id');
  if (!simulator.checkCredentials(systemId, request.headers.get('authorization'))) {
    return json(KNOX_INVALID_CREDENTIALS, 401);
  }
  if (simulator.faults.roll(faults.failRate)) {
    return fail(
      url.pathname,
      KNOX_ERROR.INJECTED_FAILURE,
      'injected failure (Knox simulator fault settings)',
    );
  }

  let result: SimResult<unknown>;
  if (route.name === 'detail') {
    result = await simulator.detail(route.apInfId, simulator.systemId);
  } else {
    const body = await readJson(request);
    if (!body.ok) return fail(url.pathname, KNOX_ERROR.INVALID_REQUEST, body.message);
    if (route.name === 'submit') result = await simulator.submit(body.value, simulator.systemId);
    else if (route.name === 'status') result = await simulator.status(body.value, simulator.systemId);
    else result = await simulator.cancel(route.apInfId, body.value, simulator.systemId);
  }

  // Accept-then-drop: the change is stored, the answer is lost.
  if ((route.name === 'submit' || route.name === 'cancel') && simulator.faults.roll(faults.dropRate)) {
    logger().info({ component: 'knox-simulator', endpoint: route.name }, 'dropping the response (fault)');
    return { kind: 'drop' };
  }
  return envelope(simulator, url.pathname, result);
}

type KnoxRoute =
  | { name: 'submit' }
  | { name: 'status' }
  | { name: 'detail'; apInfId: string }
  | { name: 'cancel'; apInfId: string };

function matchKnoxRoute(method: string, rest: string): KnoxRoute | 'method' | undefined {
  const expect = (route: KnoxRoute, wanted: string) => (method === wanted ? route : 'method');
  if (rest === '/submit') return expect({ name: 'submit' }, 'POST');
  if (rest === '/status') return expect({ name: 'status' }, 'POST');
  const match = /^\/([^/]+)\/(detail|cancel)$/.exec(rest);
  if (!match) return undefined;
  let apInfId: string;
  try {
    apInfId = decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
  return match[2] === 'detail'
    ? expect({ name: 'detail', apInfId }, 'GET')
    : expect({ name: 'cancel', apInfId }, 'POST');
}

const refuse = (url: string, status: number, errorCode: string, errorMessage: string) =>
  json({ result: 'fail', errorDetail: { url, errorCode, errorMessage, detailMessages: null } }, status);

/**
 * Why the control API will not serve this request, as its answer, or null. It approves documents
 * and starts outages, so a web page on another site must never reach it: such a page's browser
 * says where it comes from (Origin, Sec-Fetch-Site), and it cannot send a JSON content type or
 * the Knox headers without a CORS preflight, which nothing here answers. Past that, the caller is
 * either a signed-in portal user or a program holding the simulator's Knox credentials.
 */
async function controlAccessRefusal(request: Request, deps: KnoxSimHttpDeps): Promise<Response | null> {
  const where = new URL(request.url).pathname;
  const crossSite = crossSiteReason(request.headers, deps.ownOrigin);
  if (crossSite) {
    return refuse(where, 403, KNOX_ERROR.CROSS_SITE_REFUSED, `the control API refuses ${crossSite}`);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'DELETE') {
    if (!isJsonContentType(request.headers.get('content-type'))) {
      return refuse(
        where,
        415,
        KNOX_ERROR.UNSUPPORTED_MEDIA_TYPE,
        'the request body must be application/json',
      );
    }
  }
  const { simulator } = deps;
  if (simulator.checkCredentials(request.headers.get('system-id'), request.headers.get('authorization'))) {
    return null;
  }
  if (deps.hasPortalSession && (await deps.hasPortalSession(request))) return null;
  return refuse(
    where,
    401,
    KNOX_ERROR.UNAUTHENTICATED,
    'the control API needs a signed-in portal session or the simulator credentials (System-ID and Authorization: Bearer)',
  );
}

async function controlApi(
  request: Request,
  path: string,
  url: URL,
  simulator: KnoxSimulator,
): Promise<Response> {
  const where = url.pathname;
  switch (`${request.method} ${path}`) {
    case 'POST /sim/act': {
      const body = await readJson(request);
      if (!body.ok) return fail(where, KNOX_ERROR.INVALID_REQUEST, body.message);
      return envelope(simulator, where, await simulator.act(body.value));
    }
    case 'GET /sim/inbox':
      return envelope(simulator, where, await simulator.inbox(url.searchParams.get('epId') ?? ''));
    case 'GET /sim/people':
      return success(simulator, await simulator.listPeople());
    case 'GET /sim/faults':
      return success(simulator, simulator.faults.current());
    case 'POST /sim/faults': {
      const body = await readJson(request);
      if (!body.ok) return fail(where, KNOX_ERROR.INVALID_REQUEST, body.message);
      const updated = simulator.faults.update(body.value ?? {});
      return updated.ok
        ? success(simulator, updated.settings)
        : fail(where, KNOX_ERROR.INVALID_REQUEST, updated.message);
    }
    case 'DELETE /sim/faults':
      return success(simulator, simulator.faults.clear());
    default:
      return ['/sim/act', '/sim/inbox', '/sim/people', '/sim/faults'].includes(path)
        ? json({ error: 'method not allowed' }, 405)
        : json({ error: 'not found' }, 404);
  }
}

/**
 * The fetch-style handler for hosts that cannot cut a connection (Next route handlers): a dropped
 * response is held until the client gives up (request.signal aborts) or dropHoldMs passes, then
 * answered 504 to nobody; an outage answers 503.
 */
export async function handleKnoxSimRequest(request: Request, deps: KnoxSimHttpDeps): Promise<Response> {
  const outcome = await routeKnoxSimRequest(request, deps);
  if (outcome instanceof Response) return outcome;
  if (outcome.kind === 'outage') {
    return json({ error: 'Service Unavailable (Knox simulator outage)' }, 503);
  }
  await (deps.sleep ?? defaultSleep)(deps.dropHoldMs ?? 120_000, request.signal);
  return json({ error: 'Gateway Timeout (Knox simulator dropped this response)' }, 504);
}
