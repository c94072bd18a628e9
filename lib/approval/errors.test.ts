import { describe, expect, it, vi } from 'vitest';

describe('approval errors across bundles', () => {
  // Next bundles instrumentation (where the features are registered) and each route separately: a
  // request function registered at start-up throws the other bundle's copy of these classes.
  it('are recognised by another copy of the module, by class', async () => {
    const here = await import('./errors');
    vi.resetModules();
    const there = await import('./errors');
    expect(there.MissingEpIdError).not.toBe(here.MissingEpIdError);

    const foreign = new there.MissingEpIdError();
    expect(foreign instanceof here.ApprovalError).toBe(true);
    expect(foreign instanceof here.MissingEpIdError).toBe(true);
    expect(foreign instanceof here.ApprovalInputError).toBe(false);
    expect(new there.ApprovalStateConflictError('x') instanceof here.ApprovalStateConflictError).toBe(true);
    expect(new Error('plain') instanceof here.ApprovalError).toBe(false);
    expect({ code: 'MISSING_EP_ID' } instanceof here.MissingEpIdError).toBe(false);
  });
});
