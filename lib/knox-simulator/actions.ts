'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { type ActionResult, actionFail, actionOk } from '@/lib/actions/result';
import { getSessionUser } from '@/lib/auth/session';
import { KNOX_ERROR } from '@/lib/knox-api/approval/codes';
import { knoxStatusLabel } from '@/lib/knox-api/approval/status-labels';
import { appKnoxSimulator, simulatorEnabled } from './app';
import { simActionSchema } from './simulator';

const ACTING_AS_COOKIE = 'knox-sim-as';
const SIGN_IN_NEEDED = '로그인이 필요합니다. 다시 로그인해 주세요.';

const REFUSAL_MESSAGES: Record<string, string> = {
  [KNOX_ERROR.NOT_FOUND]: '문서를 찾을 수 없습니다.',
  [KNOX_ERROR.ACTION_NOT_ALLOWED]: '지금은 이 문서를 처리할 수 없습니다. 화면을 새로 고쳐 주세요.',
  [KNOX_ERROR.CANCEL_NOT_ALLOWED]: '이미 결재가 끝난 문서는 상신취소할 수 없습니다.',
  [KNOX_ERROR.INVALID_REQUEST]: '입력한 내용을 확인해 주세요.',
};

/**
 * 승인 / 반려 / 전결 / 보류 / 상신취소 from the inbox: the same core call as POST /knox-sim/sim/act,
 * so the inbox can do nothing the API cannot.
 */
export async function actOnKnoxSimDocument(input: {
  apInfId: string;
  epId: string;
  action: string;
  opinion?: string;
}): Promise<ActionResult<{ status: number; statusLabel: string }>> {
  if (!simulatorEnabled())
    return actionFail('SIMULATOR_OFF', '실제 Knox가 설정되어 있어 시뮬레이터를 쓸 수 없습니다.');
  if (!(await getSessionUser())) return actionFail('UNAUTHENTICATED', SIGN_IN_NEEDED);
  const parsed = simActionSchema.safeParse(input);
  if (!parsed.success)
    return actionFail(KNOX_ERROR.INVALID_REQUEST, REFUSAL_MESSAGES[KNOX_ERROR.INVALID_REQUEST]!);
  const result = await appKnoxSimulator().act(parsed.data);
  if (!result.ok) {
    return actionFail(
      result.code,
      `${REFUSAL_MESSAGES[result.code] ?? '처리하지 못했습니다.'} (${result.message})`,
    );
  }
  revalidatePath('/knox-sim');
  return actionOk({
    status: result.data.status,
    statusLabel: knoxStatusLabel(result.data.status),
  });
}

/** The simulator stands in for Knox's sign-in: it only remembers whom the inbox acts as. */
export async function rememberActingAs(epId: string): Promise<ActionResult<{ epId: string }>> {
  if (!simulatorEnabled())
    return actionFail('SIMULATOR_OFF', '실제 Knox가 설정되어 있어 시뮬레이터를 쓸 수 없습니다.');
  if (!(await getSessionUser())) return actionFail('UNAUTHENTICATED', SIGN_IN_NEEDED);
  if (typeof epId !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(epId))
    return actionFail(KNOX_ERROR.INVALID_REQUEST, REFUSAL_MESSAGES[KNOX_ERROR.INVALID_REQUEST]!);
  (await cookies()).set(ACTING_AS_COOKIE, epId, {
    path: '/knox-sim',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'lax',
    httpOnly: true,
  });
  return actionOk({ epId });
}
