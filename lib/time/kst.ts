/**
 * Korean Standard Time, the company's wall clock: GMT+9, no daylight saving since 1988, so a fixed
 * offset is exact and needs no time-zone database. Every conversion of an instant to a Korean date
 * or time of day goes through here (documents, vendor-code years, Knox's yyyyMMddHHmmss).
 */
export const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

export interface KstParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The KST calendar and clock fields of an instant; RangeError for an invalid Date. */
export function kstParts(date: Date): KstParts {
  if (Number.isNaN(date.getTime())) throw new RangeError('kstParts: invalid date');
  const kst = new Date(date.getTime() + KST_OFFSET_MS);
  return {
    year: kst.getUTCFullYear(),
    month: kst.getUTCMonth() + 1,
    day: kst.getUTCDate(),
    hour: kst.getUTCHours(),
    minute: kst.getUTCMinutes(),
    second: kst.getUTCSeconds(),
  };
}

/** The instant the given KST wall-clock fields stand for. */
export function fromKstParts(parts: KstParts): Date {
  const { year, month, day, hour, minute, second } = parts;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - KST_OFFSET_MS);
}

/** yyyy-MM-dd in KST, the date a Korean reader expects on a document. */
export function kstDate(date: Date = new Date()): string {
  const { year, month, day } = kstParts(date);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** yyyy-MM-dd HH:mm:ss in KST: a time a spreadsheet reads as one (CSV exports). */
export function kstDateTime(date: Date): string {
  const { hour, minute, second } = kstParts(date);
  return `${kstDate(date)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** yyyyMMdd in KST (compact, for comparing days). */
export function kstCompactDate(date: Date = new Date()): string {
  return kstDate(date).replaceAll('-', '');
}

/** The KST calendar year of an instant. */
export function kstYear(date: Date = new Date()): number {
  return kstParts(date).year;
}
