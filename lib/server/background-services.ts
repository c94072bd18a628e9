/** Long-running work of the server process: started once, after the environment is known good. */
export async function startBackgroundServices(): Promise<void> {
  // The approval engine registers its handlers and poller here (lib/approval).
}
