import { describe, expect, it } from 'vitest';
import { approvalCsv, csvCell, toCsv, UTF8_BOM } from './csv';
import type { ApprovalListItem } from './queries';

describe('CSV encoding', () => {
  it('starts with the UTF-8 BOM and ends every line with CRLF', () => {
    const text = toCsv([
      ['a', 'b'],
      ['정규업체 등록', '반려'],
    ]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toBe(`${UTF8_BOM}a,b\r\n정규업체 등록,반려\r\n`);
    // The BOM is the three bytes Excel looks for.
    expect([...Buffer.from(text, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('그는 "좋다"고')).toBe('"그는 ""좋다""고"');
    expect(csvCell('줄\n바꿈')).toBe('"줄\n바꿈"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('neutralises cells a spreadsheet would run as a formula (= + - @, tab, CR)', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell('+82 10')).toBe("'+82 10");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('approvalCsv', () => {
  const item: ApprovalListItem = {
    apInfId: 'AP1',
    title: '=cmd|calc',
    knoxStatus: 2,
    requesterId: 'usr_kim',
    requesterName: '김구매',
    requesterEpId: 'E1001',
    submittedAt: new Date('2026-12-02T01:30:00Z'),
    decidedAt: new Date('2026-12-02T02:00:05Z'),
    lastSyncedAt: null,
    createdAt: new Date('2026-12-02T01:29:59Z'),
    updatedAt: new Date('2026-12-02T02:00:05Z'),
    action: {
      id: 1,
      actionType: 'vendor_regular_registration',
      status: 'failed',
      attempts: 1,
      errorMessage: '업체 잠김',
      executedAt: null,
      approvalBypassed: false,
      updatedAt: new Date('2026-12-02T02:00:05Z'),
    },
  };

  it('writes Korean headers and labels, KST times, and the bucket rule (승인 + 실패 = 실행 실패)', () => {
    const lines = approvalCsv([item], () => '정규업체 등록')
      .slice(1)
      .split('\r\n');
    expect(lines[0]).toBe(
      '문서 ID,제목,요청 작업,구분,Knox 상태,처리 상태,요청자,요청자 EP ID,상신일시,결정일시,실행일시,오류 메시지',
    );
    expect(lines[1]).toBe(
      "AP1,'=cmd|calc,정규업체 등록,실행 실패,완결,실행 실패,김구매,E1001,2026-12-02 10:30,2026-12-02 11:00,,업체 잠김",
    );
    expect(lines[2]).toBe('');
  });
});
