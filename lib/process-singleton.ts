/**
 * One value per process, whatever the bundling. Next bundles route modules, instrumentation and
 * server actions separately, and hot reload re-evaluates modules; a module-level `let` would then
 * open a second pool, start a second cron or lose registered handlers. The value lives on
 * globalThis under a `Symbol.for` key, so every copy of the calling module finds the same one.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`portal.${name}`);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

/** Replaces (or, with undefined, forgets) the process's value — for stop/restart and for tests. */
export function setProcessSingleton<T>(name: string, value: T | undefined): void {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`portal.${name}`);
  if (value === undefined) delete holder[key];
  else holder[key] = value;
}

/** The process's value if one was created, without creating it. */
export function peekProcessSingleton<T>(name: string): T | undefined {
  return (globalThis as Record<symbol, unknown>)[Symbol.for(`portal.${name}`)] as T | undefined;
}
