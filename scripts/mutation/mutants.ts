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
  /** A second edit in the same file that belongs to the same mutant (e.g. a closing bracket). */
  also?: { find: string; replace: string };
  /** Vitest files run against the mutant; it is killed when any of them fails. */
  tests: string[];
  /** Vitest projects to run them in (default: postgres, which runs *.int.test.ts and *.pg.test.ts). */
  projects?: string[];
}

const EXECUTE = 'lib/approval/transitions/execute.ts';
const RECORD_EXECUTION = 'lib/approval/transitions/record-execution.ts';
const FINISH = 'lib/approval/transitions/finish.ts';
const SUBMIT = 'lib/approval/transitions/submit.ts';
const SETTLE = 'lib/approval/transitions/settle-submit.ts';
const ADMIN = 'lib/approval/commands/admin.ts';
const CYCLE = 'lib/approval/poller/cycle.ts';
const LEASE = 'lib/approval/poller/lease.ts';
const WAITER = 'lib/approval/poller/decision-waiter.ts';
const DECIDE = 'lib/approval/reconcile/decide.ts';
const RECORD_ANSWER = 'lib/approval/reconcile/record-answer.ts';

const GUARDS_PG = 'lib/approval/guards.pg.test.ts';
const GUARDS_INT = 'lib/approval/guards.int.test.ts';
/** Once approval-workflow.int.test.ts, split along the files it tests. */
const WORKFLOW_INT = [
  'lib/approval/commands/with-approval.int.test.ts',
  'lib/approval/commands/admin.int.test.ts',
  'lib/approval/reconcile/process.int.test.ts',
  'lib/approval/poller/decision-waiter.int.test.ts',
];
const CONCURRENCY_PG = 'lib/approval/concurrency.pg.test.ts';
const EXECUTION_PG = 'lib/approval/transitions/execute.pg.test.ts';
const DB_ERROR_PG = 'lib/approval/transitions/handler-database-error.pg.test.ts';
const RACES_PG = 'lib/approval/races.pg.test.ts';
const EVENTS_PG = 'lib/approval/events.pg.test.ts';
const MONOTONE_INT = 'lib/approval/reconcile/record-answer.int.test.ts';
const LEASE_INT = 'lib/approval/poller/lease.int.test.ts';
const CLOCK_SKEW_PG = 'lib/approval/clock-skew.pg.test.ts';
const UNREADABLE_PG = 'lib/approval/unreadable-status.pg.test.ts';
const KNOX_CLIENT = 'lib/knox-api/approval/client.ts';
const NOTIFY = 'lib/approval/transitions/notify-people.ts';
const NOTIFY_INT = 'lib/approval/transitions/notify-people.int.test.ts';
const RECORD_LINE = 'lib/approval/transitions/record-line.ts';
const LINE_SYNC = 'lib/approval/poller/line-sync.ts';
const RECORD_LINE_INT = 'lib/approval/transitions/record-line.int.test.ts';
const REPLACES = 'lib/approval/replaces.ts';
const REPLACES_INT = 'lib/approval/replaces.int.test.ts';

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
    file: RECORD_EXECUTION,
    find: '           and p.id = input.id and p.status = input.from_status and p.attempts = input.attempts\n',
    replace: '           and p.id = input.id\n',
    tests: [GUARDS_PG, EXECUTION_PG],
  },
  {
    id: 'compensation-locked-read-status',
    guard: 'finishWithCompensation moves (and compensates) only an action still in one of `from`',
    file: FINISH,
    find:
      '      const [before] = await tx\n        .select()\n        .from(pendingActions)\n' +
      '        .where(and(eq(pendingActions.apInfId, apInfId), inArray(pendingActions.status, [...options.from])))\n',
    replace:
      '      const [before] = await tx\n        .select()\n        .from(pendingActions)\n' +
      '        .where(eq(pendingActions.apInfId, apInfId))\n',
    tests: [GUARDS_PG, ...WORKFLOW_INT],
  },
  {
    id: 'mark-submitted-status',
    guard: "Knox's acceptance moves only an open action: a late acceptance never reopens a final row",
    file: SUBMIT,
    find: "       where id = ${action.id} and status in ('pending', 'submit_unknown')\n",
    replace: '       where id = ${action.id}\n',
    tests: [GUARDS_PG, EVENTS_PG],
  },
  {
    id: 'poller-batch-slice',
    guard: 'the poller asks Knox about every open document (no off-by-one per batch of 100)',
    file: CYCLE,
    find: 'const batch = page.slice(offset, offset + KNOX_STATUS_BATCH_SIZE);',
    replace: 'const batch = page.slice(offset, offset + KNOX_STATUS_BATCH_SIZE - 1);',
    tests: [GUARDS_INT],
  },
  {
    id: 'grace-absent-in-flight',
    guard: 'a young submit Knox does not have yet is left alone (not resubmitted) within the grace period',
    file: DECIDE,
    find: "  if (!submittedAt) return isSubmitYoung(action, now) ? 'none' : 'resubmit_unconfirmed';\n",
    replace: "  if (!submittedAt) return 'resubmit_unconfirmed';\n",
    tests: [GUARDS_PG, ...WORKFLOW_INT, CLOCK_SKEW_PG],
  },
  {
    id: 'grace-present-in-flight',
    guard: 'a young submit Knox already has is left to its own request to record (not settled by the poller)',
    file: DECIDE,
    find: "  return action.status === 'pending' && !submittedAt && !isSubmitYoung(action, now);\n",
    replace: "  return action.status === 'pending' && !submittedAt;\n",
    tests: [GUARDS_PG, ...WORKFLOW_INT, CLOCK_SKEW_PG],
  },
  {
    id: 'resubmit-duplicate-id',
    guard: "Knox's duplicate-id answer on a resubmit means it has the document: carry on, never fail",
    file: SUBMIT,
    find:
      '    if (error instanceof KnoxRefusedError && error.code === KNOX_ERROR.DUPLICATE_ID) {\n' +
      "      return { kind: 'submitted', how: 'confirmed' };\n    }\n",
    replace: '',
    tests: [GUARDS_PG, ...WORKFLOW_INT],
  },
  {
    id: 'quiet-doc-chg-num',
    guard: "the quiet documents' bookkeeping never moves doc_chg_num backwards",
    file: CYCLE,
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
    tests: [GUARDS_PG, ...WORKFLOW_INT],
  },
  {
    id: 'lease-slot-forward',
    guard: "the poller lease's slot only moves forward: a slot already run is never run again",
    file: LEASE,
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
    file: EXECUTE,
    find: 'order by id limit ${limit} for update skip locked`),',
    replace: 'order by id limit ${limit} for update`),',
    tests: [CONCURRENCY_PG, EXECUTION_PG],
  },
  {
    id: 'claim-row-lock',
    guard: 'the claim locks its rows: two workers never run the same document',
    file: EXECUTE,
    find: 'order by id limit ${limit} for update skip locked`),',
    replace: 'order by id limit ${limit}`),',
    tests: [CONCURRENCY_PG, EXECUTION_PG],
  },
  {
    id: 'claim-open-only',
    guard: 'only open actions are claimable: an executed one never runs again',
    file: EXECUTE,
    find: '          inArray(pendingActions.status, [...OPEN_STATUSES]),\n        )!;\n',
    replace: '          sql`true`,\n        )!;\n',
    tests: [CONCURRENCY_PG, ...WORKFLOW_INT],
  },
  {
    id: 'handler-savepoint-rollback',
    guard: "a throwing handler's writes are rolled back to its savepoint (the batch keeps the others')",
    file: EXECUTE,
    find: '          const value = await tx.transaction(async (savepoint) => {\n',
    replace: '          const value = await (async (savepoint: typeof tx) => {\n',
    // …and its closing `});` becomes `})(tx);`: the handler runs with no savepoint at all.
    also: {
      find: '            return handler.execute(action.actionPayload, ctx);\n          });\n',
      replace: '            return handler.execute(action.actionPayload, ctx);\n          })(tx);\n',
    },
    tests: [...WORKFLOW_INT],
  },
  {
    id: 'handler-on-savepoint-handle',
    guard: "a handler's statements go through its savepoint's handle, so its database error fails it alone",
    file: EXECUTE,
    find: '              tx: savepoint,\n',
    replace: '              tx,\n',
    tests: [DB_ERROR_PG],
  },
  {
    id: 'transient-wait-deferred',
    guard: 'a lock or statement time-out in a handler leaves that document for the next cycle (not failed)',
    file: EXECUTE,
    find: '          if (isTransientDatabaseError(error)) deferred.push({ action, error });\n',
    replace: '          if (false as boolean) deferred.push({ action, error });\n',
    tests: ['tests/reliability/database-faults.pg.test.ts'],
  },
  {
    id: 'submit-unknown-status',
    guard: 'an unknown submit outcome moves only a `pending` action to submit_unknown',
    file: SUBMIT,
    find: "       where id = ${action.id} and status = 'pending'\n",
    replace: '       where id = ${action.id}\n',
    tests: [GUARDS_PG, ...WORKFLOW_INT],
  },
  {
    id: 'resolve-failed-only',
    guard: 'an admin resolves only a failed action',
    file: ADMIN,
    find:
      "      .where(and(eq(pendingActions.id, pendingActionId), eq(pendingActions.status, 'failed')))\n" +
      '      .returning();',
    replace: '      .where(eq(pendingActions.id, pendingActionId))\n      .returning();',
    tests: [GUARDS_PG, ...WORKFLOW_INT],
  },
  {
    id: 'log-doc-chg-num',
    guard: 'approval_logs takes no answer whose doc_chg_num is behind the recorded one',
    file: RECORD_ANSWER,
    find: '    sql`${approvalLogs.docChgNum} <= ${docChgNum}`,\n',
    replace: '    undefined,\n',
    tests: [GUARDS_INT, MONOTONE_INT],
  },
  {
    id: 'log-decided-not-reopened',
    guard: 'a decided Knox status (2..6) on approval_logs is never replaced by an open one',
    file: RECORD_ANSWER,
    find: '    isKnoxDecided(status) ? undefined : notInArray(approvalLogs.status, [...KNOX_DECIDED_STATUSES]),\n',
    replace: '    undefined,\n',
    tests: [MONOTONE_INT],
  },
  {
    id: 'lease-unexpired-blocks',
    guard: 'an unexpired poller lease keeps every other instance off',
    file: LEASE,
    find: '\n            and (scheduler_leases.lease_expires_at is null or scheduler_leases.lease_expires_at < now())',
    replace: '',
    tests: [LEASE_INT, CONCURRENCY_PG],
  },
  {
    id: 'lease-renew-own-only',
    guard: "a poller renews only its own lease (a dead holder's timer never renews the new holder's)",
    file: LEASE,
    find:
      '         where name = ${POLLER_LEASE_NAME} and holder = ${holder} and current_slot = ${key}\n' +
      '           and lease_expires_at is not null',
    replace: '         where name = ${POLLER_LEASE_NAME}\n           and lease_expires_at is not null',
    tests: [GUARDS_INT, LEASE_INT],
  },
  {
    id: 'withdraw-only-while-unconfirmed',
    guard: 'a withdraw Knox answered APE020 settles only while the submit is still unrecorded',
    file: FINISH,
    find: '        if (doc?.submittedAt) return null;\n',
    replace: '',
    tests: [RACES_PG],
  },
  {
    id: 'resubmit-reread-open',
    guard: 'a resubmit is not sent for an action closed since it was read',
    file: SETTLE,
    find: '  if (!current || !isOpenStatus(current.status)) {\n    return current?.status ?? action.status;\n  }\n',
    replace: '',
    tests: [RACES_PG],
  },
  {
    id: 'orphan-cancelled-on-late-accept',
    guard: 'a submit Knox accepts after its action was withdrawn is cancelled in Knox at once',
    file: SUBMIT,
    find: "  if (notMoved === 'withdrawn' || notMoved === 'expired') await cancelOrphanedDocument(action.apInfId);\n",
    replace: '',
    tests: [RACES_PG],
  },
  {
    id: 'status-entry-alone',
    guard: 'an unreadable Knox status entry is refused alone: the rest of its answer is still processed',
    file: KNOX_CLIENT,
    find: '      metrics().knoxUnreadableStatusEntries.inc();\n',
    replace:
      "      throw new KnoxUnknownOutcomeError(`status entry refused: ${parsed.reason}`, 'status', 'invalid_response');\n",
    tests: [UNREADABLE_PG],
  },
  {
    id: 'watched-live-poll',
    guard: 'a document open on a page (watched) is checked at the live-poll interval like a waited one',
    file: WAITER,
    find: '  return [...new Set([...current.waiters.keys(), ...current.watched.keys()])];\n',
    replace: '  return [...current.waiters.keys()];\n',
    tests: ['lib/approval/poller/decision-waiter.int.test.ts', 'lib/live/live.int.test.ts'],
  },
  {
    id: 'watched-act-read',
    guard: "a document open on a page has an approver's act read by the live poll, not at the cron's minute",
    file: WAITER,
    find: '    await readWatchedActs(statuses);\n',
    replace: '',
    tests: ['lib/approval/poller/decision-waiter.int.test.ts'],
  },
  {
    id: 'live-authorisation',
    guard: "a live stream carries an approval's changes to its requester and admins only",
    file: 'lib/live/events.ts',
    find: '  return permissions.manageApproval(viewer, event.requesterId);\n',
    replace: '  return permissions.manageApproval(viewer, event.requesterId) || viewer.role !== null;\n',
    tests: ['lib/live/live.int.test.ts'],
  },
  {
    id: 'notification-once-per-event',
    guard: 'a move is told once per person: the unique (user_id, event_id) key, a second write of it skipped',
    file: NOTIFY,
    find: '  await tx.insert(notifications).values(rows).onConflictDoNothing();\n',
    replace: '  await tx.insert(notifications).values(rows);\n',
    tests: [NOTIFY_INT],
  },
  {
    id: 'approver-act-once',
    guard: "an approver's act read again (another poll, another instance) appends no second event",
    file: RECORD_LINE,
    find: '    .onConflictDoNothing()\n',
    replace: '',
    tests: [RECORD_LINE_INT],
    projects: ['pglite'],
  },
  {
    id: 'line-not-older',
    guard: 'a line read at an older change number never replaces the one recorded',
    file: RECORD_LINE,
    find: 'sql`case when ${approvalLogs.lineDocChgNum} <= ${docChgNum} then ${JSON.stringify(line)}::jsonb else ${approvalLogs.approvalLine} end`',
    replace: 'sql`${JSON.stringify(line)}::jsonb`',
    tests: [RECORD_LINE_INT],
    projects: ['pglite'],
  },
  {
    id: 'line-read-after-act',
    guard: 'an open document an approver acted on has its line (and the act) read by the next cycle',
    file: LINE_SYNC,
    find: '    decided.length < limit\n',
    replace: '    false\n',
    tests: [RECORD_LINE_INT],
    projects: ['pglite'],
  },
  {
    id: 'replaces-own-only',
    guard: "다시 요청 links only to the requester's own approval",
    file: REPLACES,
    find: '  if (!old || old.createdBy !== requesterId)',
    replace: '  if (!old)',
    tests: [REPLACES_INT],
    projects: ['pglite'],
  },
  {
    id: 'replaces-ended-only',
    guard: '다시 요청 links only to an approval that ended without running (반려, 상신취소, 기한 만료)',
    file: REPLACES,
    find: '  if (!(REPLACEABLE_STATUSES as readonly string[]).includes(old.status)) {\n',
    replace: '  if (false) {\n',
    tests: [REPLACES_INT],
    projects: ['pglite'],
  },
];
