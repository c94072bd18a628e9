import { describe, expect, it } from 'vitest';
import {
  accountDelayMs,
  countAttempt,
  decideAttempt,
  SIGN_IN_THROTTLE_POLICY as policy,
  releaseAttempt,
  type ThrottleCounter,
  throttleKeysOf,
} from './sign-in-throttle';

/** A clock the test moves by hand. */
function clock(start = Date.UTC(2026, 0, 5, 9)) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** Counts `times` failed attempts on both counters, as the store does. */
function fail(
  counters: { account: ThrottleCounter | null; address: ThrottleCounter | null },
  now: Date,
  times = 1,
) {
  let { account, address } = counters;
  for (let i = 0; i < times; i++) {
    account = countAttempt('account', account, now, policy);
    address = countAttempt('address', address, now, policy);
  }
  return { account, address };
}

describe('accountDelayMs', () => {
  it('is free for the first failures, then doubles up to the maximum', () => {
    const delays = Array.from({ length: 12 }, (_, i) => accountDelayMs(i + 1, policy));
    expect(delays).toEqual([
      0, 0, 0, 0, 30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000,
    ]);
  });
});

describe('decideAttempt', () => {
  it('lets the free failures through and refuses the next attempt for the delay', () => {
    const time = clock();
    let counters = { account: null, address: null } as Parameters<typeof fail>[0];
    for (let i = 0; i < policy.freeFailures; i++) {
      expect(decideAttempt(counters, time.now(), policy)).toEqual({ allowed: true });
      counters = fail(counters, time.now());
      time.advance(1_000);
    }
    expect(decideAttempt(counters, time.now(), policy)).toEqual({ allowed: true });
    counters = fail(counters, time.now());
    expect(decideAttempt(counters, time.now(), policy)).toEqual({
      allowed: false,
      retryAfterMs: 30_000,
      scope: 'account',
    });
    time.advance(29_999);
    expect(decideAttempt(counters, time.now(), policy)).toMatchObject({ allowed: false, retryAfterMs: 1 });
    time.advance(1);
    expect(decideAttempt(counters, time.now(), policy)).toEqual({ allowed: true });
    counters = fail(counters, time.now());
    expect(decideAttempt(counters, time.now(), policy)).toMatchObject({ retryAfterMs: 60_000 });
  });

  it('forgets an account counter after a day without failures', () => {
    const time = clock();
    const counters = fail({ account: null, address: null }, time.now(), 8);
    time.advance(policy.accountMemoryMs);
    expect(decideAttempt(counters, time.now(), policy)).toEqual({ allowed: true });
    expect(countAttempt('account', counters.account, time.now(), policy).failures).toBe(1);
  });

  it('caps one address across emails for the rest of its window', () => {
    const time = clock();
    let address: ThrottleCounter | null = null;
    for (let i = 0; i < policy.addressCap; i++) {
      // A different email each time: no account counter ever locks.
      expect(decideAttempt({ account: null, address }, time.now(), policy)).toEqual({ allowed: true });
      address = countAttempt('address', address, time.now(), policy);
      time.advance(10_000);
    }
    const elapsed = policy.addressCap * 10_000;
    expect(decideAttempt({ account: null, address }, time.now(), policy)).toEqual({
      allowed: false,
      retryAfterMs: policy.addressWindowMs - elapsed,
      scope: 'address',
    });
    time.advance(policy.addressWindowMs - elapsed);
    expect(decideAttempt({ account: null, address }, time.now(), policy)).toEqual({ allowed: true });
  });

  it('keys the account counter by email and address, so an attacker elsewhere cannot lock the owner out', () => {
    const [attackerAccount] = throttleKeysOf({ email: 'kim@example.com', clientAddress: '203.0.113.9' });
    const [ownerAccount, ownerAddress] = throttleKeysOf({
      email: 'kim@example.com',
      clientAddress: '10.1.2.3',
    });
    expect(attackerAccount.key).not.toBe(ownerAccount.key);
    expect(ownerAddress).toEqual({ scope: 'address', key: '10.1.2.3' });
    // The owner's counters are untouched by the attacker's failures: both start empty.
    const time = clock();
    const attacker = fail({ account: null, address: null }, time.now(), 20);
    expect(decideAttempt(attacker, time.now(), policy)).toMatchObject({ allowed: false });
    expect(decideAttempt({ account: null, address: null }, time.now(), policy)).toEqual({ allowed: true });
  });
});

describe('releaseAttempt', () => {
  it('forgets the account counter but gives the address back only the one attempt', () => {
    const time = clock();
    const counters = fail({ account: null, address: null }, time.now(), policy.addressCap);
    expect(releaseAttempt('account', counters.account, time.now(), policy)).toBeNull();
    const address = releaseAttempt('address', counters.address, time.now(), policy);
    expect(address).toMatchObject({ failures: policy.addressCap - 1, lockedUntil: null });
    // A correct password does not reset the spray counter: the next failure locks again.
    expect(countAttempt('address', address, time.now(), policy).lockedUntil).not.toBeNull();
  });

  it('clears an address counter that held only this attempt', () => {
    const time = clock();
    const { address } = fail({ account: null, address: null }, time.now());
    expect(releaseAttempt('address', address, time.now(), policy)).toBeNull();
  });
});
