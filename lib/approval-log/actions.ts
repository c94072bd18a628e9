'use server';
import { z } from 'zod';
import { getDb } from '@/db';
import { ActionRefusal, defineAction } from '@/lib/actions/safe-action';
import { checkSingleApprovalStatus, withdrawApproval } from '@/lib/approval';
import type { CurrentUser } from '@/lib/auth/current-user';
import { permissions } from '@/lib/auth/permissions';
import { getApprovalWithTimeline } from './queries';

const apInfIdInput = z.object({ apInfId: z.string().trim().min(1).max(64) });

/** Requester or admin only; others are told the document does not exist for them. */
async function assertMayManage(apInfId: string, user: CurrentUser) {
  const detail = await getApprovalWithTimeline(await getDb(), apInfId);
  if (!detail || !permissions.manageApproval(user, detail.approval.requesterId)) {
    throw new ActionRefusal('NOT_FOUND', '결재 문서를 찾을 수 없거나 권한이 없습니다.');
  }
}

/** 새로고침: ask Knox about this document now and process what it says. */
export const refreshApprovalAction = defineAction({
  name: 'refreshApproval',
  input: apInfIdInput,
  revalidate: (data: { apInfId: string }) => ['/approval/log', `/approval/log/${data.apInfId}`, '/'],
  run: async ({ apInfId }, user) => {
    await assertMayManage(apInfId, user);
    await checkSingleApprovalStatus(apInfId);
    return { apInfId };
  },
});

/** 상신취소 by the requester (or an admin), with an opinion Knox keeps. */
export const withdrawApprovalAction = defineAction({
  name: 'withdrawApproval',
  input: apInfIdInput.extend({ opinion: z.string().trim().max(500).default('') }),
  revalidate: (data: { apInfId: string }) => ['/approval/log', `/approval/log/${data.apInfId}`, '/'],
  run: async ({ apInfId, opinion }, user) => {
    await assertMayManage(apInfId, user);
    await withdrawApproval(apInfId, opinion, { id: user.id });
    return { apInfId };
  },
});
