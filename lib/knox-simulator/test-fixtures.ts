/** Builders for simulator tests: a Knox submit body as the client sends it (strings everywhere). */

export interface LineSpec {
  epId: string;
  seq: number;
  role: number;
  arb?: boolean;
  opinion?: string;
}

export const drafter = (epId = 'E1001', opinion = '검토 부탁드립니다.'): LineSpec => ({
  epId,
  seq: 0,
  role: 0,
  opinion,
});

export function submitBody(apInfId: string, line: LineSpec[], overrides: Record<string, unknown> = {}) {
  return {
    subject: `[PQ 실사의뢰] 테스트 문서 ${apInfId}`,
    contents: '<p>본문</p><table><tr><td>항목</td><td>값</td></tr></table>',
    contentsType: 'HTML',
    docSecuType: 'PERSONAL',
    notifyOption: '0',
    urgYn: 'N',
    importantYn: 'N',
    sbmDt: '20261121140000',
    timeZone: 'GMT+9',
    docMngSaveCode: '0',
    sbmLang: 'ko',
    apInfId,
    aplns: line.map((entry) => ({
      epId: entry.epId,
      userId: entry.epId.toLowerCase(),
      emailAddress: `${entry.epId.toLowerCase()}@example.com`,
      seq: String(entry.seq),
      role: String(entry.role),
      aplnStatsCode: '0',
      arbPmtYn: entry.arb ? 'Y' : 'N',
      contentsMdfyPmtYn: 'N',
      aplnMdfyPmtYn: 'N',
      ...(entry.opinion ? { opinion: entry.opinion } : {}),
    })),
    attachments: [],
    ...overrides,
  };
}

/** A clock that moves one minute forward on every reading, from 2026-11-21 05:00:00Z (14:00 KST). */
export function steppingClock(start = Date.UTC(2026, 10, 21, 5, 0, 0)) {
  let tick = 0;
  return () => new Date(start + tick++ * 60_000);
}
