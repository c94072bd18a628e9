/** Next calls this once per server process. It only dispatches; the work lives in lib/server. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServerRuntime } = await import('./lib/server/runtime');
    await startServerRuntime();
  }
}
