import { z } from 'zod';
import { PENDING_ACTION_STATUSES, type PendingActionStatus } from '@/db/schema';
import { isCalendarDate } from '@/lib/approval/domain-helpers';
import { isKnoxStatus } from '@/lib/knox-api/approval/codes';
import { fromKstParts } from '@/lib/time/kst';
import { APPROVAL_BUCKETS, type ApprovalBucket } from './buckets';

/**
 * The 결재 현황 filter as it lives in the URL (so a filtered list can be bookmarked, shared, linked
 * from the dashboard and exported as CSV): one parser for the page and the CSV route.
 */
export interface ApprovalFilter {
  q?: string;
  bucket?: ApprovalBucket;
  /** Status of the gated action (e.g. failed: 실행 실패). */
  action?: PendingActionStatus;
  /** Knox document status code. */
  status?: number;
  /** Action type (e.g. vendor_regular_registration). */
  type?: string;
  /** yyyy-MM-dd (KST), inclusive, on the day the request was made. */
  from?: string;
  to?: string;
  mine?: boolean;
  page?: number;
}

const FIELD_LABELS: Record<string, string> = {
  q: '검색어',
  bucket: '구분',
  action: '처리 상태',
  status: 'Knox 상태',
  type: '요청 작업',
  from: '시작일',
  to: '종료일',
  mine: '내 결재만',
  page: '페이지',
};

/** `label` ends with its particle (시작일은): the message reads as Korean, not 은(는). */
const date = (subject: string) =>
  z.string().refine(isCalendarDate, { message: `${subject} YYYY-MM-DD 형식의 날짜여야 합니다` });

function schemaFor(actionTypes: readonly string[]) {
  return z
    .object({
      q: z.string().trim().max(100, { message: '검색어는 100자까지 입력할 수 있습니다' }).optional(),
      bucket: z.enum(APPROVAL_BUCKETS, { message: '알 수 없는 구분입니다' }).optional(),
      action: z.enum(PENDING_ACTION_STATUSES, { message: '알 수 없는 처리 상태입니다' }).optional(),
      status: z.coerce
        .number({ message: 'Knox 상태는 숫자 코드여야 합니다' })
        .int({ message: 'Knox 상태는 숫자 코드여야 합니다' })
        .refine(isKnoxStatus, { message: '알 수 없는 Knox 상태 코드입니다' })
        .optional(),
      type: z
        .string()
        .refine((value) => actionTypes.includes(value), { message: '알 수 없는 요청 작업입니다' })
        .optional(),
      from: date('시작일은').optional(),
      to: date('종료일은').optional(),
      mine: z.literal('1', { message: '내 결재만은 1이어야 합니다' }).optional(),
      page: z.coerce
        .number({ message: '페이지는 1 이상의 정수여야 합니다' })
        .int({ message: '페이지는 1 이상의 정수여야 합니다' })
        .positive({ message: '페이지는 1 이상의 정수여야 합니다' })
        .max(100_000, { message: '페이지가 너무 큽니다' })
        .optional(),
    })
    .refine((value) => !value.from || !value.to || value.from <= value.to, {
      message: '종료일은 시작일과 같거나 그 이후여야 합니다',
      path: ['to'],
    });
}

export type ParsedApprovalFilter = { ok: true; filter: ApprovalFilter } | { ok: false; errors: string[] };

/**
 * Reads Next's searchParams (or URLSearchParams). An empty value is no filter (the filter form
 * sends every field); anything else that is not valid is reported in Korean, never guessed.
 */
export function parseApprovalFilter(
  raw: Record<string, string | string[] | undefined> | URLSearchParams,
  actionTypes: readonly string[],
): ParsedApprovalFilter {
  const entries: Record<string, string | undefined> = {};
  const errors: string[] = [];
  const read = (key: string, values: string[]) => {
    if (!(key in FIELD_LABELS)) return; // unknown parameters are not ours to refuse
    if (values.length > 1) errors.push(`${FIELD_LABELS[key]}: 한 번만 지정할 수 있습니다`);
    const value = values[0];
    entries[key] = value === '' ? undefined : value;
  };
  if (raw instanceof URLSearchParams) {
    for (const key of new Set(raw.keys())) read(key, raw.getAll(key));
  } else {
    for (const [key, value] of Object.entries(raw)) {
      if (value !== undefined) read(key, Array.isArray(value) ? value : [value]);
    }
  }
  const parsed = schemaFor(actionTypes).safeParse(entries);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_LABELS[String(issue.path[0])] ?? '검색 조건';
      errors.push(issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`);
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  const { mine, ...rest } = parsed.data;
  const filter: ApprovalFilter = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  ) as ApprovalFilter;
  if (mine) filter.mine = true;
  return { ok: true, filter };
}

/** The query string of a filter (page included when given), for links and the CSV export. */
export function approvalFilterQuery(filter: ApprovalFilter, page?: number): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.set(key, String(value));
  };
  put('q', filter.q);
  put('bucket', filter.bucket);
  put('action', filter.action);
  put('status', filter.status);
  put('type', filter.type);
  put('from', filter.from);
  put('to', filter.to);
  if (filter.mine) params.set('mine', '1');
  if (page !== undefined && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when the filter narrows the list (anything but paging). */
export function isFiltered(filter: ApprovalFilter): boolean {
  const { page: _page, mine: _mine, ...narrowing } = filter;
  return Object.keys(narrowing).length > 0;
}

/** The instants a KST date range covers: [start of `from`, start of the day after `to`). */
export function kstDayRange(filter: Pick<ApprovalFilter, 'from' | 'to'>): { from?: Date; before?: Date } {
  const startOf = (day: string, plusDays = 0) => {
    const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
    return fromKstParts({ year, month, day: dayOfMonth + plusDays, hour: 0, minute: 0, second: 0 });
  };
  return {
    ...(filter.from ? { from: startOf(filter.from) } : {}),
    ...(filter.to ? { before: startOf(filter.to, 1) } : {}),
  };
}
