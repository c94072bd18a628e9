import { describe, expect, it } from 'vitest';
import { describeSignInFailure } from './sign-in-failure';

describe('describeSignInFailure', () => {
  it('reads each recorded failure in Korean, with no internal names', () => {
    expect(describeSignInFailure({ reason: 'wrong_password', via: 'form' })).toBe(
      '비밀번호 틀림 · 로그인 화면',
    );
    expect(
      describeSignInFailure({ reason: 'throttled', via: 'api', limitedBy: 'address', retryAfterSeconds: 30 }),
    ).toBe('시도 제한 중 (이 주소, 30초 대기) · API');
    expect(describeSignInFailure({})).toBe('잘못된 이메일 또는 비밀번호');
    expect(describeSignInFailure({ reason: 'bogus' })).toBe('잘못된 이메일 또는 비밀번호');
  });
});
