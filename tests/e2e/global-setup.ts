import { runStartScript } from './app-server';

/** Brings the production build up to date once; each test file then serves it (per-file-server.ts). */
export default async function setup() {
  const code = await runStartScript(['--build-only']);
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}
