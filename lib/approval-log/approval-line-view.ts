import {
  KNOX_LINE_ROLE,
  KNOX_LINE_ROLE_LABELS,
  KNOX_LINE_STATUS,
  KNOX_LINE_STATUS_LABELS,
  LINE_ROLE_CODES,
  lineSequence,
  tryParseKnoxDateTime,
} from '@/lib/knox-api/approval';
import { KNOX_LINE_STATUS_TONES } from '@/lib/knox-api/approval/status-labels';
import type { Tone } from '@/lib/tone';

/** A person as our directory knows them, by EP ID. */
export interface LinePerson {
  name: string;
  title: string | null;
  department: string | null;
}

/** One row of the approval-line card, ready to show. */
export interface ApprovalLineRow {
  key: string;
  epId: string;
  name: string;
  titleName: string | null;
  departmentName: string | null;
  /** 기안 / 결재 / 합의 / 후결 / 병렬합의 / 병렬결재 / 통보 */
  roleLabel: string;
  /** 상신 for the drafter; otherwise the entry's state (미결, 결재, 반려, 전결, …). */
  statusLabel: string;
  tone: Tone;
  actedAt: Date | null;
  opinion: string | null;
}

export interface ApprovalLineInput {
  /** approval_logs.approval_line: as submitted (our line entries) or as Knox's detail reported it. */
  line: unknown[];
  requester: { epId: string; name: string | null };
  people: ReadonlyMap<string, LinePerson>;
}

interface Entry {
  epId: string;
  seq: number | null;
  role: number | null;
  status: number;
  name: string | null;
  titleName: string | null;
  departmentName: string | null;
  opinion: string | null;
  actedAt: Date | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** Knox sends numbers as numbers or numeric strings; anything else is unknown, never NaN. */
function integer(value: unknown): number | null {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isInteger(number) ? number : null;
}

/** Knox's numeric role, or ours as submitted (`approve`, `agree`, …). */
function roleCode(value: unknown): number | null {
  if (typeof value === 'string' && Object.hasOwn(LINE_ROLE_CODES, value)) {
    return LINE_ROLE_CODES[value as keyof typeof LINE_ROLE_CODES];
  }
  return integer(value);
}

function readEntries(raw: unknown[]): Entry[] {
  const entries: Entry[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    const epId = text(record.epId);
    if (!epId) continue;
    entries.push({
      epId,
      seq: integer(record.seq),
      role: roleCode(record.role),
      status: integer(record.aplnStatsCode) ?? KNOX_LINE_STATUS.PENDING,
      name: text(record.name),
      titleName: text(record.titleName),
      departmentName: text(record.departmentName),
      opinion: text(record.opinion),
      actedAt: tryParseKnoxDateTime(integer(record.actPrssDt) ?? text(record.actPrssDt)) ?? null,
    });
  }
  return entries;
}

function roleLabel(role: number | null): string {
  if (role === null) return '결재';
  return KNOX_LINE_ROLE_LABELS[role] ?? `역할 ${role}`;
}

/**
 * The approval line as the requester should read it: the drafter first, then every entry in
 * Knox's order, with Korean roles and states and names from the directory. Before Knox reports
 * the line it is the line as submitted (our entries carry no seq, no drafter, roles as words);
 * after, Knox's. Either shape, or garbage, gives readable rows.
 */
export function approvalLineRows(input: ApprovalLineInput): ApprovalLineRow[] {
  const entries = readEntries(input.line);
  const drafterIndex = entries.findIndex((entry) => entry.role === KNOX_LINE_ROLE.DRAFTER);
  const drafter: Entry =
    drafterIndex >= 0
      ? entries[drafterIndex]!
      : {
          epId: input.requester.epId,
          seq: 0,
          role: KNOX_LINE_ROLE.DRAFTER,
          status: KNOX_LINE_STATUS.PENDING,
          name: input.requester.name,
          titleName: null,
          departmentName: null,
          opinion: null,
          actedAt: null,
        };
  const approvers = entries.filter((_, index) => index !== drafterIndex);
  // As submitted there is no seq: the order is the line's order, parallel runs sharing a step.
  const fallbackSeqs = lineSequence(
    approvers.map((entry) => ({
      role:
        (Object.entries(LINE_ROLE_CODES).find(([, code]) => code === entry.role)?.[0] as
          | keyof typeof LINE_ROLE_CODES
          | undefined) ?? 'approve',
    })),
  );
  const ordered = approvers
    .map((entry, index) => ({ entry, seq: entry.seq ?? fallbackSeqs[index]!, index }))
    .sort((a, b) => a.seq - b.seq || a.index - b.index);

  const row = (entry: Entry, seq: number, isDrafter: boolean): ApprovalLineRow => {
    const person = input.people.get(entry.epId);
    return {
      key: `${seq}-${entry.epId}`,
      epId: entry.epId,
      name: entry.name ?? person?.name ?? entry.epId,
      titleName: entry.titleName ?? person?.title ?? null,
      departmentName: entry.departmentName ?? person?.department ?? null,
      roleLabel: roleLabel(isDrafter ? KNOX_LINE_ROLE.DRAFTER : entry.role),
      statusLabel: isDrafter ? '상신' : (KNOX_LINE_STATUS_LABELS[entry.status] ?? '알 수 없는 상태'),
      tone: isDrafter ? 'info' : (KNOX_LINE_STATUS_TONES[entry.status] ?? 'neutral'),
      actedAt: entry.actedAt,
      opinion: entry.opinion,
    };
  };
  return [row(drafter, 0, true), ...ordered.map(({ entry, seq }) => row(entry, seq, false))];
}
