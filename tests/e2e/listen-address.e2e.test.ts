import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from './app-server';

/** This machine's IPv4 addresses other than loopback: what a colleague on the network would reach. */
const outsideAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((entry) => entry && entry.family === 'IPv4' && !entry.internal)
  .map((entry) => entry!.address);

const started: AppServer[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) await server.stop();
});

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3_000) })).ok;
  } catch {
    return false;
  }
}

describe('where the app listens', () => {
  it('with the simulator: on loopback only, saying in one line that this is a demo', async () => {
    const server = await startAppServer();
    started.push(server);
    const log = server.output.join('');
    expect(log).toContain(`[start] listening on http://127.0.0.1:${server.port} `);
    const demoLines = log.split('\n').filter((line) => line.includes('데모 구성'));
    expect(demoLines).toHaveLength(1);
    expect(demoLines[0]).toContain('시뮬레이터');
    expect(await answers(`http://127.0.0.1:${server.port}/api/health`)).toBe(true);
    for (const address of outsideAddresses) {
      expect(await answers(`http://${address}:${server.port}/api/health`), address).toBe(false);
    }
  });

  it('with HOST set: there, even on the simulator when KNOX_SIMULATOR=true allows a real deployment', async () => {
    const server = await startAppServer({ HOST: '0.0.0.0', SEED_DEMO: 'false', KNOX_SIMULATOR: 'true' });
    started.push(server);
    expect(server.output.join('')).toContain(`[start] listening on http://0.0.0.0:${server.port} `);
    for (const address of outsideAddresses) {
      expect(await answers(`http://${address}:${server.port}/api/health`), address).toBe(true);
    }
  });
});
