import type postgres from 'postgres';
import { formatKnoxDateTime } from '@/lib/knox-api/approval/date-time';

/** Every table that holds one document's state, on our side and on the simulator's. */
const DOCUMENT_TABLES = [
  'pending_actions',
  'approval_logs',
  'approval_events',
  'knox_sim_documents',
  'knox_sim_lines',
] as const;

async function columnsOf(sql: postgres.Sql, table: string): Promise<string[]> {
  const rows = await sql<{ column_name: string; is_identity: string; column_default: string | null }[]>`
    select column_name, is_identity, column_default from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`;
  // Serial and identity keys are left to the database.
  return rows
    .filter((row) => row.is_identity !== 'YES' && !row.column_default?.startsWith('nextval('))
    .map((row) => row.column_name);
}

/**
 * Makes `count` copies of a document that the real engine submitted to the real simulator — every
 * row it wrote, in our tables and the simulator's — under new ids. Set-up at benchmark sizes in
 * seconds instead of minutes, with rows exactly as the engine writes them. Returns the new ids.
 */
export async function cloneDocument(
  sql: postgres.Sql,
  sourceApInfId: string,
  count: number,
  batchLetter: string,
): Promise<string[]> {
  if (!/^[A-Z]$/.test(batchLetter)) throw new Error('batchLetter must be one capital letter');
  const stem = sourceApInfId.slice(0, 16);
  await sql.begin(async (tx) => {
    for (const table of DOCUMENT_TABLES) {
      const columns = await columnsOf(tx as unknown as postgres.Sql, table);
      const list = columns.map((column) => `"${column}"`).join(', ');
      const values = columns
        .map((column) => (column === 'ap_inf_id' ? 'ids.id' : `t."${column}"`))
        .join(', ');
      await tx.unsafe(
        `insert into ${table} (${list})
         select ${values} from ${table} t
         cross join (select $2 || $3 || lpad(i::text, 11, '0') as id from generate_series(1, $4::int) as i) ids
         where t.ap_inf_id = $1`,
        [sourceApInfId, stem, batchLetter, count],
      );
    }
    // Events name their action by id: point the copies at their own action rows.
    await tx.unsafe(
      `update approval_events e set pending_action_id = a.id from pending_actions a
       where a.ap_inf_id = e.ap_inf_id and e.ap_inf_id like $1 || $2 || '%' and e.pending_action_id is not null`,
      [stem, batchLetter],
    );
  });
  return Array.from(
    { length: count },
    (_, index) => `${stem}${batchLetter}${String(index + 1).padStart(11, '0')}`,
  );
}

/**
 * Decides documents in the simulator's own tables, as the approver's 승인 (code 2) or 반려 (3) would
 * leave them: the document's status and change number, the approver's line entry and its time.
 */
export async function decideInSimulator(
  sql: postgres.Sql,
  ids: readonly string[],
  status: 2 | 3,
): Promise<void> {
  const lineCode = status === 2 ? 1 : 2;
  const stamp = formatKnoxDateTime(new Date());
  await sql.begin(async (tx) => {
    await tx`
      update knox_sim_documents set status = ${status}, doc_chg_num = doc_chg_num + 1, updated_at = now()
      where ap_inf_id = any(${ids as string[]})`;
    await tx`
      update knox_sim_lines set apln_stats_code = ${lineCode}, act_prss_dt = ${stamp}
      where ap_inf_id = any(${ids as string[]}) and seq > 0 and role <> 9`;
  });
}

/**
 * Copies a seeded vendor `count` times (unique business numbers and names, no vendor code), so
 * that many agents can each ask for a change on a vendor of their own.
 */
export async function cloneVendor(sql: postgres.Sql, sourceId: number, count: number): Promise<number[]> {
  const columns = await columnsOf(sql, 'vendors');
  const overrides: Record<string, string> = {
    business_number: `t.business_number || '-B' || lpad(i::text, 6, '0')`,
    name: `t.name || ' ' || i`,
    vendor_code: 'null',
    registered_at: 'null',
  };
  const list = columns.map((column) => `"${column}"`).join(', ');
  const values = columns.map((column) => overrides[column] ?? `t."${column}"`).join(', ');
  const rows = await sql.unsafe<{ id: number }[]>(
    `insert into vendors (${list})
     select ${values} from vendors t cross join generate_series(1, $2::int) as i
     where t.id = $1 returning id`,
    [sourceId, count],
  );
  return rows.map((row) => row.id);
}

/**
 * Deletes cloned documents (every row cloneDocument wrote), so each run of a repeated benchmark
 * starts from tables of the same size.
 */
export async function removeDocuments(sql: postgres.Sql, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  // Children before parents: events and lines name their document's rows.
  for (const table of [...DOCUMENT_TABLES].reverse()) {
    await sql.unsafe(`delete from ${table} where ap_inf_id = any($1::text[])`, [ids as string[]]);
  }
}
