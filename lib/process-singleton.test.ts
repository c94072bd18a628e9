import { afterEach, describe, expect, it } from 'vitest';
import { peekProcessSingleton, processSingleton, setProcessSingleton } from './process-singleton';

describe('processSingleton', () => {
  afterEach(() => setProcessSingleton('test.counter', undefined));

  it('creates once and hands every caller the same value', () => {
    let created = 0;
    const make = () => ({ n: ++created });
    expect(peekProcessSingleton('test.counter')).toBeUndefined();
    const first = processSingleton('test.counter', make);
    expect(processSingleton('test.counter', make)).toBe(first);
    expect(created).toBe(1);
  });

  it('can be replaced and forgotten', () => {
    processSingleton('test.counter', () => 1);
    setProcessSingleton('test.counter', 2);
    expect(processSingleton('test.counter', () => 3)).toBe(2);
    setProcessSingleton('test.counter', undefined);
    expect(peekProcessSingleton('test.counter')).toBeUndefined();
  });
});
