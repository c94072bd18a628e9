/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: the mutants' texts are source code quoted verbatim. */
/**
 * The engine's guards as data for `npm run mutation` (scripts/mutation.ts): each mutant removes or
 * weakens ONE guard by replacing an exact piece of text, and names the test files that must fail
 * with it applied. When code moves, update `file` (and `find` if the text changed); a `find` that
 * no longer occurs exactly once is reported "not applicable", so a moved guard is noticed rather
 * than silently skipped. A new guard gets a mutant here and a test that kills it.
 */

export interface Mutant {
  id: string;
  /** What the guard stops, in a line. */
  guard: string;
  /** Repository-relative path of the file holding the guard. */
  file: string;
  /** Exact text (whitespace included) that must occur exactly once in `file`. */
  find: string;
  /** What `find` becomes: the guard removed. */
  replace: string;
  /** Vitest files run against the mutant; it is killed when any of them fails. */
  tests: string[];
  /** Vitest projects to run them in (default: postgres, which runs *.int.test.ts and *.pg.test.ts). */
  projects?: string[];
}

const EXECUTION = 'lib/approval/execution.ts';
const POLLER = 'lib/approval/approval-polling-service.ts';
const WORKFLOW = 'lib/approval/approval-workflow.ts';
const WAITER = 'lib/approval/decision-waiter.ts';

const GUARDS_PG = 'lib/approval/guards.pg.test.ts';
const GUARDS_INT = 'lib/approval/guards.int.test.ts';
const WORKFLOW_INT = 'lib/approval/approval-workflow.int.test.ts';
const CONCURRENCY_PG = 'lib/approval/concurrency.pg.test.ts';
const EXECUTION_PG = 'lib/approval/execution.pg.test.ts';
const RACES_PG = 'lib/approval/races.pg.test.ts';
const EVENTS_PG = 'lib/approval/events.pg.test.ts';
const MONOTONE_INT = 'lib/approval/monotone-log.int.test.ts';
const LEASE_INT = 'lib/approval/poller-lease.int.test.ts';
const CLOCK_SKEW_PG = 'lib/approval/clock-skew.pg.test.ts';

/*
 * Guards left out, each for its reason (add a mutant once a test can order its race):
 * - retryFailedAction's claim condition `status = 'failed'`: only matters when a second retry read
 *   `failed` before the first committed and claims after it; the public API gives no point to
 *   pause a retry between its read and its claim (the claim skips locked rows, so holding the row
 *   makes the second retry find nothing either way).
 * - the batched decision update's `doc_chg_num <=`: needs an approval answer numbered behind a
 *   record of a still-open document, which Knox's increasing doc_chg_num never produces.
 * - recordExecutionFailure's compare-and-set: the handler's savepoint is rolled back before it
 *   runs, so under the row lock nothing can have moved the row (an equivalent mutant).
 */
export const MUTANTS: Mutant[] = [
  // ---- the guards issue 15 §2 found uncovered (and the lease's slot order) --------------------
  {
    id: 'execution-cas-executed',
    guard: 'recording `executed` is a compare-and-set on the status and attempts read under the lock',
    file: EXECUTION,
    find: '           and p.id = input.id and p.status = input.from_status and p.attempts = input.attempts\n',
    replace: '           and p.id = input.id\n',
    tests: [GUARDS_PG, EXECUTION_PG],
  },
  {
    id: 'compensation-locked-read-status',
    guard: 'finishWithCompensation moves (and compensates) only an action still in one of `from`',
    file: WORKFLOW,
    find:
      '      const [before] = await tx\n        .select()\n        .from(pendingActions)\n' +
      '        .where(and(eq(pendingActions.apInfId, apInfId), inArray(pendingActions.status, [...options.from])))\n',
    replace:
      '      const [before] = await tx\n        .select()\n        .from(pendingActions)\n' +
      '        .where(eq(pendingActions.apInfId, apInfId))\n',
    tests: [GUARDS_PG, WORKFLOW_INT],
  },
  {
    id: 'mark-submitted-status',
    guard: "Knox's acceptance moves only an open action: a late acceptance never reopens a final row",
    file: WORKFLOW,
    find: "       where id = ${action.id} and status in ('pending', 'submit_unknown')\n",
    replace: '       where id = ${action.id}\n',
    tests: [GUARDS_PG, EVENTS_PG],
  },
  {
    id: 'poller-batch-slice',
    guard: 'the poller asks Knox about every open document (no off-by-one per batch of 100)',
    file: POLLER,
    find: 'const batch = page.slice(offset, offset + KNOX_STATUS_BATCH_SIZE);',
    replace: 'const batch = page.slice(offset, offset + KNOX_STATUS_BATCH_SIZE - 1);',
    tests: [GUARDS_INT],
  },
  {
    id: 'grace-absent-in-flight',
    guard: 'a young submit Knox does not have yet is left alone (not resubmitted) within the grace period',
    file: POLLER,
    find:
      '        if (now.getTime() - action.createdAt.getTime() < submitGraceMs())\n' +
      "          return { outcome: 'none', updated: false };\n",
    replace: '',
    tests: [GUARDS_PG, WORKFLOW_INT, CLOCK_SKEW_PG],
  },
  {
    id: 'grace-present-in-flight',
    guard: 'a young submit Knox already has is left to its own request to record (not settled by the poller)',
    file: POLLER,
    find: '    now.getTime() - action.createdAt.getTime() >= submitGraceMs();\n',
    replace: '    true;\n',
    tests: [GUARDS_PG, WORKFLOW_INT, CLOCK_SKEW_PG],
  },
  {
    id: 'resubmit-duplicate-id',
    guard: "Knox's duplicate-id answer on a resubmit means it has the document: carry on, never fail",
    file: WORKFLOW,
    find:
      '    if (error instanceof KnoxRefusedError && error.code === KNOX_ERROR.DUPLICATE_ID) {\n' +
      "      return { kind: 'submitted', how: 'confirmed' };\n    }\n",
    replace: '',
    tests: [GUARDS_PG, WORKFLOW_INT],
  },
  {
    id: 'quiet-doc-chg-num',
    guard: "the quiet documents' bookkeeping never moves doc_chg_num backwards",
    file: POLLER,
    find:
      '     where l.ap_inf_id = any(${pgArrayLiteral(quiet.map((doc) => doc.apInfId))}::text[])\n' +
      '       and l.ap_inf_id = v.ap_inf_id and l.doc_chg_num <= v.doc_chg_num`);',
    replace:
      '     where l.ap_inf_id = any(${pgArrayLiteral(quiet.map((doc) => doc.apInfId))}::text[])\n' +
      '       and l.ap_inf_id = v.ap_inf_id`);',
    tests: [GUARDS_INT],
  },
  {
    id: 'waiter-reread-after-listen',
    guard: 'a waiter reads its document again once it listens (a decision committed meanwhile is delivered)',
    file: WAITER,
    find: '    void resolveFinished([apInfId]);\n',
    replace: '',
    tests: [GUARDS_PG, WORKFLOW_INT],
  },
  {
    id: 'lease-slot-forward',
    guard: "the poller lease's slot only moves forward: a slot already run is never run again",
    file: POLLER,
    find:
      '          where (scheduler_leases.current_slot is null or scheduler_leases.current_slot < excluded.current_slot)\n' +
      '            and (',
    replace: '          where (',
    tests: [GUARDS_INT, LEASE_INT, CONCURRENCY_PG],
  },

  // ---- guards the suite already covered --------------------------------------------------------
  {
    id: 'claim-skip-locked',
    guard: 'a claimer skips rows another worker holds instead of waiting for them',
    file: EXECUTION,
    find: 'order by id limit ${limit} for update skip locked`),',
    replace: 'order by id limit ${limit} for update`),',
    tests: [CONCURRENCY_PG, EXECUTION_PG],
  },
  {
    id: 'claim-row-lock',
    guard: 'the claim locks its rows: two workers never run the same document',
    file: EXECUTION,
    find: 'order by id limit ${limit} for update skip locked`),',
    replace: 'order by id limit ${limit}`),',
    tests: [CONCURRENCY_PG, EXECUTION_PG],
  },
  {
    id: 'claim-open-only',
    guard: 'only open actions (or expired claims) are claimable: an executed one never runs again',
    file: EXECUTION,
    find: "    inArray(pendingActions.status, [...OPEN_STATUSES]),\n    and(eq(pendingActions.status, 'executing')",
    replace: "    sql`true`,\n    and(eq(pendingActions.status, 'executing')",
    tests: [CONCURRENCY_PG, WORKFLOW_INT],
  },
  {
    id: 'handler-savepoint-rollback',
    guard: "a throwing handler's writes are rolled back to its savepoint (the batch keeps the others')",
    file: EXECUTION,
    find: '          await tx.execute(sql`rollback to savepoint ${savepoint}`);\n',
    replace: '',
    tests: [WORKFLOW_INT],
  },
  {
    id: 'submit-unknown-status',
    guard: 'an unknown submit outcome moves only a `pending` action to submit_unknown',
    file: WORKFLOW,
    find: "       where id = ${action.id} and status = 'pending'\n",
    replace: '       where id = ${action.id}\n',
    tests: [GUARDS_PG, WORKFLOW_INT],
  },
  {
    id: 'resolve-failed-only',
    guard: 'an admin resolves only a failed action',
    file: WORKFLOW,
    find:
      "      .where(and(eq(pendingActions.id, pendingActionId), eq(pendingActions.status, 'failed')))\n" +
      '      .returning();',
    replace: '      .where(eq(pendingActions.id, pendingActionId))\n      .returning();',
    tests: [GUARDS_PG, WORKFLOW_INT],
  },
  {
    id: 'log-doc-chg-num',
    guard: 'approval_logs takes no answer whose doc_chg_num is behind the recorded one',
    file: POLLER,
    find: '    sql`${approvalLogs.docChgNum} <= ${docChgNum}`,\n',
    replace: '    undefined,\n',
    tests: [GUARDS_INT, MONOTONE_INT],
  },
  {
    id: 'log-decided-not-reopened',
    guard: 'a decided Knox status (2..6) on approval_logs is never replaced by an open one',
    file: POLLER,
    find: '    decided ? undefined : sql`${approvalLogs.status} not in (2, 3, 4, 5, 6)`,\n',
    replace: '    undefined,\n',
    tests: [MONOTONE_INT],
  },
  {
    id: 'lease-unexpired-blocks',
    guard: 'an unexpired poller lease keeps every other instance off',
    file: POLLER,
    find: '\n            and (scheduler_leases.lease_expires_at is null or scheduler_leases.lease_expires_at < now())',
    replace: '',
    tests: [LEASE_INT, CONCURRENCY_PG],
  },
  {
    id: 'lease-renew-own-only',
    guard: "a poller renews only its own lease (a dead holder's timer never renews the new holder's)",
    file: POLLER,
    find:
      '         where name = ${POLLER_LEASE_NAME} and holder = ${holder} and current_slot = ${key}\n' +
      '           and lease_expires_at is not null',
    replace: '         where name = ${POLLER_LEASE_NAME}\n           and lease_expires_at is not null',
    tests: [GUARDS_INT, LEASE_INT],
  },
  {
    id: 'withdraw-only-while-unconfirmed',
    guard: 'a withdraw Knox answered APE020 settles only while the submit is still unrecorded',
    file: WORKFLOW,
    find: '        if (doc?.submittedAt) return null;\n',
    replace: '',
    tests: [RACES_PG],
  },
  {
    id: 'resubmit-reread-open',
    guard: 'a resubmit is not sent for an action closed since it was read',
    file: WORKFLOW,
    find:
      '  if (!current || !(OPEN_STATUSES as readonly string[]).includes(current.status)) {\n' +
      '    return current?.status ?? action.status;\n  }\n',
    replace: '',
    tests: [RACES_PG],
  },
  {
    id: 'orphan-cancelled-on-late-accept',
    guard: 'a submit Knox accepts after its action was withdrawn is cancelled in Knox at once',
    file: WORKFLOW,
    find: "  if (notMoved === 'withdrawn' || notMoved === 'expired') await cancelOrphanedDocument(action.apInfId);\n",
    replace: '',
    tests: [RACES_PG],
  },
];
