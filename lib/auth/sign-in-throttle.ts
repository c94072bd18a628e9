/**
 * Slows password guessing through the sign-in form: after `maxFailures` failed attempts for one
 * email within `windowMs`, further attempts are refused until the window has passed. In memory,
 * per server process (better-auth's own limiter guards its HTTP endpoint the same way).
 */
export interface SignInThrottle {
  /** Milliseconds until this email may try again; 0 when it may try now. */
  retryAfterMs(email: string): number;
  recordFailure(email: string): void;
  recordSuccess(email: string): void;
}

export function createSignInThrottle(options: {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}): SignInThrottle {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const key = (email: string) => email.trim().toLowerCase();
  const recent = (email: string) => {
    const since = now() - options.windowMs;
    const kept = (failures.get(key(email)) ?? []).filter((at) => at > since);
    if (kept.length) failures.set(key(email), kept);
    else failures.delete(key(email));
    return kept;
  };
  return {
    retryAfterMs(email) {
      const kept = recent(email);
      if (kept.length < options.maxFailures) return 0;
      return kept[kept.length - options.maxFailures]! + options.windowMs - now();
    },
    recordFailure(email) {
      failures.set(key(email), [...recent(email), now()]);
    },
    recordSuccess(email) {
      failures.delete(key(email));
    },
  };
}

const throttleKey = Symbol.for('approval-portal.sign-in-throttle');
type GlobalWithThrottle = typeof globalThis & { [throttleKey]?: SignInThrottle };

/** The process-wide throttle used by the sign-in form: 5 failures per 10 minutes per email. */
export function signInThrottle(): SignInThrottle {
  const holder = globalThis as GlobalWithThrottle;
  holder[throttleKey] ??= createSignInThrottle({ maxFailures: 5, windowMs: 10 * 60_000 });
  return holder[throttleKey];
}
