import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from './env';

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
});
