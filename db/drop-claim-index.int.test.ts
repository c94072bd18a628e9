/**
 * Migration 0006 drops the claim index; before it, a row an older version left `executing` (a
 * committed claim, which nothing takes over any more) must go back to a state the poller retries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';

const dir = path.join(import.meta.dirname, 'migrations');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.sql'))
  .sort();
const TARGET = '0006_drop_claim_index.sql';

async function apply(db: PGlite, file: string) {
  for (const statement of readFileSync(path.join(dir, file), 'utf8').split('--> statement-breakpoint')) {
    if (statement.trim()) await db.exec(statement);
  }
}

let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
  for (const file of files.slice(0, files.indexOf(TARGET))) await apply(db, file);
});
afterAll(async () => {
  await db?.close();
});

it('settles a leftover executing row back to pending, with its event, then drops the index', async () => {
  await db.exec(`
    insert into pending_actions (ap_inf_id, action_type, action_payload, status, attempts, claim_expires_at)
    values ('AP-OLD-CLAIM', 'probe', '{}', 'executing', 1, now() - interval '1 hour'),
           ('AP-OPEN', 'probe', '{}', 'pending', 0, null),
           ('AP-DONE', 'probe', '{}', 'executed', 1, null)`);
  await apply(db, TARGET);

  const { rows } = await db.query<{ ap_inf_id: string; status: string; claim_expires_at: Date | null }>(
    'select ap_inf_id, status, claim_expires_at from pending_actions order by ap_inf_id',
  );
  expect(rows).toEqual([
    { ap_inf_id: 'AP-DONE', status: 'executed', claim_expires_at: null },
    { ap_inf_id: 'AP-OLD-CLAIM', status: 'pending', claim_expires_at: null },
    { ap_inf_id: 'AP-OPEN', status: 'pending', claim_expires_at: null },
  ]);
  const events = await db.query<{
    ap_inf_id: string;
    event_type: string;
    from_status: string;
    to_status: string;
  }>('select ap_inf_id, event_type, from_status, to_status from approval_events');
  expect(events.rows).toEqual([
    {
      ap_inf_id: 'AP-OLD-CLAIM',
      event_type: 'claim_released',
      from_status: 'executing',
      to_status: 'pending',
    },
  ]);
  const index = await db.query("select 1 from pg_indexes where indexname = 'pending_actions_claim_idx'");
  expect(index.rows).toEqual([]);
});
