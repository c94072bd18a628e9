import { randomBytes } from 'node:crypto';
import { KNOX_AP_INF_ID_MAX_LENGTH } from '@/lib/knox-api/approval/codes';
import { kstCompactDateTime } from '@/lib/time/kst';

/**
 * A new Knox document id: `AP` + KST yyyyMMddHHmmss + 12 random base36 characters = 28 characters.
 * The date is the Korean one, the date its readers see on the document. Time first so ids sort roughly by creation; 62 bits of randomness make a clash practically impossible
 * even across instances.
 */
export function generateApInfId(
  now: Date = new Date(),
  random: (bytes: number) => Buffer = randomBytes,
): string {
  const stamp = kstCompactDateTime(now);
  const suffix = (random(8).readBigUInt64BE() % 36n ** 12n).toString(36).toUpperCase().padStart(12, '0');
  const id = `AP${stamp}${suffix}`;
  if (id.length > KNOX_AP_INF_ID_MAX_LENGTH) throw new RangeError(`apInfId too long: ${id}`);
  return id;
}
