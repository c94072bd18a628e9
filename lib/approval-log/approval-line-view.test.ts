import { describe, expect, it } from 'vitest';
import { approvalLineRows, type LinePerson } from './approval-line-view';

const people = new Map<string, LinePerson>([
  ['E1001', { name: '김구매', title: '선임', department: '구매팀' }],
  ['A2001', { name: '최팀장', title: '팀장', department: '구매팀' }],
  ['A2002', { name: '정상무', title: '상무', department: '구매본부' }],
]);
const requester = { epId: 'E1001', name: '김구매' };

const summary = (rows: ReturnType<typeof approvalLineRows>) =>
  rows.map((row) => [row.roleLabel, row.name, row.titleName, row.statusLabel].filter(Boolean).join(' '));

describe('approvalLineRows', () => {
  it('shows the line as submitted (our entries: roles as words, no seq, no drafter) with the drafter first', () => {
    const submitted = [
      { epId: 'A2001', userId: 'usr_choi', emailAddress: 'choi.teamlead@example.com', role: 'approve' },
      { epId: 'A2002', userId: 'usr_jung', role: 'agree', arbitrary: true },
    ];
    const rows = approvalLineRows({ line: submitted, requester, people });
    expect(summary(rows)).toEqual([
      '기안 김구매 선임 상신',
      '결재 최팀장 팀장 미결',
      '합의 정상무 상무 미결',
    ]);
    expect(JSON.stringify(rows)).not.toContain('NaN');
    expect(rows[1]).toMatchObject({ departmentName: '구매팀', actedAt: null, opinion: null });
  });

  it("shows Knox's line as its detail call reports it (numeric strings, times, opinions)", () => {
    const knox = [
      {
        epId: 'A2002',
        seq: '2',
        role: '1',
        aplnStatsCode: '0',
        name: '정상무',
        titleName: '상무',
        departmentName: '구매본부',
        actPrssDt: null,
      },
      {
        epId: 'E1001',
        seq: '0',
        role: '0',
        aplnStatsCode: '1',
        name: '김구매',
        titleName: '선임',
        departmentName: '구매팀',
        actPrssDt: '20261202101500',
      },
      {
        epId: 'A2001',
        seq: 1,
        role: 1,
        aplnStatsCode: 1,
        name: '최팀장',
        titleName: '팀장',
        departmentName: '구매팀',
        opinion: '검토했습니다',
        actPrssDt: '20261202103000',
      },
    ];
    const rows = approvalLineRows({ line: knox, requester, people: new Map() });
    expect(summary(rows)).toEqual([
      '기안 김구매 선임 상신',
      '결재 최팀장 팀장 결재',
      '결재 정상무 상무 미결',
    ]);
    expect(rows[1]!.opinion).toBe('검토했습니다');
    // 10:30 KST is 01:30 UTC.
    expect(rows[1]!.actedAt?.toISOString()).toBe('2026-12-02T01:30:00.000Z');
    expect(rows[1]!.tone).toBe('success');
  });

  it('with no line at all, still the drafter; unreadable entries are skipped, unknown codes named, never NaN', () => {
    expect(summary(approvalLineRows({ line: [], requester, people }))).toEqual(['기안 김구매 선임 상신']);
    const odd = [
      null,
      'x',
      { seq: 1 },
      { epId: 'A2001', role: 'boss', aplnStatsCode: 'late' },
      { epId: 'A2002', role: 8, aplnStatsCode: 4 },
    ];
    const rows = approvalLineRows({ line: odd, requester: { epId: 'E7777', name: null }, people });
    expect(summary(rows)).toEqual([
      '기안 E7777 상신',
      '결재 최팀장 팀장 미결',
      '역할 8 정상무 상무 알 수 없는 상태',
    ]);
    expect(JSON.stringify(rows)).not.toContain('NaN');
  });

  it('parallel steps as submitted keep their order', () => {
    const line = [
      { epId: 'A2002', role: 'parallel_agree' },
      { epId: 'A2001', role: 'parallel_agree' },
      { epId: 'E1001', role: 'notify' },
    ];
    expect(summary(approvalLineRows({ line, requester: { epId: 'E9001', name: '관리자' }, people }))).toEqual(
      ['기안 관리자 상신', '병렬합의 정상무 상무 미결', '병렬합의 최팀장 팀장 미결', '통보 김구매 선임 미결'],
    );
  });
});
