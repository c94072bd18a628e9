import { describe, expect, it } from 'vitest';
import { approvalFilterQuery, isFiltered, kstDayRange, parseApprovalFilter } from './filters';

const TYPES = ['vendor_regular_registration', 'pq_investigation_request'];

describe('parseApprovalFilter', () => {
  it('reads every filter from the URL; empty values are no filter', () => {
    const parsed = parseApprovalFilter(
      {
        q: ' 대한 ',
        bucket: 'failed',
        action: 'failed',
        status: '2',
        type: 'vendor_regular_registration',
        from: '2026-12-01',
        to: '2026-12-02',
        mine: '1',
        page: '3',
        unrelated: 'x',
      },
      TYPES,
    );
    expect(parsed).toEqual({
      ok: true,
      filter: {
        q: '대한',
        bucket: 'failed',
        action: 'failed',
        status: 2,
        type: 'vendor_regular_registration',
        from: '2026-12-01',
        to: '2026-12-02',
        mine: true,
        page: 3,
      },
    });
    expect(parseApprovalFilter({ q: '', status: '', bucket: '' }, TYPES)).toEqual({ ok: true, filter: {} });
  });

  it('reads URLSearchParams the same way (the CSV route)', () => {
    const parsed = parseApprovalFilter(new URLSearchParams('bucket=reject&from=2026-11-30'), TYPES);
    expect(parsed).toEqual({ ok: true, filter: { bucket: 'reject', from: '2026-11-30' } });
  });

  it('says in Korean what is wrong instead of guessing', () => {
    const bad = parseApprovalFilter(
      { status: '9', bucket: 'soon', action: 'done', type: 'drop_table', from: '2026-02-30', page: '0' },
      TYPES,
    );
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        'Knox 상태: 알 수 없는 Knox 상태 코드입니다',
        '구분: 알 수 없는 구분입니다',
        '처리 상태: 알 수 없는 처리 상태입니다',
        '요청 작업: 알 수 없는 요청 작업입니다',
        '시작일은 YYYY-MM-DD 형식의 날짜여야 합니다',
        '페이지는 1 이상의 정수여야 합니다',
      ]),
    );
    expect(parseApprovalFilter({ from: '2026-12-05', to: '2026-12-01' }, TYPES)).toEqual({
      ok: false,
      errors: ['종료일은 시작일과 같거나 그 이후여야 합니다'],
    });
    expect(parseApprovalFilter({ status: ['1', '2'] }, TYPES)).toMatchObject({
      ok: false,
      errors: ['Knox 상태: 한 번만 지정할 수 있습니다'],
    });
    expect(parseApprovalFilter({ status: 'abc' }, TYPES).ok).toBe(false);
  });
});

describe('approvalFilterQuery', () => {
  it('round-trips through the parser', () => {
    const filter = { q: 'a b', bucket: 'wait' as const, status: 1, from: '2026-12-01', mine: true };
    const query = approvalFilterQuery(filter, 2);
    expect(query).toBe('?q=a+b&bucket=wait&status=1&from=2026-12-01&mine=1&page=2');
    expect(parseApprovalFilter(new URLSearchParams(query.slice(1)), TYPES)).toEqual({
      ok: true,
      filter: { ...filter, page: 2 },
    });
    expect(approvalFilterQuery({})).toBe('');
    expect(isFiltered({ page: 2, mine: true })).toBe(false);
    expect(isFiltered({ action: 'failed' })).toBe(true);
  });
});

describe('kstDayRange', () => {
  it('covers whole KST days: from midnight KST of `from` to midnight KST after `to`', () => {
    expect(kstDayRange({ from: '2026-12-01', to: '2026-12-31' })).toEqual({
      from: new Date('2026-11-30T15:00:00Z'),
      before: new Date('2026-12-31T15:00:00Z'),
    });
    expect(kstDayRange({})).toEqual({});
  });
});
