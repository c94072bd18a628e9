/**
 * Pure mapping from our own types to Knox's wire bodies (knox-api.md, "Submit body"). Nothing here
 * touches the network or the clock unless the caller leaves `submittedAt` out.
 */
import { KNOX_LINE_ROLE, KNOX_LINE_STATUS, LINE_ROLE_CODES } from './codes';

export { LINE_ROLE_CODES };

import { formatKnoxDateTime } from './date-time';
import { KnoxInvalidRequestError } from './errors';
import { type SubmitRequestWire, submitRequestSchema } from './schemas';
import type { ApprovalLineEntryInput, ApprovalLineRole, SubmitApprovalInput } from './types';

/** Our line role for a Knox `role` code, or undefined for the drafter and unknown codes. */
export function lineRoleFromCode(code: number): ApprovalLineRole | undefined {
  const entry = Object.entries(LINE_ROLE_CODES).find(([, value]) => value === code);
  return entry?.[0] as ApprovalLineRole | undefined;
}

const PARALLEL_ROLES: ReadonlySet<ApprovalLineRole> = new Set(['parallel_agree', 'parallel_approve']);

/**
 * The `seq` of each line entry (drafter excluded), as numbers. Entries follow one another 1, 2, 3…;
 * a run of adjacent entries with the same parallel role (병렬합의 or 병렬결재) forms one step and
 * shares a seq, because that is what "parallel" means in a sequential line: all of them receive the
 * document at once and the next step waits for the whole group.
 */
export function lineSequence(line: readonly Pick<ApprovalLineEntryInput, 'role'>[]): number[] {
  const seqs: number[] = [];
  let seq = 0;
  line.forEach((entry, index) => {
    const previous = index > 0 ? line[index - 1] : undefined;
    const joinsGroup =
      previous !== undefined && PARALLEL_ROLES.has(entry.role) && previous.role === entry.role;
    if (!joinsGroup) seq += 1;
    seqs.push(seq);
  });
  return seqs;
}

const yn = (flag: boolean | undefined): 'Y' | 'N' => (flag ? 'Y' : 'N');

/** Drops undefined optional fields so the JSON body carries only what we mean to send. */
function person(entry: { epId: string; userId?: string; emailAddress?: string }) {
  return {
    epId: entry.epId.trim(),
    ...(entry.userId ? { userId: entry.userId } : {}),
    ...(entry.emailAddress ? { emailAddress: entry.emailAddress } : {}),
  };
}

/**
 * Our submit input → Knox's submit body. Every number-like field is a string. Throws
 * KnoxInvalidRequestError (nothing is sent) when the input cannot make a valid Knox document.
 */
export function toSubmitBody(input: SubmitApprovalInput): SubmitRequestWire {
  const problems: string[] = [];
  if (!input.drafter?.epId?.trim()) problems.push('the drafter has no EP ID');
  if (!Array.isArray(input.line) || input.line.length === 0) problems.push('the approval line is empty');
  (input.line ?? []).forEach((entry, index) => {
    if (!entry.epId?.trim()) problems.push(`line entry ${index + 1} has no EP ID`);
    if (!(entry.role in LINE_ROLE_CODES))
      problems.push(`line entry ${index + 1} has an unknown role "${entry.role}"`);
  });
  if (problems.length > 0)
    throw new KnoxInvalidRequestError(`Invalid approval submission: ${problems.join('; ')}`);

  const seqs = lineSequence(input.line);
  const body: SubmitRequestWire = {
    subject: input.subject,
    contents: input.contents,
    contentsType: 'HTML',
    docSecuType: 'PERSONAL',
    notifyOption: input.notifyAll ? '1' : '0',
    urgYn: yn(input.urgent),
    importantYn: yn(input.important),
    sbmDt: formatKnoxDateTime(input.submittedAt ?? new Date()),
    timeZone: 'GMT+9',
    docMngSaveCode: '0',
    sbmLang: 'ko',
    apInfId: input.apInfId,
    aplns: [
      {
        ...person(input.drafter),
        seq: '0',
        role: String(KNOX_LINE_ROLE.DRAFTER),
        aplnStatsCode: String(KNOX_LINE_STATUS.PENDING),
        arbPmtYn: 'N',
        contentsMdfyPmtYn: 'N',
        aplnMdfyPmtYn: 'N',
        opinion: input.drafter.opinion ?? '',
      },
      ...input.line.map((entry, index) => ({
        ...person(entry),
        seq: String(seqs[index]),
        role: String(LINE_ROLE_CODES[entry.role]),
        aplnStatsCode: String(KNOX_LINE_STATUS.PENDING),
        arbPmtYn: yn(entry.arbitrary),
        contentsMdfyPmtYn: 'N' as const,
        aplnMdfyPmtYn: 'N' as const,
      })),
    ],
    attachments: (input.attachments ?? []).map(({ contentType, fileName, contents }) => ({
      contentType,
      fileName,
      contents,
    })),
  };

  // The same schema the simulator applies to what it receives: a body it would refuse never leaves.
  const checked = submitRequestSchema.safeParse(body);
  if (!checked.success) {
    const detail = checked.error.issues
      .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
      .join('; ');
    throw new KnoxInvalidRequestError(`Invalid approval submission: ${detail}`);
  }
  return body;
}
