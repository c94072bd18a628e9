import { sql } from 'drizzle-orm';

export type HandlerMode = 'bench' | 'reliability';

/**
 * Registers the harness's handler: the trivial job both the engine and graphile-worker run, one
 * row per executed document in the engine's own transaction. In reliability mode a second run of
 * the same document shows up as runs = 2 instead of failing on the unique key. The features are
 * registered too, as the server's start-up does, so the engine here is the server's engine.
 */
export async function registerHarnessHandler(actionType: string, mode: HandlerMode): Promise<void> {
  const { registerApprovalFeatures } = await import('@/lib/server/approval-features');
  registerApprovalFeatures();
  const { registerActionHandler, getRegisteredHandlers } = await import('@/lib/approval');
  if (getRegisteredHandlers().some((handler) => handler.actionType === actionType)) return;
  registerActionHandler<{ n?: number }>(actionType, {
    risk: 'HIGH',
    title: '벤치마크·신뢰성 점검용 작업',
    execute: async (_payload, ctx) => {
      if (mode === 'bench') {
        await ctx.tx.execute(
          sql`insert into bench_side_effects (key, worker) values (${ctx.apInfId}, ${process.pid})`,
        );
      } else {
        await ctx.tx.execute(sql`
          insert into reliability_side_effects (ap_inf_id, worker) values (${ctx.apInfId}, ${process.pid})
          on conflict (ap_inf_id) do update set runs = reliability_side_effects.runs + 1`);
      }
      return { ok: true };
    },
  });
}
