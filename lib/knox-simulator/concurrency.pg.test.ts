/**
 * Two people acting on one document at the same moment, on PostgreSQL with a real connection pool:
 * the compare-and-set on doc_chg_num must let exactly one decision win.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOX_ERROR } from '@/lib/knox-api/approval/codes';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { seedKnoxSimPeople } from './people';
import { KnoxSimulator } from './simulator';
import { drafter, submitBody } from './test-fixtures';

let database: TestDatabase;
let sim: KnoxSimulator;
const ROUNDS = 15;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 8 });
  await seedKnoxSimPeople(database.db);
  sim = new KnoxSimulator({ db: database.db, systemId: 'SYS', token: 'secret' });
});
afterAll(() => database?.destroy());

async function detail(apInfId: string) {
  const result = await sim.detail(apInfId);
  if (!result.ok) throw new Error(result.message);
  return result.data as {
    status: string;
    docChgNum: string;
    aplns: Array<{ epId: string; aplnStatsCode: string }>;
  };
}

describe('concurrent acts', () => {
  it('lets exactly one of two conflicting decisions win (approve vs reject vs 전결)', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const apInfId = `race-${round}`;
      const submitted = await sim.submit(
        submitBody(apInfId, [
          drafter(),
          { epId: 'A2001', seq: 1, role: 7, arb: true },
          { epId: 'A2002', seq: 1, role: 7, arb: true },
        ]),
      );
      expect(submitted.ok).toBe(true);
      // Both are at their turn; a rejection and a 전결 cannot both be the outcome.
      const results = await Promise.all([
        sim.act({ apInfId, epId: 'A2001', action: 'reject', opinion: '반려' }),
        sim.act({ apInfId, epId: 'A2002', action: 'arbitrary', opinion: '전결' }),
      ]);
      const winners = results.filter((result) => result.ok);
      expect(winners).toHaveLength(1);
      const loser = results.find((result) => !result.ok);
      expect(loser).toMatchObject({ ok: false, code: KNOX_ERROR.ACTION_NOT_ALLOWED });
      const document = await detail(apInfId);
      expect(document.docChgNum).toBe('1');
      expect(['3', '5']).toContain(document.status);
      expect(
        document.aplns.filter((line) => line.aplnStatsCode !== '0' && line.epId !== 'E1001'),
      ).toHaveLength(1);
    }
  });

  it('lets the same approver decide only once when they press twice at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const apInfId = `twice-${round}`;
      await sim.submit(
        submitBody(apInfId, [
          drafter(),
          { epId: 'A2001', seq: 1, role: 1, arb: true },
          { epId: 'A2002', seq: 2, role: 1 },
        ]),
      );
      const results = await Promise.all([
        sim.act({ apInfId, epId: 'A2001', action: 'approve' }),
        sim.act({ apInfId, epId: 'A2001', action: 'reject', opinion: '반려' }),
        sim.act({ apInfId, epId: 'A2001', action: 'arbitrary' }),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect((await detail(apInfId)).docChgNum).toBe('1');
    }
  });

  it('counts both parallel approvals when they arrive together', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const apInfId = `parallel-${round}`;
      await sim.submit(
        submitBody(apInfId, [
          drafter(),
          { epId: 'A2001', seq: 1, role: 7 },
          { epId: 'A2002', seq: 1, role: 7 },
        ]),
      );
      const results = await Promise.all([
        sim.act({ apInfId, epId: 'A2001', action: 'approve' }),
        sim.act({ apInfId, epId: 'A2002', action: 'approve' }),
      ]);
      expect(results.every((result) => result.ok)).toBe(true);
      const document = await detail(apInfId);
      expect(document).toMatchObject({ status: '2', docChgNum: '2' });
    }
  });

  it('refuses all but one of many simultaneous submits of the same apInfId', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        sim.submit(submitBody('same-id', [drafter(), { epId: 'A2001', seq: 1, role: 1 }])),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.code === KNOX_ERROR.DUPLICATE_ID)).toHaveLength(5);
    expect((await detail('same-id')).aplns).toHaveLength(2);
  });
});
