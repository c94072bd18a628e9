import { describe, expect, it } from 'vitest';
import { rejectingApprover, tellsFor } from './notification-messages';

const facts = (toStatus: string, reason: string | null = null, approvalLine: unknown = []) => ({
  toStatus,
  actionTitle: '정규업체 등록',
  requesterName: '김구매',
  reason,
  approvalLine,
});

const line = [
  { epId: 'A2001', name: '최팀장', aplnStatsCode: 2, opinion: '서류 미비' },
  { epId: 'A2002', name: '정상무', aplnStatsCode: 0 },
];

describe('tellsFor', () => {
  it('a rejection names the approver and the opinion', () => {
    expect(tellsFor(facts('rejected', '서류 미비', line))).toEqual([
      {
        audience: 'requester',
        kind: 'rejected',
        message: '정규업체 등록 결재가 반려되었습니다 — 최팀장: 서류 미비',
      },
    ]);
    expect(tellsFor(facts('rejected', null, line))[0]!.message).toBe(
      '정규업체 등록 결재가 반려되었습니다 — 최팀장',
    );
    expect(tellsFor(facts('rejected', '  ', []))[0]!.message).toBe('정규업체 등록 결재가 반려되었습니다');
  });

  it('a failure tells the requester and the admins, with the reason', () => {
    expect(tellsFor(facts('failed', '액션 실행 실패: 잠김'))).toEqual([
      {
        audience: 'requester',
        kind: 'failed',
        message: '정규업체 등록 요청이 실패했습니다 — 액션 실행 실패: 잠김',
      },
      {
        audience: 'admins',
        kind: 'action_failed',
        message: '김구매님의 정규업체 등록 요청이 실패했습니다 — 액션 실행 실패: 잠김',
      },
    ]);
  });

  it('executed, withdrawn and expired tell the requester; other moves nobody', () => {
    expect(tellsFor(facts('executed')).map((tell) => tell.message)).toEqual([
      '정규업체 등록 결재가 승인되어 처리되었습니다',
    ]);
    expect(tellsFor(facts('withdrawn', '중복 요청'))[0]).toMatchObject({
      kind: 'withdrawn',
      message: '정규업체 등록 결재가 상신취소되었습니다 — 중복 요청',
    });
    expect(tellsFor(facts('expired'))[0]).toMatchObject({ kind: 'expired' });
    for (const status of ['pending', 'submit_unknown', 'resolved', 'executing']) {
      expect(tellsFor(facts(status))).toEqual([]);
    }
  });

  it('a long reason is cut to one readable sentence', () => {
    const [tell] = tellsFor(facts('failed', 'x'.repeat(2_000)));
    expect(tell!.message.length).toBe(500);
    expect(tell!.message.endsWith('…')).toBe(true);
  });
});

describe('rejectingApprover', () => {
  it('reads the rejecting entry of the line, by name or EP ID', () => {
    expect(rejectingApprover(line)).toBe('최팀장');
    expect(rejectingApprover([{ epId: 'A2002', aplnStatsCode: 6 }])).toBe('A2002');
    expect(rejectingApprover([{ epId: 'A2001', aplnStatsCode: 1 }])).toBeNull();
    expect(rejectingApprover('not a line')).toBeNull();
  });
});
