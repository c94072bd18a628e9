import { describe, expect, it } from 'vitest';
import { createSignInThrottle } from './sign-in-throttle';

function setUp() {
  let clock = 1_000_000;
  const throttle = createSignInThrottle({ maxFailures: 3, windowMs: 60_000, now: () => clock });
  return { throttle, advance: (ms: number) => (clock += ms) };
}

describe('sign-in throttle', () => {
  it('lets an email try until it has failed maxFailures times in the window', () => {
    const { throttle, advance } = setUp();
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(throttle.retryAfterMs('kim@example.com')).toBe(0);
      throttle.recordFailure('kim@example.com');
      advance(1_000);
    }
    expect(throttle.retryAfterMs('kim@example.com')).toBe(57_000);
    expect(throttle.retryAfterMs('lee@example.com')).toBe(0);
  });

  it('opens again once the oldest failure leaves the window', () => {
    const { throttle, advance } = setUp();
    for (let attempt = 0; attempt < 3; attempt++) throttle.recordFailure('KIM@example.com ');
    advance(59_999);
    expect(throttle.retryAfterMs('kim@example.com')).toBe(1);
    advance(1);
    expect(throttle.retryAfterMs('kim@example.com')).toBe(0);
  });

  it('forgets the failures after a successful sign-in', () => {
    const { throttle } = setUp();
    for (let attempt = 0; attempt < 3; attempt++) throttle.recordFailure('kim@example.com');
    throttle.recordSuccess('kim@example.com');
    expect(throttle.retryAfterMs('kim@example.com')).toBe(0);
  });
});
