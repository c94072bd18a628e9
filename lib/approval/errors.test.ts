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

describe('errorText', () => {
  it("gives a failed query's database reason, not its SQL and parameters", async () => {
    const { errorText } = await import('./errors');
    const cause = new Error('new row for relation "vendors" violates check constraint "vendors_code_check"');
    const wrapped = Object.assign(new Error('Failed query: update vendors set code = $1\nparams: V-1'), {
      query: 'update vendors set code = $1',
      cause,
    });
    expect(errorText(wrapped)).toBe(cause.message);
    expect(errorText(new Error('plain'))).toBe('plain');
    expect(errorText('text')).toBe('text');
  });
});
