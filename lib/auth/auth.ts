import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { type Db, getDb } from '@/db';
import { accounts, sessions, users, verifications } from '@/db/schema';
import { env } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { peekProcessSingleton, processSingleton, setProcessSingleton } from '@/lib/process-singleton';
import { offeredEndpointsOnly } from './offered-endpoints';
import { signInGuard } from './sign-in-guard';
import { userFieldProblem } from './user-fields';

/** Used only when BETTER_AUTH_SECRET is unset (development, demo); README says to set it in production. */
const DEVELOPMENT_SECRET = 'approval-portal-development-secret-change-me';

export interface AuthSettings {
  baseURL: string;
  secret: string;
  /** Clock of the sign-in throttle (tests move it by hand). */
  now?: () => Date;
}

/** Refuses a user record better-auth would write with a name or image the portal does not allow. */
function checkUserFields(fields: { name?: unknown; image?: unknown }): void {
  const problem = userFieldProblem(fields);
  if (problem) throw new APIError('BAD_REQUEST', { code: 'INVALID_USER_FIELD', message: problem });
}

/** The better-auth instance on a given database (the app's, or a test's). */
export function buildAuth(db: Db, settings: AuthSettings) {
  return betterAuth({
    appName: '협력업체 포털',
    baseURL: settings.baseURL,
    secret: settings.secret,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    // Accounts are provisioned by admins and the seed; nobody signs themselves up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'employee', input: false },
        epId: { type: 'string', required: false, input: false },
        department: { type: 'string', required: false, input: false },
        title: { type: 'string', required: false, input: false },
      },
    },
    databaseHooks: {
      user: {
        create: { before: async (user) => checkUserFields(user) },
        update: { before: async (user) => checkUserFields(user) },
      },
    },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    advanced: {
      // Our server sets this header from the socket (and TRUSTED_PROXIES), dropping any value a
      // client sent; X-Forwarded-For, which anyone can write, is never read.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    rateLimit: {
      // Coarse flood control for the other endpoints, per process. Sign-in has its own throttle
      // (sign-in-guard.ts), kept in the database and counting failures rather than requests, so
      // an office behind one address can still sign in at nine o'clock.
      enabled: true,
      storage: 'memory',
      customRules: { '/sign-in/email': false },
    },
    telemetry: { enabled: false },
    // nextCookies must stay last: it sets the cookies the other hooks produced.
    plugins: [offeredEndpointsOnly(), signInGuard({ db, now: settings.now }), nextCookies()],
  });
}

async function createAuth() {
  const config = env();
  return buildAuth(await getDb(), {
    baseURL: config.APP_URL,
    secret: config.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
  });
}

export type Auth = ReturnType<typeof buildAuth>;

// Created on first use, not at import: `next build` must never open the database, and every
// bundled route module must share one instance.
export function getAuth(): Promise<Auth> {
  return processSingleton('auth', () => {
    const creating = createAuth();
    // A failed start must not be cached: the next caller tries again.
    creating.catch(() => {
      if (peekProcessSingleton('auth') === creating) setProcessSingleton('auth', undefined);
    });
    return creating;
  });
}
