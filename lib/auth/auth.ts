import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { getDb } from '@/db';
import { accounts, sessions, users, verifications } from '@/db/schema';
import { env } from '@/lib/env';

/** Used only when BETTER_AUTH_SECRET is unset (development, demo); README says to set it in production. */
const DEVELOPMENT_SECRET = 'approval-portal-development-secret-change-me';

async function createAuth() {
  const config = env();
  const db = await getDb();
  return betterAuth({
    appName: '협력업체 포털',
    baseURL: config.APP_URL,
    secret: config.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
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
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

// Created on first use, not at import: `next build` must never open the database, and every
// bundled route module must share one instance.
const authKey = Symbol.for('approval-portal.auth');
type GlobalWithAuth = typeof globalThis & { [authKey]?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  const holder = globalThis as GlobalWithAuth;
  if (!holder[authKey]) {
    const creating = createAuth();
    creating.catch(() => {
      if (holder[authKey] === creating) delete holder[authKey];
    });
    holder[authKey] = creating;
  }
  return holder[authKey];
}
