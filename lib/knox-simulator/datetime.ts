/** Knox reports times as `yyyyMMddHHmmss` in the caller's zone; our documents use GMT+9 (no DST). */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

export function formatKnoxDateTime(date: Date): string {
  const kst = new Date(date.getTime() + KST_OFFSET_MS);
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    String(kst.getUTCFullYear()).padStart(4, '0') +
    pad(kst.getUTCMonth() + 1) +
    pad(kst.getUTCDate()) +
    pad(kst.getUTCHours()) +
    pad(kst.getUTCMinutes()) +
    pad(kst.getUTCSeconds())
  );
}

/** The instant a GMT+9 `yyyyMMddHHmmss` stands for; undefined when the text is not one. */
export function parseKnoxDateTime(text: string | null | undefined): Date | undefined {
  const match = text ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - KST_OFFSET_MS);
}
