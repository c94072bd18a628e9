/** What a failed sign-in's audit event records, and how an admin reads it. */
export const SIGN_IN_FAILED_EVENT = 'sign_in_failed';

export type SignInFailureReason = 'wrong_password' | 'unknown_account' | 'throttled' | 'refused';

export const SIGN_IN_FAILURE_LABELS: Record<SignInFailureReason, string> = {
  wrong_password: '비밀번호 틀림',
  unknown_account: '없는 계정',
  throttled: '시도 제한 중',
  refused: '요청 거부',
};

/** Which counter held a throttled attempt back. */
const LIMIT_LABELS: Record<string, string> = { account: '이 계정·주소', address: '이 주소' };

const isReason = (value: unknown): value is SignInFailureReason =>
  typeof value === 'string' && value in SIGN_IN_FAILURE_LABELS;

/** One line in Korean for a `sign_in_failed` event's detail, e.g. `시도 제한 중 (이 주소, 30초 대기) · API`. */
export function describeSignInFailure(detail: Record<string, unknown>): string {
  const reason = isReason(detail.reason)
    ? SIGN_IN_FAILURE_LABELS[detail.reason]
    : '잘못된 이메일 또는 비밀번호';
  const limit = typeof detail.limitedBy === 'string' ? LIMIT_LABELS[detail.limitedBy] : undefined;
  const wait =
    typeof detail.retryAfterSeconds === 'number' ? `${detail.retryAfterSeconds}초 대기` : undefined;
  const held = [limit, wait].filter(Boolean).join(', ');
  const via = detail.via === 'api' ? 'API' : detail.via === 'form' ? '로그인 화면' : undefined;
  return [held ? `${reason} (${held})` : reason, via].filter(Boolean).join(' · ');
}
