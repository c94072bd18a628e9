'use server';
import { z } from 'zod';
import { getDb } from '@/db';
import { defineAction } from '@/lib/actions/safe-action';
import { type ApproverCandidate, searchApprovers } from './queries';

/** The approver picker's search: people with an EP ID, never the requester themself. */
export const searchApproversAction = defineAction({
  name: 'searchApprovers',
  input: z.object({ query: z.string().max(100) }),
  run: async ({ query }, user): Promise<ApproverCandidate[]> =>
    searchApprovers(await getDb(), query, { excludeUserId: user.id, limit: 8 }),
});
