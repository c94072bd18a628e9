/** `npm run approvals -- <command>`: the operator CLI (lib/cli), a client of the REST API. */
import { runCli } from '@/lib/cli/run';

process.exitCode = await runCli(process.argv.slice(2), {
  fetch: globalThis.fetch,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
