/**
 * Knox's time stamps: `yyyyMMddHHmmss` on the company's wall clock (GMT+9), whatever the host's
 * zone. The one codec for the client, the simulator and the pages that show Knox times.
 */
import { fromKstParts, kstCompactDateTime } from '@/lib/time/kst';

/** `yyyyMMddHHmmss` in KST; RangeError for an invalid Date. */
export function formatKnoxDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('formatKnoxDateTime: invalid date');
  return kstCompactDateTime(date);
}

/** Reads a Knox `yyyyMMddHHmmss` (KST) time stamp; throws RangeError on anything else. */
export function parseKnoxDateTime(value: string | number): Date {
  const text = String(value).trim();
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`Not a Knox date-time (yyyyMMddHHmmss): "${text}"`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = fromKstParts({ year, month, day, hour, minute, second });
  // Date.UTC rolls 20240231 over into March: refuse instead of silently moving the day.
  if (formatKnoxDateTime(date) !== text) throw new RangeError(`Not a valid Knox date-time: "${text}"`);
  return date;
}

/** For display and optional fields: the instant, or undefined when the value is absent or not one. */
export function tryParseKnoxDateTime(value: string | number | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    return parseKnoxDateTime(value);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
