'use server';
import { z } from 'zod';
import { getDb } from '@/db';
import { defineAction } from '@/lib/actions/safe-action';
import { markRead } from './queries';

/** The bell is in the shell of every page: its count changes with these. */
const REVALIDATE = () => ['/', '/notifications'];

/** 읽음: one of the caller's own notifications (another person's id marks nothing). */
export const markNotificationReadAction = defineAction({
  name: 'markNotificationRead',
  input: z.object({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
  revalidate: REVALIDATE,
  run: async ({ id }, user) => ({ marked: await markRead(await getDb(), user.id, [id]) }),
});

/** 모두 읽음: every one of the caller's own unread notifications. */
export const markAllNotificationsReadAction = defineAction({
  name: 'markAllNotificationsRead',
  input: z.object({}).strict(),
  revalidate: REVALIDATE,
  run: async (_input, user) => ({ marked: await markRead(await getDb(), user.id) }),
});
