import { EnvError, env } from '@/lib/env';

/** Validates the environment for a command-line entry point: one clear line and exit 1 when it is bad. */
export function requireValidEnv() {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
