import { describe, expect, it } from 'vitest';
import { env } from '@/lib/env';
import { confirmsLostSubmit, decideAbsent, decideFound } from './decide';

const now = new Date('2026-11-20T03:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const young = ago(1);
const pastGrace = ago(env().KNOX_TIMEOUT_MS * 6 + 1);
const tooOld = ago(env().APPROVAL_MAX_AGE_DAYS * 24 * 3600 * 1000 + 1);
const confirmed = new Date('2026-11-20T02:00:00Z');

describe('decideAbsent: Knox has no document', () => {
  it.each([
    ['submit_unknown', tooOld, null, 'expire_unsubmitted'],
    ['submit_unknown', young, null, 'resubmit_unknown'],
    ['pending', young, null, 'none'],
    ['pending', pastGrace, null, 'resubmit_unconfirmed'],
    ['pending', young, confirmed, 'recheck_missing'],
    ['executed', pastGrace, confirmed, 'none'],
    ['failed', tooOld, null, 'none'],
  ] as const)('%s created %s, confirmed %s → %s', (status, createdAt, submittedAt, plan) => {
    expect(decideAbsent({ status, createdAt }, submittedAt, now)).toBe(plan);
  });
});

describe('decideFound: Knox has the document', () => {
  it.each([
    ['pending', young, 'execute', 'execute'],
    ['submit_unknown', young, 'execute', 'execute'],
    ['pending', young, 'reject', 'reject'],
    ['pending', young, 'wait', 'wait'],
    ['pending', tooOld, 'wait', 'expire'],
    ['executed', tooOld, 'execute', 'wait'],
    ['withdrawn', young, 'reject', 'wait'],
  ] as const)('%s created %s, Knox says %s → %s', (status, createdAt, verdict, plan) => {
    expect(decideFound({ status, createdAt }, verdict, now)).toBe(plan);
  });

  it('a lost submit is confirmed when Knox has it: unknown, or pending unconfirmed past the grace period', () => {
    expect(confirmsLostSubmit({ status: 'submit_unknown', createdAt: young }, null, now)).toBe(true);
    expect(confirmsLostSubmit({ status: 'pending', createdAt: pastGrace }, null, now)).toBe(true);
    expect(confirmsLostSubmit({ status: 'pending', createdAt: young }, null, now)).toBe(false);
    expect(confirmsLostSubmit({ status: 'pending', createdAt: pastGrace }, confirmed, now)).toBe(false);
  });
});
