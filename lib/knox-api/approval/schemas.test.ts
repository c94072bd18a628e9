import { describe, expect, it } from 'vitest';
import {
  detailResponseSchema,
  failResponseSchema,
  statusResponseSchema,
  submitRequestSchema,
  submitResponseSchema,
} from './schemas';

// Knox sends the same fields as strings in some answers and as JSON numbers in others.
const detailFixture = (encode: (value: string) => string | number) => ({
  result: 'success',
  statusCode: encode('200'),
  data: {
    apInfId: 'AP-1',
    systemId: 'KNOX-SIM',
    subject: '구매 요청',
    contentsType: 'HTML',
    contents: '<p>본문</p>',
    status: encode('5'),
    sbmDt: encode('20261121120405'),
    sbmLang: 'ko',
    timeZone: 'GMT+9',
    notifyOption: encode('0'),
    urgYn: 'N',
    docSecuType: 'PERSONAL',
    docChgNum: encode('3'),
    aplns: [
      {
        epId: 'E1001',
        seq: encode('0'),
        role: encode('0'),
        aplnStatsCode: encode('1'),
        opinion: '상신합니다',
      },
      {
        epId: 'A2002',
        seq: encode('1'),
        role: encode('1'),
        aplnStatsCode: encode('3'),
        arbPmtYn: 'Y',
        name: '정이사',
        actPrssDt: encode('20261121130000'),
        docArvDt: encode('20261121120405'),
        docOpenDt: encode('20261121125959'),
        opinion: '전결합니다',
      },
    ],
  },
});

describe('response schemas accept both number encodings', () => {
  it.each([
    ['strings', (value: string) => value],
    ['JSON numbers', (value: string) => Number(value)],
  ])('detail with %s', (_name, encode) => {
    const parsed = detailResponseSchema.parse(detailFixture(encode));
    expect(parsed.data.status).toBe(5);
    expect(parsed.data.docChgNum).toBe(3);
    expect(parsed.data.sbmDt).toBe('20261121120405');
    expect(parsed.data.notifyOption).toBe('0');
    expect(parsed.data.aplns.map((entry) => [entry.seq, entry.role, entry.aplnStatsCode])).toEqual([
      [0, 0, 1],
      [1, 1, 3],
    ]);
    expect(parsed.data.aplns[1]?.actPrssDt).toBe('20261121130000');
  });

  it.each([
    ['strings', { apInfId: 'AP-1', docChgNum: '2', status: '-1' }],
    ['JSON numbers', { apInfId: 'AP-1', docChgNum: 2, status: -1 }],
  ])('status with %s', (_name, entry) => {
    expect(statusResponseSchema.parse({ result: 'success', data: [entry], statusCode: '200' }).data).toEqual([
      { apInfId: 'AP-1', docChgNum: 2, status: -1 },
    ]);
  });

  it('defaults a missing docChgNum to 0 and refuses a non-numeric status', () => {
    expect(
      statusResponseSchema.parse({ result: 'success', data: [{ apInfId: 'A', status: '1' }] }).data[0],
    ).toEqual({
      apInfId: 'A',
      docChgNum: 0,
      status: 1,
    });
    expect(
      statusResponseSchema.safeParse({ result: 'success', data: [{ apInfId: 'A', status: 'done' }] }).success,
    ).toBe(false);
    expect(
      statusResponseSchema.safeParse({ result: 'success', data: [{ apInfId: 'A', status: 1.5 }] }).success,
    ).toBe(false);
  });

  it('reads the submit echo and the fail envelope', () => {
    expect(
      submitResponseSchema.parse({ result: 'success', data: { apInfId: 'X' }, statusCode: 200 }).data.apInfId,
    ).toBe('X');
    const fail = failResponseSchema.parse({
      result: 'fail',
      errorDetail: { url: '/x', errorCode: 'APE020', errorMessage: null, detailMessages: ['없음'] },
    });
    expect(fail.errorDetail?.errorCode).toBe('APE020');
    expect(failResponseSchema.safeParse({ result: 'success', data: {} }).success).toBe(false);
  });
});

describe('submitRequestSchema (what the simulator accepts)', () => {
  const body = {
    subject: 's',
    contents: '<p>c</p>',
    contentsType: 'HTML',
    docSecuType: 'PERSONAL',
    notifyOption: '0',
    urgYn: 'N',
    sbmDt: '20261121120405',
    timeZone: 'GMT+9',
    docMngSaveCode: '0',
    sbmLang: 'ko',
    apInfId: 'AP-1',
    aplns: [{ epId: 'E1001', seq: '0', role: '0', opinion: '' }],
  };

  it('accepts seq and role as strings or numbers', () => {
    expect(submitRequestSchema.parse(body).aplns[0]).toMatchObject({ seq: 0, role: 0, aplnStatsCode: 0 });
    expect(
      submitRequestSchema.parse({ ...body, aplns: [{ epId: 'E1', seq: 1, role: 1 }] }).aplns[0],
    ).toMatchObject({
      seq: 1,
      role: 1,
    });
  });

  it('refuses an empty line and a malformed sbmDt', () => {
    expect(submitRequestSchema.safeParse({ ...body, aplns: [] }).success).toBe(false);
    expect(submitRequestSchema.safeParse({ ...body, sbmDt: '2026-11-21' }).success).toBe(false);
  });
});
