import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN, simulatorRefusal } from './env';

describe('parseEnv', () => {
  it('works with nothing set: embedded database and the bundled Knox simulator', () => {
    const env = parseEnv({});
    expect(env.databaseKind).toBe('pglite');
    expect(env.knoxSimulated).toBe(true);
    expect(env.KNOX_BASE_URL).toBe('http://localhost:3000/knox-sim');
    expect(env.KNOX_SYSTEM_ID).toBe(SIMULATOR_SYSTEM_ID);
    expect(env.KNOX_TOKEN).toBe(SIMULATOR_TOKEN);
    expect(env.APPROVAL_WORKFLOW_ENABLED).toBe(true);
    expect(env.APPROVAL_POLL_CRON).toBe('* * * * *');
    expect(env.APPROVAL_TIMEOUT).toBe(300);
    expect(env.APPROVAL_MAX_AGE_DAYS).toBe(30);
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', KNOX_BASE_URL: '' }).databaseKind).toBe('pglite');
  });

  it('switches to PostgreSQL and real Knox by URL', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/app',
      KNOX_BASE_URL: 'https://openapi.stage.samsung.net/',
      KNOX_SYSTEM_ID: 'SYS',
      KNOX_TOKEN: 'secret',
    });
    expect(env.databaseKind).toBe('postgres');
    expect(env.knoxSimulated).toBe(false);
    expect(env.KNOX_BASE_URL).toBe('https://openapi.stage.samsung.net');
  });

  it.each([
    [{ APPROVAL_TIMEOUT: 'abc' }, 'APPROVAL_TIMEOUT'],
    [{ APPROVAL_TIMEOUT: '-5' }, 'APPROVAL_TIMEOUT'],
    [{ APPROVAL_MAX_AGE_DAYS: '1.5' }, 'APPROVAL_MAX_AGE_DAYS'],
    [{ APPROVAL_WORKFLOW_ENABLED: 'yes' }, 'APPROVAL_WORKFLOW_ENABLED'],
    [{ APPROVAL_POLL_CRON: 'every minute' }, 'APPROVAL_POLL_CRON'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ PORT: '70000' }, 'PORT'],
    [{ KNOX_BASE_URL: 'https://knox.example' }, 'KNOX_SYSTEM_ID'],
    [{ KNOX_BASE_URL: 'https://knox.example', KNOX_SYSTEM_ID: 'S' }, 'KNOX_TOKEN'],
    [{ TRUSTED_PROXIES: '10.0.0.1,proxy.internal' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.0/8' }, 'TRUSTED_PROXIES'],
    [{ HOST: 'http://0.0.0.0' }, 'HOST'],
    [{ HOST: 'bad host' }, 'HOST'],
    [{ KNOX_SIMULATOR: 'yes' }, 'KNOX_SIMULATOR'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
  ])('rejects %o naming %s in one line', (source, variable) => {
    let caught: unknown;
    try {
      parseEnv(source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    expect((caught as EnvError).variable).toBe(variable);
    expect((caught as EnvError).message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect((caught as EnvError).message).not.toContain('\n');
  });

  it('parses boolean flags strictly', () => {
    expect(parseEnv({ APPROVAL_WORKFLOW_ENABLED: 'false' }).APPROVAL_WORKFLOW_ENABLED).toBe(false);
    expect(parseEnv({ SEED_DEMO: '0' }).SEED_DEMO).toBe(false);
  });

  it('names the entry of TRUSTED_PROXIES that is not an IP address', () => {
    expect(() => parseEnv({ TRUSTED_PROXIES: '10.0.0.1, proxy.internal' })).toThrow(
      /"proxy\.internal" is not one/,
    );
  });
});

describe('TRUSTED_PROXIES', () => {
  it("is empty when unset: nobody's X-Forwarded-For is believed", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
  });

  it('lists IPv4 and IPv6 proxies, ignoring spaces and empty entries', () => {
    expect(parseEnv({ TRUSTED_PROXIES: ' 10.0.0.1 , ::1,,' }).TRUSTED_PROXIES).toEqual(['10.0.0.1', '::1']);
  });
});

describe('listen address', () => {
  it('is loopback with the simulator', () => {
    expect(parseEnv({}).listenHost).toBe('127.0.0.1');
  });

  it('is every interface with real Knox', () => {
    const real = { KNOX_BASE_URL: 'https://knox.example', KNOX_SYSTEM_ID: 'S', KNOX_TOKEN: 'T' };
    expect(parseEnv(real).listenHost).toBeUndefined();
  });

  it('is HOST when set, simulator or not', () => {
    expect(parseEnv({ HOST: '0.0.0.0' }).listenHost).toBe('0.0.0.0');
    expect(parseEnv({ HOST: '::' }).listenHost).toBe('::');
    expect(
      parseEnv({
        HOST: 'app.internal',
        KNOX_BASE_URL: 'https://k.example',
        KNOX_SYSTEM_ID: 'S',
        KNOX_TOKEN: 'T',
      }).listenHost,
    ).toBe('app.internal');
  });
});

describe('simulatorRefusal', () => {
  const secret = 'x'.repeat(32);
  const realKnox = { KNOX_BASE_URL: 'https://knox.example', KNOX_SYSTEM_ID: 'S', KNOX_TOKEN: 'T' };

  it('lets the default demo start run', () => {
    expect(simulatorRefusal(parseEnv({}))).toBeUndefined();
  });

  it.each([
    [{ SEED_DEMO: 'false' }, 'SEED_DEMO=false'],
    [{ BETTER_AUTH_SECRET: secret }, 'BETTER_AUTH_SECRET is set'],
  ])('refuses %o on the simulator in one line', (source, reason) => {
    const refusal = simulatorRefusal(parseEnv(source));
    expect(refusal).toMatch(/^Invalid configuration: KNOX_BASE_URL /);
    expect(refusal).toContain(reason);
    expect(refusal).toContain('KNOX_SIMULATOR=true');
    expect(refusal).not.toContain('\n');
  });

  it('lets a real deployment run on the simulator when KNOX_SIMULATOR=true says so', () => {
    expect(simulatorRefusal(parseEnv({ SEED_DEMO: 'false', KNOX_SIMULATOR: 'true' }))).toBeUndefined();
    expect(simulatorRefusal(parseEnv({ BETTER_AUTH_SECRET: secret, KNOX_SIMULATOR: '1' }))).toBeUndefined();
  });

  it('has nothing to refuse against real Knox', () => {
    expect(
      simulatorRefusal(parseEnv({ ...realKnox, SEED_DEMO: 'false', BETTER_AUTH_SECRET: secret })),
    ).toBeUndefined();
  });
});
