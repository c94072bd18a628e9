/**
 * Korean Standard Time, the company's wall clock, and the one date-time format people read:
 * `2026-12-02 04:50` (KST). Every page, the CLI, CSV, documents, Knox time stamps and Knox ids turn
 * an instant into Korean fields through the single Intl formatter below, so no code adds offsets by
 * hand and the host's time zone never matters.
 */

/** Korea has kept GMT+9 without daylight saving since 1988: a wall-clock time maps to one instant. */
export const KST_TIME_ZONE = 'Asia/Seoul';
const KST_UTC_OFFSET = '+09:00';

export interface KstParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const fields = new Intl.DateTimeFormat('en-US', {
  timeZone: KST_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The KST calendar and clock fields of an instant; RangeError for an invalid Date. */
export function kstParts(date: Date): KstParts {
  if (Number.isNaN(date.getTime())) throw new RangeError('kstParts: invalid date');
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of fields.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The instant the given KST wall-clock fields stand for (fields out of range roll over, as Date does). */
export function fromKstParts(parts: KstParts): Date {
  const { year, month, day, hour, minute, second } = parts;
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const iso = utc.toISOString().slice(0, 19);
  return new Date(`${iso}${KST_UTC_OFFSET}`);
}

/** yyyy-MM-dd in KST, the date a Korean reader expects on a document. */
export function kstDate(date: Date = new Date()): string {
  const { year, month, day } = kstParts(date);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** yyyyMMdd in KST (compact, for comparing days). */
export function kstCompactDate(date: Date = new Date()): string {
  return kstDate(date).replaceAll('-', '');
}

/** yyyyMMddHHmmss in KST: Knox's time stamps and the time inside our Knox ids. */
export function kstCompactDateTime(date: Date = new Date()): string {
  const { hour, minute, second } = kstParts(date);
  return `${kstCompactDate(date)}${pad(hour)}${pad(minute)}${pad(second)}`;
}

/** The KST calendar year of an instant. */
export function kstYear(date: Date = new Date()): number {
  return kstParts(date).year;
}

/** `2026-12-02 04:50` in KST: the one way a date-time is shown anywhere people read it. */
export function kstDateTime(date: Date): string {
  const { hour, minute } = kstParts(date);
  return `${kstDate(date)} ${pad(hour)}:${pad(minute)}`;
}

/** `2026-12-02 04:50:07`: the same, with seconds, for schedules that run every few seconds. */
export function kstDateTimeSeconds(date: Date): string {
  return `${kstDateTime(date)}:${pad(kstParts(date).second)}`;
}

type Instant = Date | string | number | null | undefined;

function toDate(value: Instant): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * For display: the KST date-time of a Date, an ISO string or epoch milliseconds, or `empty`
 * (`—` on pages, `-` in the CLI) when there is none or it cannot be read.
 */
export function formatDateTime(value: Instant, empty = '—'): string {
  const date = toDate(value);
  return date ? kstDateTime(date) : empty;
}

/** For display: the KST date (`2026-12-02`), or `empty`. */
export function formatDate(value: Instant, empty = '—'): string {
  const date = toDate(value);
  return date ? kstDate(date) : empty;
}

/** For display: the KST date-time with seconds, or `empty`. */
export function formatDateTimeSeconds(value: Instant, empty = '—'): string {
  const date = toDate(value);
  return date ? kstDateTimeSeconds(date) : empty;
}
