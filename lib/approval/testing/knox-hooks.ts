/**
 * Test support: the process-wide Knox client wrapped so a test can hold a call at a chosen point
 * (before it is sent, or after Knox answered but before the caller learns it) and so make a race
 * happen in one exact order instead of hoping a sleep lines it up.
 */
import {
  type ApprovalStatusResult,
  defaultKnoxClient,
  type KnoxApprovalClient,
  type SubmitApprovalInput,
  setDefaultKnoxClient,
} from '@/lib/knox-api/approval';

/** A gate: `reached` resolves when a call arrives at it; the call goes on after `open()`. */
export interface Gate {
  reached: Promise<void>;
  open(): void;
  /** Used by the wrapper: marks the gate reached and waits until it is opened. */
  pass(): Promise<void>;
}

export function createGate(): Gate {
  let markReached!: () => void;
  let markOpen!: () => void;
  const reached = new Promise<void>((resolve) => {
    markReached = resolve;
  });
  const opened = new Promise<void>((resolve) => {
    markOpen = resolve;
  });
  return {
    reached,
    open: () => markOpen(),
    async pass() {
      markReached();
      await opened;
    },
  };
}

export interface KnoxHooks {
  beforeSubmit?: (input: SubmitApprovalInput) => Promise<void>;
  afterSubmit?: (input: SubmitApprovalInput) => Promise<void>;
  beforeCancel?: (apInfId: string) => Promise<void>;
  /** After Knox answered the cancel (either way), before the caller learns the answer. */
  afterCancel?: (apInfId: string) => Promise<void>;
  /** May replace the answer (e.g. to hand back one read before a change). */
  afterStatus?: (answer: ApprovalStatusResult[]) => Promise<ApprovalStatusResult[] | undefined>;
}

export interface HookedKnox {
  hooks: KnoxHooks;
  /** Every submit that reached Knox, by apInfId. */
  submits: string[];
  restore(): void;
}

/** Wraps the current default client; `restore()` puts the original back. */
export function hookKnoxClient(): HookedKnox {
  const base: KnoxApprovalClient = defaultKnoxClient();
  const hooked: HookedKnox = {
    hooks: {},
    submits: [],
    restore: () => setDefaultKnoxClient(base),
  };
  setDefaultKnoxClient({
    async submitApproval(input) {
      await hooked.hooks.beforeSubmit?.(input);
      hooked.submits.push(input.apInfId);
      const answer = await base.submitApproval(input);
      await hooked.hooks.afterSubmit?.(input);
      return answer;
    },
    async getApprovalStatuses(ids) {
      const answer = await base.getApprovalStatuses(ids);
      return (await hooked.hooks.afterStatus?.(answer)) ?? answer;
    },
    getApprovalDetail: (apInfId) => base.getApprovalDetail(apInfId),
    async cancelApproval(apInfId, opinion) {
      await hooked.hooks.beforeCancel?.(apInfId);
      try {
        return await base.cancelApproval(apInfId, opinion);
      } finally {
        await hooked.hooks.afterCancel?.(apInfId);
      }
    },
  });
  return hooked;
}
