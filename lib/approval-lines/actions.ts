'use server';
import { headers } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db';
import { ActionRefusal, defineAction } from '@/lib/actions/safe-action';
import { getRegisteredActions } from '@/lib/approval';
import { permissions } from '@/lib/auth/permissions';
import { clientAddressOf } from '@/lib/http/client-address';
import { saveLineRule } from './rule-store';
import { ruleEntriesSchema } from './rules';

/** An admin saves an action type's approval-line rule (recorded as an audit event). */
export const saveApprovalLineRuleAction = defineAction({
  name: 'saveApprovalLineRule',
  input: z.object({
    actionType: z.string().trim().min(1, { message: '액션 유형이 없습니다' }),
    entries: ruleEntriesSchema,
  }),
  allow: permissions.administer,
  forbidden: { code: 'FORBIDDEN', message: '관리자만 할 수 있습니다.' },
  revalidate: ['/admin/approval-lines', '/admin/audit'],
  run: async (input, user) => {
    if (!getRegisteredActions().some((action) => action.actionType === input.actionType)) {
      throw new ActionRefusal('UNKNOWN_ACTION_TYPE', '등록되지 않은 결재 액션 유형입니다.');
    }
    return saveLineRule(await getDb(), {
      ...input,
      actorId: user.id,
      clientAddress: clientAddressOf(await headers()),
    });
  },
});
