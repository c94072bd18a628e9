import { isIP } from 'node:net';
import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';

/** Credentials the bundled Knox simulator accepts; used only while KNOX_BASE_URL is unset. */
export const SIMULATOR_SYSTEM_ID = 'KNOX-SIM';
export const SIMULATOR_TOKEN = 'knox-sim-token';

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .positive({ message: 'must be greater than 0' })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback);

const postgresUrl = z
  .string()
  .url({ message: 'must be a postgres:// URL' })
  .refine((value) => /^postgres(ql)?:\/\//.test(value), {
    message: 'must start with postgres:// or postgresql://',
  });

/** Comma-separated IP addresses; each one checked, so a typo cannot silently trust nobody (or everybody). */
const ipList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const bad = entries.find((entry) => isIP(entry) === 0);
    if (bad === undefined) return entries;
    ctx.addIssue({ code: 'custom', message: `must be comma-separated IP addresses; "${bad}" is not one` });
    return z.NEVER;
  });

const hostName = z
  .string()
  .refine((value) => isIP(value) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(value), {
    message: 'must be an IP address or a host name',
  });

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: positiveInt(3000, 65535),
    /** Public URL of this app; sessions and the default Knox simulator URL derive from it. */
    APP_URL: z.string().url({ message: 'must be an http(s) URL' }).optional(),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOL_SIZE: positiveInt(10, 500),
    PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
    KNOX_BASE_URL: z.string().url({ message: 'must be an http(s) URL' }).optional(),
    KNOX_SYSTEM_ID: z.string().min(1).optional(),
    KNOX_TOKEN: z.string().min(1).optional(),
    KNOX_TIMEOUT_MS: positiveInt(30_000, 600_000),
    APPROVAL_WORKFLOW_ENABLED: booleanFlag(true),
    APPROVAL_POLL_CRON: z
      .string()
      .default('* * * * *')
      .refine((value) => isValidCron(value), { message: 'must be a valid cron expression' }),
    APPROVAL_TIMEOUT: positiveInt(300, 86_400),
    APPROVAL_MAX_AGE_DAYS: positiveInt(30, 3650),
    /** Seconds between Knox status checks for documents someone is waiting on (MCP calls). */
    APPROVAL_LIVE_POLL_SECONDS: positiveInt(3, 300),
    /**
     * Bounds on an execution transaction's waits: a handler blocked on a row another session holds
     * gives up after the lock time-out and is tried again by the poller's next cycle.
     */
    APPROVAL_EXECUTION_LOCK_TIMEOUT_MS: positiveInt(5_000, 600_000),
    APPROVAL_EXECUTION_STATEMENT_TIMEOUT_MS: positiveInt(30_000, 3_600_000),
    SEED_DEMO: booleanFlag(true),
    BETTER_AUTH_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Proxies whose X-Forwarded-For is believed; unset → the socket's peer is the client. */
    TRUSTED_PROXIES: ipList,
    /** Address to listen on; unset → loopback with the simulator, all interfaces with real Knox. */
    HOST: hostName.optional(),
    /** Says on purpose that a real deployment (no demo data, or its own secret) runs on the simulator. */
    KNOX_SIMULATOR: booleanFlag(false),
    /** When set, GET /api/metrics needs `Authorization: Bearer <it>`; unset, only loopback callers get it. */
    METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.KNOX_BASE_URL) {
      for (const key of ['KNOX_SYSTEM_ID', 'KNOX_TOKEN'] as const) {
        if (!env[key])
          ctx.addIssue({ code: 'custom', path: [key], message: 'is required when KNOX_BASE_URL is set' });
      }
    }
    if (env.NODE_ENV === 'production' && env.KNOX_BASE_URL && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is required in production against real Knox',
      });
    }
  });

type RawEnv = z.infer<typeof envSchema>;

export interface Env extends Omit<RawEnv, 'KNOX_BASE_URL' | 'KNOX_SYSTEM_ID' | 'KNOX_TOKEN' | 'APP_URL'> {
  APP_URL: string;
  KNOX_BASE_URL: string;
  KNOX_SYSTEM_ID: string;
  KNOX_TOKEN: string;
  /** True while the bundled Knox simulator stands in for Knox. */
  knoxSimulated: boolean;
  databaseKind: 'pglite' | 'postgres';
  /** Where the server listens; undefined means every interface. */
  listenHost: string | undefined;
}

export class EnvError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'EnvError';
  }
}

/** Parses and completes a set of variables; throws EnvError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value means "not set": .env files often carry `KEY=` lines.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const got = cleaned[variable];
    throw new EnvError(variable, `${issue.message}${got === undefined ? '' : ` (got "${got}")`}`);
  }
  const env = result.data;
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  const knoxSimulated = !env.KNOX_BASE_URL;
  return {
    ...env,
    APP_URL: appUrl,
    KNOX_BASE_URL: (env.KNOX_BASE_URL ?? `${appUrl}/knox-sim`).replace(/\/$/, ''),
    KNOX_SYSTEM_ID: env.KNOX_SYSTEM_ID ?? SIMULATOR_SYSTEM_ID,
    KNOX_TOKEN: env.KNOX_TOKEN ?? SIMULATOR_TOKEN,
    knoxSimulated,
    databaseKind: env.DATABASE_URL ? 'postgres' : 'pglite',
    // The simulator accepts well-known credentials and has a control API: keep it off the network
    // unless someone asks for it with HOST.
    listenHost: env.HOST ?? (knoxSimulated ? '127.0.0.1' : undefined),
  };
}

/**
 * Why this configuration must not serve, in one line, or undefined. Turning demo data off or
 * setting a session secret marks a real deployment; one that forgot KNOX_BASE_URL would otherwise
 * run, unnoticed, on the simulator with its public credentials.
 */
export function simulatorRefusal(env: Env): string | undefined {
  if (!env.knoxSimulated || env.KNOX_SIMULATOR) return undefined;
  const marks = [
    !env.SEED_DEMO && 'SEED_DEMO=false',
    env.BETTER_AUTH_SECRET && 'BETTER_AUTH_SECRET is set',
  ].filter(Boolean);
  if (marks.length === 0) return undefined;
  return (
    `Invalid configuration: KNOX_BASE_URL is not set, so Knox would be the bundled simulator, but this is a real ` +
    `deployment (${marks.join(', ')}); set KNOX_BASE_URL, KNOX_SYSTEM_ID and KNOX_TOKEN, or KNOX_SIMULATOR=true to run on the simulator on purpose`
  );
}

let cached: Env | undefined;

/** The validated environment of this process, parsed once on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
