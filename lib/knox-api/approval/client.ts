/**
 * HTTP client of Knox's approval API (knox-api.md). Every answer is parsed with the zod schemas in
 * schemas.ts, and every failure becomes one of the typed errors in errors.ts so that callers can
 * tell a definite refusal (safe to compensate) from an unknown outcome (ask Knox before acting).
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { z } from 'zod';
import { logger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import { KNOX_ERROR, KNOX_STATUS_BATCH_SIZE, type KnoxStatus } from './codes';
import {
  KnoxAuthError,
  type KnoxEndpoint,
  KnoxInvalidRequestError,
  KnoxNotFoundError,
  KnoxRefusedError,
  KnoxUnknownOutcomeError,
} from './errors';
import { toSubmitBody } from './mapping';
import {
  type ApprovalDetail,
  apInfIdSchema,
  cancelResponseSchema,
  detailResponseSchema,
  type FailResponse,
  failResponseSchema,
  parseStatusEntry,
  type StatusEntry,
  statusListResponseSchema,
  submitResponseSchema,
} from './schemas';
import type {
  ApprovalStatusResult,
  KnoxApprovalClient,
  KnoxClientConfig,
  SubmitApprovalInput,
} from './types';

/** Knox's approval endpoints, relative to the base URL. */
export const KNOX_APPROVAL_PATHS = {
  submit: '/approval/api/v2.0/approvals/submit',
  status: '/approval/api/v2.0/approvals/status',
  detail: (apInfId: string) => `/approval/api/v2.0/approvals/${encodeURIComponent(apInfId)}/detail`,
  cancel: (apInfId: string) => `/approval/api/v2.0/approvals/${encodeURIComponent(apInfId)}/cancel`,
} as const;

export const DEFAULT_READ_ATTEMPTS = 3;
export const DEFAULT_RETRY_BASE_DELAY_MS = 250;
export const DEFAULT_STATUS_CONCURRENCY = 3;

/** Outcome label of knox_request_duration_seconds. */
export type KnoxCallOutcome = 'success' | 'fail' | 'http_error' | 'unknown';

/**
 * Delay before read retry number `attempt` (1 = the first retry): exponential, with "equal jitter"
 * (half fixed, half random) so that many pollers retrying together spread out.
 */
export function backoffDelayMs(
  attempt: number,
  baseDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = baseDelayMs * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The `data` of a success envelope schema. */
type DataOf<S extends z.ZodType> = z.output<S> extends { data: infer D } ? D : never;

interface CallSpec<S extends z.ZodType> {
  endpoint: KnoxEndpoint;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  schema: S;
  /** The document concerned, for logs. */
  apInfId?: string;
  /** How many documents a status call asks about, for logs. */
  idCount?: number;
  /** Further checks on the parsed data; throw to reject the answer. */
  check?: (data: DataOf<S>) => void;
}

function outcomeOf(error: unknown): KnoxCallOutcome {
  if (error instanceof KnoxRefusedError) return error.httpStatus === 200 ? 'fail' : 'http_error';
  return 'unknown';
}

function failMessage(detail: NonNullable<FailResponse['errorDetail']> | null | undefined): string {
  if (detail?.errorMessage) return detail.errorMessage;
  const messages = detail?.detailMessages;
  if (typeof messages === 'string' && messages) return messages;
  if (Array.isArray(messages) && messages.length > 0) return messages.map(String).join('; ');
  if (messages && typeof messages === 'object') return JSON.stringify(messages);
  return 'Knox refused the request';
}

function refusal(
  endpoint: KnoxEndpoint,
  httpStatus: number,
  code: string,
  message: string,
): KnoxRefusedError | KnoxNotFoundError {
  const text = `Knox refused ${endpoint} (${code}): ${message}`;
  const options = { knoxMessage: message };
  return code === KNOX_ERROR.NOT_FOUND
    ? new KnoxNotFoundError(text, endpoint, code, httpStatus, options)
    : new KnoxRefusedError(text, endpoint, code, httpStatus, options);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function validateConfig(config: KnoxClientConfig): void {
  let url: URL | undefined;
  try {
    url = new URL(config.baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol))
    throw new TypeError('Knox client: baseUrl must be an http(s) URL');
  if (!config.systemId) throw new TypeError('Knox client: systemId is required');
  if (!config.token) throw new TypeError('Knox client: token is required');
  if (!(Number.isFinite(config.timeoutMs) && config.timeoutMs > 0))
    throw new TypeError('Knox client: timeoutMs must be a positive number');
  for (const key of ['readAttempts', 'statusConcurrency'] as const) {
    const value = config[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1))
      throw new TypeError(`Knox client: ${key} must be a whole number of at least 1`);
  }
  if (config.retryBaseDelayMs !== undefined && !(config.retryBaseDelayMs >= 0))
    throw new TypeError('Knox client: retryBaseDelayMs must not be negative');
}

function checkApInfId(apInfId: unknown, endpoint: KnoxEndpoint): string {
  const parsed = apInfIdSchema.safeParse(apInfId);
  if (!parsed.success) {
    throw new KnoxInvalidRequestError(
      `Invalid apInfId ${JSON.stringify(apInfId)}: ${parsed.error.issues[0]?.message}`,
      endpoint,
    );
  }
  return parsed.data;
}

/** What one status call answered, entry by entry. */
interface ChunkAnswer {
  entries: Array<StatusEntry & { status: KnoxStatus }>;
  /** Asked ids whose entry was refused, with why. */
  unreadable: Map<string, string>;
  /** Set when an entry without a readable apInfId was refused (why). */
  anonymous: string | null;
}

/** What a whole getApprovalStatuses call collected over its chunks. */
interface Found {
  entries: Map<string, StatusEntry & { status: KnoxStatus }>;
  unreadable: Map<string, string>;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

export function createKnoxApprovalClient(config: KnoxClientConfig): KnoxApprovalClient {
  validateConfig(config);
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const fetchImpl = config.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const readAttempts = config.readAttempts ?? DEFAULT_READ_ATTEMPTS;
  const retryBaseDelayMs = config.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
  const sleep = config.sleep ?? defaultSleep;
  const random = config.random ?? Math.random;
  // One limiter per client, wrapped around single HTTP calls only: the APE020 splitting recurses
  // outside it, so nested work can never wait on a slot its parent holds.
  const statusLimit: LimitFunction = pLimit(config.statusConcurrency ?? DEFAULT_STATUS_CONCURRENCY);
  const log = logger().child({ component: 'knox-client' });
  // Credentials live only in this object; nothing below logs headers.
  const headers = {
    'System-ID': config.systemId,
    Authorization: `Bearer ${config.token}`,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };

  /** One HTTP exchange: send, read, classify, parse. Throws a KnoxError for every failure. */
  async function exchange<S extends z.ZodType>(spec: CallSpec<S>): Promise<DataOf<S>> {
    const { endpoint } = spec;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(`${baseUrl}${spec.path}`, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(config.timeoutMs),
        // Knox's API never redirects; a gateway that does (to a login page) must not be followed
        // with a POST turned into a GET. The 3xx is reported below as an unreadable answer.
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      if (isTimeout(error)) {
        throw new KnoxUnknownOutcomeError(
          `Knox ${endpoint} did not answer within ${config.timeoutMs} ms`,
          endpoint,
          'timeout',
          { cause: error },
        );
      }
      // Refused connections land here too: for submit and cancel we cannot always tell "never
      // sent" from "sent, then dropped", so every transport failure counts as an unknown outcome.
      const detail = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new KnoxUnknownOutcomeError(
        `Knox ${endpoint} failed in transit: ${detail?.code ?? detail?.message ?? (error as Error).message}`,
        endpoint,
        'network',
        { cause: error },
      );
    }

    const json = parseJson(text);
    const status = response.status;
    if (status === 401) {
      const body = json.ok ? (json.value as { code?: unknown; message?: unknown } | null) : null;
      const code = body?.code != null ? String(body.code) : '401';
      const message = typeof body?.message === 'string' ? body.message : 'Invalid Credentials';
      throw new KnoxAuthError(`Knox rejected the credentials (${code}): ${message}`, endpoint, code, 401);
    }
    if (status >= 500) {
      throw new KnoxUnknownOutcomeError(`Knox ${endpoint} answered HTTP ${status}`, endpoint, 'http_5xx');
    }
    if (status >= 400) {
      const fail = json.ok ? failResponseSchema.safeParse(json.value) : undefined;
      if (fail?.success) {
        const code = fail.data.errorDetail?.errorCode ?? String(status);
        throw refusal(endpoint, status, code, failMessage(fail.data.errorDetail));
      }
      throw new KnoxRefusedError(
        `Knox refused ${endpoint}: HTTP ${status}`,
        endpoint,
        String(status),
        status,
      );
    }
    if (status < 200 || status >= 300 || !json.ok) {
      throw new KnoxUnknownOutcomeError(
        `Knox ${endpoint} answered HTTP ${status} with ${json.ok ? 'an unexpected status' : 'a body that is not JSON'}`,
        endpoint,
        'invalid_response',
      );
    }
    const fail = failResponseSchema.safeParse(json.value);
    if (fail.success) {
      const code = fail.data.errorDetail?.errorCode ?? 'UNKNOWN';
      throw refusal(endpoint, status, code, failMessage(fail.data.errorDetail));
    }
    const parsed = spec.schema.safeParse(json.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new KnoxUnknownOutcomeError(
        `Knox ${endpoint} answered in an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message})`,
        endpoint,
        'invalid_response',
        { cause: parsed.error },
      );
    }
    const data = (parsed.data as { data: DataOf<S> }).data;
    spec.check?.(data);
    return data;
  }

  /** exchange() timed into knox_request_duration_seconds and logged. */
  async function call<S extends z.ZodType>(spec: CallSpec<S>): Promise<DataOf<S>> {
    const started = performance.now();
    let outcome: KnoxCallOutcome = 'unknown';
    const context = { endpoint: spec.endpoint, apInfId: spec.apInfId, ids: spec.idCount };
    try {
      const data = await exchange(spec);
      outcome = 'success';
      log.debug(context, 'Knox call succeeded');
      return data;
    } catch (error) {
      outcome = outcomeOf(error);
      // A status call answered APE020 is routine (documents Knox has deleted), not a warning.
      const routine = error instanceof KnoxNotFoundError && spec.endpoint === 'status';
      log[routine ? 'debug' : 'warn'](
        {
          ...context,
          error: error instanceof Error ? error.name : 'Error',
          code: error instanceof KnoxRefusedError ? error.code : undefined,
          reason: error instanceof KnoxUnknownOutcomeError ? error.reason : undefined,
          message: error instanceof Error ? error.message : String(error),
        },
        'Knox call failed',
      );
      throw error;
    } finally {
      metrics()
        .knoxRequestSeconds.labels({ endpoint: spec.endpoint, outcome })
        .observe((performance.now() - started) / 1000);
    }
  }

  /** Reads change nothing in Knox, so an unknown outcome is simply asked again, with backoff. */
  async function read<S extends z.ZodType>(spec: CallSpec<S>): Promise<DataOf<S>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(spec);
      } catch (error) {
        if (!(error instanceof KnoxUnknownOutcomeError) || attempt >= readAttempts) throw error;
        const delay = backoffDelayMs(attempt, retryBaseDelayMs, random);
        log.debug({ endpoint: spec.endpoint, apInfId: spec.apInfId, attempt, delay }, 'Retrying Knox read');
        await sleep(delay);
      }
    }
  }

  function unexpectedEcho(endpoint: KnoxEndpoint, ours: string, theirs: string): never {
    throw new KnoxUnknownOutcomeError(
      `Knox ${endpoint} answered for apInfId "${theirs}" instead of "${ours}"`,
      endpoint,
      'invalid_response',
    );
  }

  /** One status call: the readable entries, and the asked ids whose entry was refused (with why). */
  async function statusChunk(ids: readonly string[]): Promise<ChunkAnswer> {
    const raw = await statusLimit(() =>
      read({
        endpoint: 'status',
        method: 'POST',
        path: KNOX_APPROVAL_PATHS.status,
        body: ids.map((apinfid) => ({ apinfid })),
        schema: statusListResponseSchema,
        apInfId: ids.length === 1 ? ids[0] : undefined,
        idCount: ids.length,
      }),
    );
    // Each entry on its own: one odd status must not hold up the others of the batch (nor every
    // agent waiting in this process, whose documents share one live-poll call).
    const answer: ChunkAnswer = { entries: [], unreadable: new Map(), anonymous: null };
    for (const item of raw) {
      const parsed = parseStatusEntry(item);
      if (parsed.ok) {
        answer.entries.push(parsed.entry);
        continue;
      }
      metrics().knoxUnreadableStatusEntries.inc();
      log.warn(
        { endpoint: 'status', apInfId: parsed.apInfId, reason: parsed.reason },
        'Knox status entry refused; the document is asked again next time',
      );
      if (parsed.apInfId === null) answer.anonymous = parsed.reason;
      else answer.unreadable.set(parsed.apInfId, parsed.reason);
    }
    return answer;
  }

  // Set once Knox has answered a status call successfully while leaving out some of the asked ids.
  // A Knox that does that answers APE020 only when it knows none of them, so from then on a
  // whole-chunk APE020 needs no splitting.
  let omitsUnknownIds = false;

  /**
   * Fills `found` for one group of ids. Until Knox has shown that it leaves unknown ids out, an
   * APE020 for a whole call may mean that just one of its ids is unknown (e.g. deleted after 30
   * days): halving finds the ids that do exist instead of declaring the whole group missing.
   */
  async function resolveStatuses(ids: readonly string[], found: Found): Promise<void> {
    try {
      const asked = new Set(ids);
      const answered = new Set<string>();
      const answer = await statusChunk(ids);
      for (const entry of answer.entries) {
        if (!asked.has(entry.apInfId)) continue;
        answered.add(entry.apInfId);
        if (!found.entries.has(entry.apInfId)) found.entries.set(entry.apInfId, entry);
      }
      for (const [apInfId, reason] of answer.unreadable) {
        if (!asked.has(apInfId) || answered.has(apInfId)) continue;
        answered.add(apInfId);
        found.unreadable.set(apInfId, reason);
      }
      if (answer.anonymous !== null) {
        // An entry we cannot attribute may be any unanswered id's: none of them counts as missing.
        for (const apInfId of ids) {
          if (!answered.has(apInfId))
            found.unreadable.set(apInfId, `entry without apInfId: ${answer.anonymous}`);
        }
        return;
      }
      if (answered.size < asked.size) omitsUnknownIds = true;
    } catch (error) {
      if (!(error instanceof KnoxNotFoundError)) throw error;
      if (ids.length === 1 || omitsUnknownIds) return;
      const middle = Math.ceil(ids.length / 2);
      await Promise.all([
        resolveStatuses(ids.slice(0, middle), found),
        resolveStatuses(ids.slice(middle), found),
      ]);
    }
  }

  return {
    async submitApproval(input: SubmitApprovalInput) {
      const body = toSubmitBody(input);
      const data = await call({
        endpoint: 'submit',
        method: 'POST',
        path: KNOX_APPROVAL_PATHS.submit,
        body,
        schema: submitResponseSchema,
        apInfId: body.apInfId,
        check: (answer) => {
          if (answer.apInfId !== body.apInfId) unexpectedEcho('submit', body.apInfId, answer.apInfId);
        },
      });
      return { apInfId: data.apInfId };
    },

    async getApprovalStatuses(apInfIds: readonly string[]): Promise<ApprovalStatusResult[]> {
      if (!Array.isArray(apInfIds)) throw new KnoxInvalidRequestError('apInfIds must be an array', 'status');
      const ids = apInfIds.map((id) => checkApInfId(id, 'status'));
      const unique = [...new Set(ids)];
      if (unique.length === 0) return [];
      const found: Found = { entries: new Map(), unreadable: new Map() };
      await Promise.all(chunks(unique, KNOX_STATUS_BATCH_SIZE).map((chunk) => resolveStatuses(chunk, found)));
      return ids.map((apInfId): ApprovalStatusResult => {
        const entry = found.entries.get(apInfId);
        if (entry) return { apInfId, found: true, status: entry.status, docChgNum: entry.docChgNum };
        const reason = found.unreadable.get(apInfId);
        return reason === undefined ? { apInfId, found: false } : { apInfId, found: 'unreadable', reason };
      });
    },

    async getApprovalDetail(apInfId: string): Promise<ApprovalDetail> {
      const id = checkApInfId(apInfId, 'detail');
      return read({
        endpoint: 'detail',
        method: 'GET',
        path: KNOX_APPROVAL_PATHS.detail(id),
        schema: detailResponseSchema,
        apInfId: id,
        check: (detail) => {
          if (detail.apInfId !== id) unexpectedEcho('detail', id, detail.apInfId);
        },
      });
    },

    async cancelApproval(apInfId: string, opinion: string): Promise<void> {
      const id = checkApInfId(apInfId, 'cancel');
      if (typeof opinion !== 'string')
        throw new KnoxInvalidRequestError('opinion must be a string', 'cancel');
      await call({
        endpoint: 'cancel',
        method: 'POST',
        path: KNOX_APPROVAL_PATHS.cancel(id),
        body: { apInfId: id, opinion },
        schema: cancelResponseSchema,
        apInfId: id,
        check: (answer) => {
          if (answer.apInfId !== id) unexpectedEcho('cancel', id, answer.apInfId);
        },
      });
    },
  };
}
