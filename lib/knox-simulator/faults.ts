/**
 * Faults injected into the simulated Knox endpoints, for tests and demos. Held in memory per
 * simulator instance: they are a switch on the running simulator, not data that should survive it.
 */
import { z } from 'zod';

const rate = (name: string) =>
  z
    .number({ message: `${name} must be a number between 0 and 1` })
    .min(0, { message: `${name} must be between 0 and 1` })
    .max(1, { message: `${name} must be between 0 and 1` });

export const faultSettingsSchema = z
  .object({
    /** Added to every Knox call, in milliseconds. */
    latencyMs: z
      .number({ message: 'latencyMs must be a number of milliseconds' })
      .int({ message: 'latencyMs must be a whole number' })
      .min(0, { message: 'latencyMs must be 0 or more' })
      .max(600_000, { message: 'latencyMs must be at most 600000' }),
    /** Share of Knox calls answered with HTTP 500 before anything is done. */
    errorRate: rate('errorRate'),
    /** Share of Knox calls answered with `result: "fail"` (INJECTED_FAILURE) before anything is done. */
    failRate: rate('failRate'),
    /** Share of submits and cancels that are carried out but whose response never arrives. */
    dropRate: rate('dropRate'),
    /** Every Knox call fails. */
    outage: z.boolean({ message: 'outage must be true or false' }),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  failRate: 0,
  dropRate: 0,
  outage: false,
};

export type FaultUpdate = { ok: true; settings: FaultSettings } | { ok: false; message: string };

export class FaultController {
  private settings: FaultSettings = { ...NO_FAULTS };

  constructor(private readonly random: () => number = Math.random) {}

  current(): FaultSettings {
    return { ...this.settings };
  }

  /** Merges the given fields into the current settings; nothing changes when one is invalid. */
  update(input: unknown): FaultUpdate {
    const parsed = faultSettingsSchema.partial().safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message =
        issue?.code === 'unrecognized_keys'
          ? `unknown fault setting: ${issue.keys.join(', ')}`
          : (issue?.message ?? 'invalid fault settings');
      return { ok: false, message };
    }
    this.settings = { ...this.settings, ...parsed.data };
    return { ok: true, settings: this.current() };
  }

  clear(): FaultSettings {
    this.settings = { ...NO_FAULTS };
    return this.current();
  }

  /** True with the given probability; a rate of 0 never and 1 always fires. */
  roll(rate: number): boolean {
    if (rate <= 0) return false;
    if (rate >= 1) return true;
    return this.random() < rate;
  }
}
