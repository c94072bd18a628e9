import { describe, expect, it } from 'vitest';
import type { ApprovalLineRuleEntry } from '@/db/schema';
import { type DirectoryPerson, finalLine, resolveRequiredLine } from './resolve';
import { DEFAULT_LINE_RULES } from './rules';

const person = (
  id: string,
  epId: string | null,
  department: string,
  title: string,
  managerId: string | null = null,
): DirectoryPerson => ({ id, name: id, epId, department, title, managerId });

const KIM = person('kim', 'E1001', '구매팀', '선임', 'choi');
const PEER = person('lee', 'E1002', '품질경영팀', '책임', 'han');
const CHOI = person('choi', 'A2001', '구매팀', '팀장', 'jung');
const JUNG = person('jung', 'A2002', '구매본부', '담당임원');
const HAN = person('han', 'A2003', '품질경영팀', '팀장', 'jung');
const DIRECTORY = [KIM, PEER, CHOI, JUNG, HAN];

const registration = DEFAULT_LINE_RULES.vendor_regular_registration!;
const investigation = DEFAULT_LINE_RULES.pq_investigation_request!;
const required = (rule = registration, requester = KIM, directory = DIRECTORY) =>
  resolveRequiredLine(rule, requester, directory);
const plain = (line: ReturnType<typeof required>) =>
  line.map(({ epId, role, arbitrary }) => ({ epId, role, arbitrary }));

describe('resolveRequiredLine', () => {
  it('resolves 정규업체 등록 to the requester’s 팀장 then 담당임원, 전결 only for the 담당임원', () => {
    expect(plain(required())).toEqual([
      { epId: 'A2001', role: 'approve', arbitrary: false },
      { epId: 'A2002', role: 'approve', arbitrary: true },
    ]);
  });

  it('resolves PQ 실사의뢰 to 팀장, the QM 팀장 (합의), then 담당임원', () => {
    expect(plain(required(investigation))).toEqual([
      { epId: 'A2001', role: 'approve', arbitrary: false },
      { epId: 'A2003', role: 'agree', arbitrary: false },
      { epId: 'A2002', role: 'approve', arbitrary: false },
    ]);
  });

  it('lets one person who holds two positions sit once, at the first', () => {
    expect(required(investigation, PEER).map((entry) => entry.epId)).toEqual(['A2003', 'A2002']);
  });

  it('refuses a requester without a manager', () => {
    expect(() => required(registration, { ...KIM, managerId: null })).toThrow(
      '결재선 1번째 요청자의 상급자 (팀장)을(를) 찾을 수 없습니다',
    );
  });

  it('refuses a manager of manager who is missing', () => {
    expect(() => required(registration, KIM, [KIM, { ...CHOI, managerId: null }])).toThrow(
      '상급자의 상급자가 없습니다',
    );
  });

  it('refuses a "manager" who lacks the title the rule asks for (a peer employee)', () => {
    expect(() => required(registration, { ...KIM, managerId: 'lee' })).toThrow(
      '결재선 1번째 결재자는 팀장이어야 하는데 lee(E1002)님은 책임입니다',
    );
  });

  it('refuses a position holder without an EP ID', () => {
    expect(() => required(registration, KIM, [KIM, { ...CHOI, epId: null }, JUNG])).toThrow(
      'Knox EP ID가 없어 결재선에 들 수 없습니다',
    );
  });

  it('refuses when the drafter holds a required position', () => {
    const qmLeadApproves: ApprovalLineRuleEntry[] = [{ ...investigation[1]!, role: 'approve' }];
    expect(() => required(qmLeadApproves, HAN)).toThrow(
      '기안자는 결재선에 들어갈 수 없습니다: 결재선 1번째 품질경영팀 팀장이(가) 요청자 본인입니다',
    );
  });

  it('refuses a department position nobody or several people hold', () => {
    expect(() => required(investigation, KIM, [KIM, CHOI, JUNG])).toThrow(
      '품질경영팀 팀장을(를) 조직도에서 찾을 수 없습니다',
    );
    expect(() =>
      required(investigation, KIM, [...DIRECTORY, person('han2', 'A2009', '품질경영팀', '팀장')]),
    ).toThrow('여러 명입니다');
  });

  it('refuses a rule without a 결재 step', () => {
    const onlyAgree: ApprovalLineRuleEntry[] = [{ ...registration[0]!, role: 'agree' }];
    expect(() => required(onlyAgree)).toThrow('결재선 규칙에 결재 단계가 없습니다');
  });
});

describe('finalLine', () => {
  const line = required();

  it('gives the rule’s line when the caller names no approvers', () => {
    expect(finalLine(line, undefined, 'E1001')).toEqual(plain(line));
    expect(finalLine(line, [], 'E1001')).toEqual(plain(line));
  });

  it('accepts the required entries in order with 합의 and 통보 added anywhere', () => {
    expect(
      finalLine(
        line,
        [{ epId: 'E1002', role: 'agree' }, 'A2001', { epId: 'A2003', role: 'notify' }, 'A2002'],
        'E1001',
      ),
    ).toEqual([
      { epId: 'E1002', role: 'agree', arbitrary: false },
      { epId: 'A2001', role: 'approve', arbitrary: false },
      { epId: 'A2003', role: 'notify', arbitrary: false },
      { epId: 'A2002', role: 'approve', arbitrary: true },
    ]);
  });

  it('refuses a peer employee as the sole approver with 전결 the requester granted', () => {
    expect(() => finalLine(line, [{ epId: 'E1002', arbitrary: true }], 'E1001')).toThrow(
      '결재선 규칙에 없는 사람은 합의·통보로만 추가할 수 있습니다: E1002 (결재)',
    );
  });

  it('refuses a line that leaves a required approver out', () => {
    expect(() => finalLine(line, ['A2001'], 'E1001')).toThrow(
      '결재선 규칙의 필수 결재자 jung(A2002, 상급자의 상급자 (담당임원) 결재)이(가) 빠졌습니다',
    );
    expect(() => finalLine(line, ['A2002'], 'E1001')).toThrow('필수 결재자 choi(A2001');
  });

  it('refuses required approvers in another order', () => {
    expect(() => finalLine(line, ['A2002', 'A2001'], 'E1001')).toThrow(
      '필수 결재자의 순서를 바꿀 수 없습니다: choi(A2001) 다음에 jung(A2002)',
    );
  });

  it('refuses a required approver in another role', () => {
    expect(() => finalLine(line, [{ epId: 'A2001', role: 'agree' }, 'A2002'], 'E1001')).toThrow(
      'choi(A2001)의 역할은 결재입니다: 합의(으)로 바꿀 수 없습니다',
    );
  });

  it('refuses 전결 the rule does not grant, on a required or an added entry', () => {
    expect(() => finalLine(line, [{ epId: 'A2001', arbitrary: true }, 'A2002'], 'E1001')).toThrow(
      '전결 권한은 결재선 규칙에서만 정해집니다: choi(A2001)에게 줄 수 없습니다',
    );
    expect(() =>
      finalLine(line, ['A2001', 'A2002', { epId: 'E1002', role: 'agree', arbitrary: true }], 'E1001'),
    ).toThrow('전결 권한은 결재선 규칙에서만 정해집니다: E1002에게 줄 수 없습니다');
  });

  it('keeps the rule’s 전결 even when the caller leaves it off', () => {
    expect(finalLine(line, ['A2001', 'A2002'], 'E1001')[1]).toMatchObject({ arbitrary: true });
  });

  it('refuses added 결재 or 후결 entries', () => {
    expect(() =>
      finalLine(line, ['A2001', 'A2002', { epId: 'A2003', role: 'post_approve' }], 'E1001'),
    ).toThrow('합의·통보로만 추가할 수 있습니다: A2003 (후결)');
  });

  it('refuses the drafter and duplicates', () => {
    expect(() => finalLine(line, ['A2001', 'A2002', { epId: 'E1001', role: 'notify' }], 'E1001')).toThrow(
      '기안자는 결재선에 들어갈 수 없습니다',
    );
    expect(() => finalLine(line, ['A2001', 'A2002', { epId: 'A2001', role: 'notify' }], 'E1001')).toThrow(
      '같은 사람이 결재선에 두 번 들어갈 수 없습니다: A2001',
    );
  });
});
