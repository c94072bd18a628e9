import type postgres from 'postgres';

/** Knox codes of a document still waiting for a decision, and of an approved one. */
const OPEN_CODES = [-2, -1, 0, 1];
const APPROVED_CODES = [2, 5, 6];

/** The side-effect table the reliability handler writes: one row per document, `runs` counts executions. */
export const SIDE_EFFECT_TABLE = 'reliability_side_effects';

export const SIDE_EFFECT_DDL = `
  create table if not exists ${SIDE_EFFECT_TABLE} (
    ap_inf_id text primary key,
    runs integer not null default 1,
    worker integer,
    created_at timestamptz not null default now()
  )`;

/** What the handler runs inside the engine's transaction: a second run shows up as runs = 2. */
export const SIDE_EFFECT_UPSERT = `
  insert into ${SIDE_EFFECT_TABLE} (ap_inf_id, worker) values ($1, $2)
  on conflict (ap_inf_id) do update set runs = ${SIDE_EFFECT_TABLE}.runs + 1`;

export interface InvariantViolation {
  invariant:
    | 'knox-document-without-action'
    | 'action-without-knox-document'
    | 'failed-while-knox-open-or-approved'
    | 'approved-not-executed-once'
    | 'side-effect-without-approval'
    | 'withdrawn-while-knox-live'
    | 'event-history'
    | 'requester-not-told-once'
    | 'stuck';
  apInfId: string;
  detail: string;
}

export interface InvariantReport {
  knoxDocuments: number;
  actions: number;
  byActionStatus: Record<string, number>;
  byKnoxStatus: Record<string, number>;
  violations: InvariantViolation[];
}

export interface InvariantOptions {
  /** Only actions of these types are considered (other tests' rows are left alone). */
  actionTypes?: string[];
  /**
   * When true, also require that nothing is in flight: no `submit_unknown` or `executing` row, and
   * no `pending` row whose Knox document is decided. Check it once faults are cleared and the
   * poller has run until quiet.
   */
  settled?: boolean;
}

interface Row {
  ap_inf_id: string;
  knox_status: number | null;
  action_status: string | null;
  runs: number | null;
  error_message: string | null;
}

/**
 * Checks the engine's records against the simulator's own (knox_sim_documents), never against the
 * engine's view of Knox (approval_logs), which is exactly what could be wrong.
 */
export async function checkInvariants(
  sql: postgres.Sql,
  options: InvariantOptions = {},
): Promise<InvariantReport> {
  const types = options.actionTypes ?? null;
  const rows = await sql.unsafe<Row[]>(
    `
    with actions as (
      select ap_inf_id, status, error_message from pending_actions
      where approval_bypassed = false and ($1::text[] is null or action_type = any($1::text[]))
    )
    select coalesce(d.ap_inf_id, a.ap_inf_id, s.ap_inf_id) as ap_inf_id,
           d.status as knox_status, a.status as action_status, s.runs, a.error_message
    from knox_sim_documents d
    full join actions a on a.ap_inf_id = d.ap_inf_id
    full join ${SIDE_EFFECT_TABLE} s on s.ap_inf_id = coalesce(d.ap_inf_id, a.ap_inf_id)
    `,
    [types as never],
  );

  const violations: InvariantViolation[] = [];
  const byActionStatus: Record<string, number> = {};
  const byKnoxStatus: Record<string, number> = {};
  let knoxDocuments = 0;
  let actions = 0;
  for (const row of rows) {
    const knox = row.knox_status;
    const action = row.action_status;
    if (knox !== null) {
      knoxDocuments += 1;
      byKnoxStatus[String(knox)] = (byKnoxStatus[String(knox)] ?? 0) + 1;
    }
    if (action !== null) {
      actions += 1;
      byActionStatus[action] = (byActionStatus[action] ?? 0) + 1;
    }
    const id = row.ap_inf_id;
    if (knox !== null && action === null) {
      violations.push({
        invariant: 'knox-document-without-action',
        apInfId: id,
        detail: `Knox status ${knox}`,
      });
    }
    // An action may lack a Knox document only when Knox definitely refused it (failed), when it was
    // withdrawn or expired before any submit landed, or while its submit is still being settled.
    if (
      action !== null &&
      knox === null &&
      action !== 'failed' &&
      action !== 'withdrawn' &&
      action !== 'expired' &&
      !(action === 'submit_unknown' && !options.settled)
    ) {
      violations.push({ invariant: 'action-without-knox-document', apInfId: id, detail: `action ${action}` });
    }
    if (
      action === 'failed' &&
      knox !== null &&
      (OPEN_CODES.includes(knox) || APPROVED_CODES.includes(knox))
    ) {
      violations.push({
        invariant: 'failed-while-knox-open-or-approved',
        apInfId: id,
        detail: `Knox status ${knox}; error: ${row.error_message ?? '—'}`,
      });
    }
    if (knox !== null && APPROVED_CODES.includes(knox)) {
      const executedOnce = action === 'executed' && row.runs === 1;
      const stillGoing =
        !options.settled && (action === 'pending' || action === 'executing' || action === 'submit_unknown');
      if (!executedOnce && !stillGoing) {
        violations.push({
          invariant: 'approved-not-executed-once',
          apInfId: id,
          detail: `Knox status ${knox}, action ${action}, handler runs ${row.runs ?? 0}`,
        });
      }
    }
    if (row.runs !== null && (knox === null || !APPROVED_CODES.includes(knox))) {
      violations.push({
        invariant: 'side-effect-without-approval',
        apInfId: id,
        detail: `handler ran ${row.runs}× but Knox status is ${knox ?? 'absent'}`,
      });
    }
    // 상신취소 or expiry must leave nothing Knox approved, and once settled nothing it could still
    // approve (a resubmit that lands after the withdraw is cancelled by the engine moments later).
    if (
      (action === 'withdrawn' || action === 'expired') &&
      knox !== null &&
      (APPROVED_CODES.includes(knox) || (options.settled && OPEN_CODES.includes(knox)))
    ) {
      violations.push({
        invariant: 'withdrawn-while-knox-live',
        apInfId: id,
        detail: `action ${action}, Knox status ${knox}`,
      });
    }
    if (options.settled && action !== null) {
      const inFlight = action === 'submit_unknown' || action === 'executing';
      const decidedButPending = action === 'pending' && knox !== null && !OPEN_CODES.includes(knox);
      if (inFlight || decidedButPending) {
        violations.push({
          invariant: 'stuck',
          apInfId: id,
          detail: `action ${action}, Knox status ${knox ?? 'absent'}`,
        });
      }
    }
  }
  for (const broken of await checkEventHistory(sql, { actionTypes: options.actionTypes })) {
    violations.push({ invariant: 'event-history', apInfId: broken.apInfId, detail: broken.detail });
  }
  for (const broken of await checkRequesterTold(sql, types)) {
    violations.push({
      invariant: 'requester-not-told-once',
      apInfId: broken.ap_inf_id,
      detail: broken.detail,
    });
  }
  return { knoxDocuments, actions, byActionStatus, byKnoxStatus, violations };
}

/**
 * Every move that ended an action (an event reaching executed, rejected, withdrawn, expired or
 * failed) told its requester exactly once, and nobody was told of any other event: the
 * notification is written in the move's own transaction, so a crash or a second instance can
 * neither lose it nor repeat it.
 */
async function checkRequesterTold(
  sql: postgres.Sql,
  types: string[] | null,
): Promise<Array<{ ap_inf_id: string; detail: string }>> {
  return sql.unsafe<Array<{ ap_inf_id: string; detail: string }>>(
    `
    with ending as (
      select e.id, e.ap_inf_id, e.event_type, a.created_by
        from approval_events e
        join pending_actions a on a.id = e.pending_action_id
       where a.approval_bypassed = false and a.created_by is not null
         and e.to_status in ('executed', 'rejected', 'withdrawn', 'expired', 'failed')
         and ($1::text[] is null or a.action_type = any($1::text[]))
    )
    select ending.ap_inf_id, ending.event_type || ' told ' || count(n.id) || ' times' as detail
      from ending
      left join notifications n on n.event_id = ending.id and n.user_id = ending.created_by
     group by ending.id, ending.ap_inf_id, ending.event_type
    having count(n.id) <> 1
    union all
    select n.ap_inf_id, 'told of event ' || n.event_id || ' (' || coalesce(e.event_type, 'missing') || '), which ended nothing'
      from notifications n
      left join approval_events e on e.id = n.event_id
      left join pending_actions a on a.id = e.pending_action_id
     where ($1::text[] is null or a.action_type = any($1::text[]))
       and (e.to_status is null or e.to_status not in ('executed', 'rejected', 'withdrawn', 'expired', 'failed'))
    `,
    [types as never],
  );
}

/** A short, readable failure message: the first violations of each kind. */
export function describeViolations(report: InvariantReport, limit = 5): string {
  const groups = new Map<string, InvariantViolation[]>();
  for (const violation of report.violations) {
    const list = groups.get(violation.invariant) ?? [];
    list.push(violation);
    groups.set(violation.invariant, list);
  }
  const lines = [...groups].map(
    ([name, list]) =>
      `${name}: ${list.length} — ${list
        .slice(0, limit)
        .map((violation) => `${violation.apInfId} (${violation.detail})`)
        .join('; ')}`,
  );
  return [
    `Knox documents ${report.knoxDocuments}, actions ${report.actions}`,
    `actions by status ${JSON.stringify(report.byActionStatus)}, Knox by status ${JSON.stringify(report.byKnoxStatus)}`,
    ...lines,
  ].join('\n');
}

export interface EventHistoryViolation {
  apInfId: string;
  detail: string;
}

interface EventRow {
  ap_inf_id: string;
  action_status: string;
  event_type: string | null;
  from_status: string | null;
  to_status: string | null;
}

/**
 * Every action's events, in order, must chain: the first starts from nothing, each later one starts
 * where the one before ended, and the last ends at the row's current status. An event appended by a
 * statement that moved nothing (or with a stale from-status) breaks the chain and is reported.
 */
export async function checkEventHistory(
  sql: postgres.Sql,
  options: { actionTypes?: string[] } = {},
): Promise<EventHistoryViolation[]> {
  const types = options.actionTypes ?? null;
  const rows = await sql.unsafe<EventRow[]>(
    `
    select a.ap_inf_id, a.status as action_status, e.event_type, e.from_status, e.to_status
      from pending_actions a
      left join approval_events e on e.pending_action_id = a.id and e.to_status is not null
     where $1::text[] is null or a.action_type = any($1::text[])
     order by a.id, e.id
    `,
    [types as never],
  );
  const byAction = new Map<string, EventRow[]>();
  for (const row of rows) {
    const list = byAction.get(row.ap_inf_id) ?? [];
    list.push(row);
    byAction.set(row.ap_inf_id, list);
  }
  const violations: EventHistoryViolation[] = [];
  for (const [apInfId, list] of byAction) {
    const trail = list.filter((row) => row.event_type !== null);
    const text = trail
      .map((row) => `${row.event_type}(${row.from_status ?? '∅'}>${row.to_status})`)
      .join(' → ');
    if (trail.length === 0) {
      violations.push({ apInfId, detail: `no events; action ${list[0]!.action_status}` });
      continue;
    }
    let previous: string | null = null;
    for (const [index, row] of trail.entries()) {
      const expected = index === 0 ? null : previous;
      if (row.from_status !== expected) {
        violations.push({
          apInfId,
          detail: `${row.event_type} starts from ${row.from_status ?? '∅'}, expected ${expected ?? '∅'}: ${text}`,
        });
        break;
      }
      previous = row.to_status;
    }
    if (previous !== list[0]!.action_status) {
      violations.push({
        apInfId,
        detail: `events end at ${previous}, the row is ${list[0]!.action_status}: ${text}`,
      });
    }
  }
  return violations;
}
