import pino, { type Logger } from 'pino';
import { processSingleton } from '@/lib/process-singleton';

function createLogger(): Logger {
  const level =
    process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'warn' : 'info');
  return pino({ level, base: { service: 'approval-portal' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** The process-wide structured logger (JSON lines; pipe through `pino-pretty` to read by eye). */
export function logger(): Logger {
  return processSingleton('logger', createLogger);
}

/** A logger whose every line carries the Knox document id. */
export function approvalLogger(apInfId: string, component: string): Logger {
  return logger().child({ apInfId, component });
}
