/** What every server action returns: expected failures are values, not exceptions. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export interface ActionError {
  code: string;
  /** Korean, shown to the user as is. */
  message: string;
}

export const actionOk = <T>(data: T): ActionResult<T> => ({ ok: true, data });
export const actionFail = (code: string, message: string): ActionResult<never> => ({
  ok: false,
  error: { code, message },
});
