import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ActAction, applyAct, applyCancel, currentTurn, type LineState, startLine } from './transitions';

const PEOPLE = ['P1', 'P2', 'P3', 'P4', 'P5'];

/** A drafter plus 1–5 entries with random roles, seqs and 전결 rights; at least one blocking entry. */
const lineArbitrary = fc
  .array(
    fc.record({
      role: fc.constantFrom(1, 2, 3, 4, 7, 9),
      seq: fc.integer({ min: 1, max: 4 }),
      arb: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .filter((entries) => entries.some((entry) => [1, 2, 4, 7].includes(entry.role)))
  .map((entries): LineState[] => [
    {
      id: 0,
      seq: 0,
      role: 0,
      epId: 'D',
      aplnStatsCode: 0,
      arbPmtYn: 'N',
      opinion: null,
      docArvDt: null,
      docOpenDt: null,
      actPrssDt: null,
    },
    ...entries.map((entry, index) => ({
      id: index + 1,
      seq: entry.seq,
      role: entry.role,
      epId: PEOPLE[index]!,
      aplnStatsCode: 0,
      arbPmtYn: entry.arb ? 'Y' : 'N',
      opinion: null,
      docArvDt: null,
      docOpenDt: null,
      actPrssDt: null,
    })),
  ]);

const stepArbitrary = fc.record({
  who: fc.constantFrom('D', ...PEOPLE),
  action: fc.constantFrom<ActAction | 'cancel'>('approve', 'reject', 'arbitrary', 'hold', 'cancel'),
});

const FINAL = [2, 3, 4, 5];
const now = (tick: number) => `202611211400${String(tick).padStart(2, '0')}`;

describe('the approval state machine', () => {
  it('keeps its invariants under any sequence of acts', () => {
    fc.assert(
      fc.property(lineArbitrary, fc.array(stepArbitrary, { maxLength: 25 }), (line, steps) => {
        const started = startLine(line, now(0));
        let status = started.status;
        let lines = started.lines;
        expect(status).toBe(1);
        steps.forEach((step, index) => {
          const result =
            step.action === 'cancel'
              ? applyCancel(status, lines, '취소', now(index + 1))
              : applyAct(
                  status,
                  lines,
                  { epId: step.who, action: step.action, opinion: 'o' },
                  now(index + 1),
                );
          if (FINAL.includes(status)) expect(result.ok).toBe(false);
          if (!result.ok) return;
          // Arrival and action times are never taken back.
          for (const before of lines) {
            const after = result.lines.find((entry) => entry.id === before.id)!;
            if (before.docArvDt) expect(after.docArvDt).toBe(before.docArvDt);
            if (before.actPrssDt) expect(after.actPrssDt).toBe(before.actPrssDt);
          }
          status = result.status;
          lines = result.lines;
          expect([0, 1, 2, 3, 4, 5, 6]).toContain(status);
          for (const entry of lines) {
            if (entry.role !== 0) expect(entry.actPrssDt !== null).toBe(entry.aplnStatsCode !== 0);
            if (entry.aplnStatsCode !== 0) expect(entry.docArvDt).not.toBeNull();
          }
          const others = lines.filter((entry) => entry.role !== 0);
          if (status === 2) {
            expect(
              others.filter((entry) => entry.role !== 9).every((entry) => entry.aplnStatsCode === 1),
            ).toBe(true);
          }
          if (status === 3) expect(others.filter((entry) => entry.aplnStatsCode === 2)).toHaveLength(1);
          if (status === 5) {
            const decided = others.filter((entry) => entry.aplnStatsCode === 3);
            expect(decided).toHaveLength(1);
            expect(decided[0]!.arbPmtYn).toBe('Y');
          }
          if (FINAL.includes(status) || status === 6) {
            expect(others.filter((entry) => entry.role === 9).every((entry) => entry.docArvDt !== null)).toBe(
              true,
            );
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('always completes when everyone approves in turn', () => {
    fc.assert(
      fc.property(lineArbitrary, (line) => {
        let { status, lines } = startLine(line, now(0));
        for (let round = 0; round < 20 && (status === 1 || status === 6); round++) {
          const [next] = currentTurn(status, lines);
          expect(next).toBeDefined();
          const result = applyAct(status, lines, { epId: next!.epId, action: 'approve' }, now(round + 1));
          if (!result.ok) throw new Error(result.message);
          ({ status, lines } = result);
        }
        expect(status).toBe(2);
      }),
      { numRuns: 300 },
    );
  });
});
