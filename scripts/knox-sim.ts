/**
 * `npm run knox-sim -- --port 4010 [--host 127.0.0.1] [--data-dir .data/knox-sim | --database-url postgres://…]`
 *
 * The Knox simulator on a port of its own, with a database of its own (never the app's PGlite
 * directory, which the app may hold open). Bad arguments: one line on stderr, exit 2.
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ensurePostgresDatabase, openDatabase } from '@/db';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { seedKnoxSimPeople, startKnoxSimulatorServer } from '@/lib/knox-simulator';

const DEFAULT_DATA_DIR = '.data/knox-sim';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new InvalidArgumentError('must be a whole number from 1 to 65535.');
  }
  return port;
}

function parseDatabaseUrl(value: string): string {
  if (!/^postgres(ql)?:\/\/.+/.test(value)) throw new InvalidArgumentError('must be a postgres:// URL.');
  return value;
}

function parseEncoding(value: string): 'string' | 'number' {
  if (value !== 'string' && value !== 'number') throw new InvalidArgumentError('must be string or number.');
  return value;
}

const usageError = (message: string): never => {
  console.error(`knox-sim: ${message}`);
  process.exit(2);
};

const program = new Command('knox-sim')
  .description('Serves the Knox approval API simulator standalone.')
  .option('--port <port>', 'port to listen on', parsePort, 4010)
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .option('--data-dir <dir>', `PGlite data directory (default ${DEFAULT_DATA_DIR})`)
  .option('--database-url <url>', 'PostgreSQL database instead of PGlite', parseDatabaseUrl)
  .option('--system-id <id>', 'System-ID the simulator accepts', SIMULATOR_SYSTEM_ID)
  .option('--token <token>', 'bearer token the simulator accepts', SIMULATOR_TOKEN)
  .option('--number-encoding <kind>', 'numbers on the wire as string or number', parseEncoding, 'string')
  .allowExcessArguments(false)
  .exitOverride()
  .configureOutput({ writeErr: () => {} });

try {
  program.parse(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) process.exit(0); // --help / --version
    usageError(error.message.replace(/^error: /, ''));
  }
  throw error;
}

const options = program.opts<{
  port: number;
  host: string;
  dataDir?: string;
  databaseUrl?: string;
  systemId: string;
  token: string;
  numberEncoding: 'string' | 'number';
}>();
if (options.dataDir && options.databaseUrl) usageError('use either --data-dir or --database-url, not both');

const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
if (!options.databaseUrl && dataDir === path.resolve(process.env.PGLITE_DATA_DIR || '.data/pglite')) {
  usageError(`--data-dir ${dataDir} is the app's own database; give the simulator a directory of its own`);
}

if (options.databaseUrl) await ensurePostgresDatabase(options.databaseUrl);
const handle = await openDatabase(options.databaseUrl ? { url: options.databaseUrl } : { dataDir });
let server: Awaited<ReturnType<typeof startKnoxSimulatorServer>> | undefined;
try {
  await handle.migrate();
  const added = await seedKnoxSimPeople(handle.db);
  server = await startKnoxSimulatorServer({
    db: handle.db,
    port: options.port,
    host: options.host,
    systemId: options.systemId,
    token: options.token,
    numberEncoding: options.numberEncoding,
  });
  console.log(
    `[knox-sim] serving Knox at ${server.url}/approval/api/v2.0/approvals (${handle.kind}${options.databaseUrl ? '' : ` in ${dataDir}`}; ${added} demo people added); control API at ${server.url}/sim/…`,
  );
  console.log(`[knox-sim] set KNOX_BASE_URL=${server.url}  (Ctrl-C stops)`);
} catch (error) {
  await handle.close();
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') usageError(`port ${options.port} is already in use`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') usageError(`cannot listen on host ${options.host}`);
  throw error;
}

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[knox-sim] ${signal}: stopping`);
  await server?.close();
  await handle.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
