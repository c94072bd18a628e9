import type { ApprovalLineRuleEntry } from '@/db/schema';
import type { DirectoryPerson } from '@/lib/directory/people';
import type { ApprovalLineRole } from '@/lib/knox-api/approval/types';
import { lineRoleLabel, positionLabel } from './labels';

export type { DirectoryPerson };

/** One entry of a resolved line: who, in which role, and whether they may decide 전결. */
export interface LineEntry {
  epId: string;
  role: LineRole;
  arbitrary: boolean;
}

/** A required entry with the person behind it (forms show name and title). */
export interface RequiredLineEntry extends LineEntry {
  person: DirectoryPerson;
  /** The position the rule names, in Korean (e.g. "요청자의 상급자 (팀장)"). */
  position: string;
}

/** The roles a request may name (결재, 합의, 통보, 후결). */
export type LineRole = Extract<ApprovalLineRole, 'approve' | 'agree' | 'notify' | 'post_approve'>;

/** What a caller may ask for: a bare EP ID (결재) or an entry with a role. */
export type RequestedApprover = string | { epId: string; role?: LineRole; arbitrary?: boolean };

/** The line could not be resolved or the requested line breaks the rule; `message` is Korean. */
export class ApprovalLineRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApprovalLineRefusal';
  }
}

/** Roles a requester may add on top of the rule's entries (Knox has no 참조 role: 참조 goes as 통보). */
export const ADDABLE_ROLES = ['agree', 'notify'] as const satisfies readonly LineRole[];

const who = (person: DirectoryPerson) => `${person.name}${person.epId ? `(${person.epId})` : ''}`;

function holderOf(
  entry: ApprovalLineRuleEntry,
  requester: DirectoryPerson,
  byId: ReadonlyMap<string, DirectoryPerson>,
  directory: readonly DirectoryPerson[],
  ordinal: number,
): DirectoryPerson {
  const position = positionLabel(entry);
  if (entry.kind === 'department_title') {
    const holders = directory.filter(
      (person) => person.department === entry.department && person.title === entry.title,
    );
    if (holders.length === 0)
      throw new ApprovalLineRefusal(`결재선 ${ordinal}번째 ${position}을(를) 조직도에서 찾을 수 없습니다`);
    if (holders.length > 1)
      throw new ApprovalLineRefusal(
        `결재선 ${ordinal}번째 ${position}이(가) 여러 명입니다 (${holders.map(who).join(', ')}): 조직도를 정리하세요`,
      );
    return holders[0]!;
  }
  const manager = requester.managerId ? byId.get(requester.managerId) : undefined;
  const person =
    entry.kind === 'manager' ? manager : manager?.managerId ? byId.get(manager.managerId) : undefined;
  if (!person)
    throw new ApprovalLineRefusal(
      `결재선 ${ordinal}번째 ${position}을(를) 찾을 수 없습니다: 조직도에 ${requester.name}님의 ${entry.kind === 'manager' ? '상급자' : '상급자의 상급자'}가 없습니다`,
    );
  if (person.title !== entry.title)
    throw new ApprovalLineRefusal(
      `결재선 ${ordinal}번째 결재자는 ${entry.title}이어야 하는데 ${who(person)}님은 ${person.title ?? '직책 없음'}입니다`,
    );
  return person;
}

/**
 * The required entries of a rule for one requester: each position resolved in the directory, the
 * holder checked for the title the rule asks for, an EP ID and not being the drafter.
 */
export function resolveRequiredLine(
  rule: readonly ApprovalLineRuleEntry[],
  requester: DirectoryPerson,
  directory: readonly DirectoryPerson[],
): RequiredLineEntry[] {
  if (!rule.some((entry) => entry.role === 'approve'))
    throw new ApprovalLineRefusal('결재선 규칙에 결재 단계가 없습니다. 관리자에게 규칙 수정을 요청하세요');
  const byId = new Map(directory.map((person) => [person.id, person]));
  const seen = new Set<string>();
  return rule.flatMap((entry, index) => {
    const ordinal = index + 1;
    const person = holderOf(entry, requester, byId, directory, ordinal);
    if (person.id === requester.id)
      throw new ApprovalLineRefusal(
        `기안자는 결재선에 들어갈 수 없습니다: 결재선 ${ordinal}번째 ${positionLabel(entry)}이(가) 요청자 본인입니다`,
      );
    if (!person.epId)
      throw new ApprovalLineRefusal(
        `결재선 ${ordinal}번째 ${positionLabel(entry)} ${person.name}님은 Knox EP ID가 없어 결재선에 들 수 없습니다`,
      );
    // Two positions held by one person (a QM member's 팀장 is also the QM 팀장): their first step covers both.
    if (seen.has(person.id)) return [];
    seen.add(person.id);
    return [
      {
        epId: person.epId,
        role: entry.role,
        arbitrary: entry.arbitrary,
        person,
        position: positionLabel(entry),
      },
    ];
  });
}

const missing = (entry: RequiredLineEntry) =>
  new ApprovalLineRefusal(
    `결재선 규칙의 필수 결재자 ${entry.person.name}(${entry.epId}, ${entry.position} ${lineRoleLabel(entry.role)})이(가) 빠졌습니다`,
  );

const normalize = (approver: RequestedApprover) =>
  typeof approver === 'string'
    ? { epId: approver.trim(), role: 'approve' as const, arbitrary: false }
    : {
        epId: approver.epId.trim(),
        role: approver.role ?? 'approve',
        arbitrary: approver.arbitrary ?? false,
      };

/**
 * The line to submit: the rule's required entries when the caller names none; otherwise the
 * caller's line, accepted only when it keeps every required entry in order with its role, adds
 * nothing but 합의 / 통보, grants 전결 nowhere the rule does not, and leaves the drafter out.
 */
export function finalLine(
  required: readonly RequiredLineEntry[],
  requested: readonly RequestedApprover[] | undefined,
  drafterEpId: string,
): LineEntry[] {
  const strip = ({ epId, role, arbitrary }: LineEntry): LineEntry => ({ epId, role, arbitrary });
  if (!requested || requested.length === 0) return required.map(strip);
  const entries = requested.map(normalize);
  const counted = new Set<string>();
  for (const entry of entries) {
    if (counted.has(entry.epId))
      throw new ApprovalLineRefusal(`같은 사람이 결재선에 두 번 들어갈 수 없습니다: ${entry.epId}`);
    counted.add(entry.epId);
    if (entry.epId === drafterEpId) throw new ApprovalLineRefusal('기안자는 결재선에 들어갈 수 없습니다');
  }
  const requiredIndex = new Map(required.map((entry, index) => [entry.epId, index]));
  let next = 0;
  const line: LineEntry[] = entries.map((entry) => {
    const index = requiredIndex.get(entry.epId);
    if (index === undefined) {
      if (!(ADDABLE_ROLES as readonly LineRole[]).includes(entry.role))
        throw new ApprovalLineRefusal(
          `결재선 규칙에 없는 사람은 합의·통보로만 추가할 수 있습니다: ${entry.epId} (${lineRoleLabel(entry.role)})`,
        );
      if (entry.arbitrary)
        throw new ApprovalLineRefusal(
          `전결 권한은 결재선 규칙에서만 정해집니다: ${entry.epId}에게 줄 수 없습니다`,
        );
      return entry;
    }
    const rule = required[index]!;
    if (index !== next) {
      const expected = required[next]!;
      if (!counted.has(expected.epId)) throw missing(expected);
      throw new ApprovalLineRefusal(
        `필수 결재자의 순서를 바꿀 수 없습니다: ${expected.person.name}(${expected.epId}) 다음에 ${rule.person.name}(${rule.epId})`,
      );
    }
    next++;
    if (entry.role !== rule.role)
      throw new ApprovalLineRefusal(
        `${rule.person.name}(${rule.epId})의 역할은 ${lineRoleLabel(rule.role)}입니다: ${lineRoleLabel(entry.role)}(으)로 바꿀 수 없습니다`,
      );
    if (entry.arbitrary && !rule.arbitrary)
      throw new ApprovalLineRefusal(
        `전결 권한은 결재선 규칙에서만 정해집니다: ${rule.person.name}(${rule.epId})에게 줄 수 없습니다`,
      );
    return strip(rule);
  });
  if (next < required.length) throw missing(required[next]!);
  return line;
}
