import { type ChildProcess, fork } from 'node:child_process';
import { REPO_ROOT } from './common';

/** Messages a worker child sends to its parent over IPC. */
export type ChildMessage = { type: string } & Record<string, unknown>;

export interface WorkerChild {
  process: ChildProcess;
  send(message: Record<string, unknown>): void;
  /** Resolves with the first message of this type; rejects when the child exits first. */
  next(type: string, timeoutMs?: number): Promise<ChildMessage>;
  /** Resolves with the exit code (or signal) once the child is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Starts a TypeScript worker (through tsx) as a separate Node process with an IPC channel, so each
 * engine instance has its own event loop, pool and memory, as separate app instances would.
 */
export function startWorkerChild(script: string, env: Record<string, string | undefined> = {}): WorkerChild {
  const child = fork(script, [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue: ChildMessage[] = [];
  const waiters: {
    type: string;
    resolve: (message: ChildMessage) => void;
    reject: (error: Error) => void;
  }[] = [];
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  child.on('message', (raw) => {
    const message = raw as ChildMessage;
    const index = waiters.findIndex((waiter) => waiter.type === message.type);
    if (index >= 0) {
      const [waiter] = waiters.splice(index, 1);
      waiter!.resolve(message);
    } else {
      queue.push(message);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      for (const waiter of waiters.splice(0)) {
        waiter.reject(
          new Error(`worker ${script} exited (code ${code}, signal ${signal}) before "${waiter.type}"`),
        );
      }
      resolve(exitInfo);
    });
  });

  return {
    process: child,
    send(message) {
      if (child.connected) child.send(message);
    },
    next(type, timeoutMs = 600_000) {
      const queued = queue.findIndex((message) => message.type === type);
      if (queued >= 0) return Promise.resolve(queue.splice(queued, 1)[0]!);
      if (exitInfo) {
        return Promise.reject(
          new Error(`worker ${script} already exited (code ${exitInfo.code}, signal ${exitInfo.signal})`),
        );
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const index = waiters.indexOf(entry);
          if (index >= 0) waiters.splice(index, 1);
          reject(new Error(`worker ${script} sent no "${type}" within ${timeoutMs} ms`));
        }, timeoutMs);
        const entry = {
          type,
          resolve: (message: ChildMessage) => {
            clearTimeout(timer);
            resolve(message);
          },
          reject: (error: Error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        waiters.push(entry);
      });
    },
    exited,
    kill(signal = 'SIGTERM') {
      if (exitInfo === undefined) child.kill(signal);
    },
  };
}

/** In a worker: the parent's messages, one at a time. */
export function onParentMessage(handler: (message: ChildMessage) => void | Promise<void>): void {
  process.on('message', (raw) => {
    void Promise.resolve(handler(raw as ChildMessage)).catch((error) => {
      sendToParent({
        type: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    });
  });
}

export function sendToParent(message: ChildMessage): void {
  process.send?.(message);
}
