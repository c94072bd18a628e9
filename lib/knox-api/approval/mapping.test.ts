import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KnoxInvalidRequestError, KnoxRefusedError } from './errors';
import { lineRoleFromCode, lineSequence, toSubmitBody } from './mapping';
import { submitRequestSchema } from './schemas';
import type { ApprovalLineRole, SubmitApprovalInput } from './types';

const baseInput = (overrides: Partial<SubmitApprovalInput> = {}): SubmitApprovalInput => ({
  apInfId: 'AP20261121-0001',
  subject: '정규업체 등록 요청',
  contents: '<p>업체: 한빛상사</p>',
  drafter: { epId: 'E1001', emailAddress: 'kim.employee@example.com', opinion: '검토 부탁드립니다.' },
  line: [
    { epId: 'A2001', role: 'approve' },
    { epId: 'A2002', role: 'approve', arbitrary: true },
  ],
  submittedAt: new Date('2026-11-21T03:04:05Z'),
  ...overrides,
});

describe('lineSequence', () => {
  it('numbers sequential entries 1, 2, 3', () => {
    expect(lineSequence([{ role: 'approve' }, { role: 'agree' }, { role: 'approve' }])).toEqual([1, 2, 3]);
  });

  it('gives adjacent entries of the same parallel role one shared step', () => {
    expect(
      lineSequence([
        { role: 'approve' },
        { role: 'parallel_agree' },
        { role: 'parallel_agree' },
        { role: 'parallel_approve' },
        { role: 'parallel_approve' },
        { role: 'approve' },
        { role: 'parallel_agree' },
      ]),
    ).toEqual([1, 2, 2, 3, 3, 4, 5]);
  });

  it('never merges sequential roles', () => {
    expect(
      lineSequence([{ role: 'agree' }, { role: 'agree' }, { role: 'notify' }, { role: 'notify' }]),
    ).toEqual([1, 2, 3, 4]);
  });
});

describe('toSubmitBody', () => {
  it('maps the fixture to the Knox body with every number-like field a string', () => {
    expect(toSubmitBody(baseInput())).toEqual({
      subject: '정규업체 등록 요청',
      contents: '<p>업체: 한빛상사</p>',
      contentsType: 'HTML',
      docSecuType: 'PERSONAL',
      notifyOption: '0',
      urgYn: 'N',
      importantYn: 'N',
      sbmDt: '20261121120405',
      timeZone: 'GMT+9',
      docMngSaveCode: '0',
      sbmLang: 'ko',
      apInfId: 'AP20261121-0001',
      aplns: [
        {
          epId: 'E1001',
          emailAddress: 'kim.employee@example.com',
          seq: '0',
          role: '0',
          aplnStatsCode: '0',
          arbPmtYn: 'N',
          contentsMdfyPmtYn: 'N',
          aplnMdfyPmtYn: 'N',
          opinion: '검토 부탁드립니다.',
        },
        {
          epId: 'A2001',
          seq: '1',
          role: '1',
          aplnStatsCode: '0',
          arbPmtYn: 'N',
          contentsMdfyPmtYn: 'N',
          aplnMdfyPmtYn: 'N',
        },
        {
          epId: 'A2002',
          seq: '2',
          role: '1',
          aplnStatsCode: '0',
          arbPmtYn: 'Y',
          contentsMdfyPmtYn: 'N',
          aplnMdfyPmtYn: 'N',
        },
      ],
      attachments: [],
    });
  });

  it('maps every role to its Knox code, in line order', () => {
    const body = toSubmitBody(
      baseInput({
        line: [
          { epId: 'P1', role: 'agree' },
          { epId: 'P2', role: 'approve' },
          { epId: 'P3', role: 'parallel_agree' },
          { epId: 'P4', role: 'parallel_approve' },
          { epId: 'P5', role: 'post_approve' },
          { epId: 'P6', role: 'notify' },
        ],
      }),
    );
    expect(body.aplns.map((entry) => [entry.epId, entry.seq, entry.role])).toEqual([
      ['E1001', '0', '0'],
      ['P1', '1', '2'],
      ['P2', '2', '1'],
      ['P3', '3', '4'],
      ['P4', '4', '7'],
      ['P5', '5', '3'],
      ['P6', '6', '9'],
    ]);
    for (const entry of body.aplns) {
      for (const field of ['seq', 'role', 'aplnStatsCode'] as const)
        expect(typeof entry[field]).toBe('string');
    }
    expect(body.aplns.slice(1).every((entry) => entry.opinion === undefined)).toBe(true);
  });

  it('sets the flags from the input', () => {
    const body = toSubmitBody(
      baseInput({
        urgent: true,
        important: true,
        notifyAll: true,
        attachments: [{ contentType: 'text/plain', fileName: 'a.txt', contents: 'aGk=' }],
      }),
    );
    expect(body).toMatchObject({ urgYn: 'Y', importantYn: 'Y', notifyOption: '1' });
    expect(body.attachments).toEqual([{ contentType: 'text/plain', fileName: 'a.txt', contents: 'aGk=' }]);
  });

  it('gives the drafter an empty opinion when none is given', () => {
    const body = toSubmitBody(baseInput({ drafter: { epId: 'E1001' } }));
    expect(body.aplns[0]).toMatchObject({ epId: 'E1001', seq: '0', role: '0', opinion: '' });
  });

  it('produces a body the shared wire schema accepts', () => {
    expect(submitRequestSchema.safeParse(toSubmitBody(baseInput())).success).toBe(true);
  });

  it.each<[string, Partial<SubmitApprovalInput>, RegExp]>([
    ['an empty line', { line: [] }, /approval line is empty/],
    ['a drafter without EP ID', { drafter: { epId: ' ' } }, /drafter has no EP ID/],
    ['an entry without EP ID', { line: [{ epId: '', role: 'approve' }] }, /line entry 1 has no EP ID/],
    [
      'an unknown role',
      { line: [{ epId: 'A1', role: 'boss' as never }] },
      /line entry 1 has an unknown role "boss"/,
    ],
    ['an apInfId over 32 characters', { apInfId: 'A'.repeat(33) }, /apInfId: apInfId must be at most 32/],
    ['an apInfId with spaces', { apInfId: 'AP 1' }, /apInfId may hold letters/],
    ['an empty subject', { subject: '' }, /subject is required/],
    ['empty contents', { contents: '' }, /contents is required/],
  ])('refuses %s with a definite, clear error', (_name, overrides, message) => {
    let thrown: unknown;
    try {
      toSubmitBody(baseInput(overrides));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KnoxInvalidRequestError);
    expect(thrown).toBeInstanceOf(KnoxRefusedError);
    expect((thrown as Error).message).toMatch(message);
    expect(thrown).toMatchObject({ endpoint: 'submit', code: 'INVALID_REQUEST', httpStatus: 0 });
  });
});

describe('lineRoleFromCode', () => {
  it('inverts the role mapping', () => {
    expect(lineRoleFromCode(7)).toBe('parallel_approve');
    expect(lineRoleFromCode(9)).toBe('notify');
    expect(lineRoleFromCode(0)).toBeUndefined();
  });
});

describe('properties', () => {
  const roles = fc.constantFrom(
    'approve',
    'agree',
    'post_approve',
    'parallel_agree',
    'parallel_approve',
    'notify',
  ) as fc.Arbitrary<ApprovalLineRole>;

  it('seq starts at 1, never goes down, steps by at most 1, and only parallel neighbours share it', () => {
    fc.assert(
      fc.property(fc.array(roles, { minLength: 1, maxLength: 30 }), (line) => {
        const seqs = lineSequence(line.map((role) => ({ role })));
        expect(seqs[0]).toBe(1);
        for (let index = 1; index < seqs.length; index++) {
          const step = seqs[index]! - seqs[index - 1]!;
          const shared = line[index] === line[index - 1] && line[index]!.startsWith('parallel_');
          expect(step).toBe(shared ? 0 : 1);
        }
      }),
    );
  });
});
