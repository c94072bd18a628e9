import { describe, expect, it } from 'vitest';
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressOf,
  isLoopbackAddress,
  resolveClientAddress,
  UNKNOWN_CLIENT_ADDRESS,
} from './client-address';

describe('resolveClientAddress', () => {
  it('believes the socket when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.9', '1.2.3.4', [])).toBe('203.0.113.9');
  });

  it('takes the right-most untrusted hop behind trusted proxies', () => {
    expect(
      resolveClientAddress('10.0.0.2', '6.6.6.6, 198.51.100.7, 10.0.0.1', ['10.0.0.1', '10.0.0.2']),
    ).toBe('198.51.100.7');
  });

  it('never believes what a client wrote to the left of its own address', () => {
    const spoofed = resolveClientAddress('10.0.0.1', '127.0.0.1, 198.51.100.7', ['10.0.0.1']);
    expect(spoofed).toBe('198.51.100.7');
  });

  it('stops at a hop that is not an address', () => {
    expect(resolveClientAddress('10.0.0.1', 'garbage', ['10.0.0.1'])).toBe('10.0.0.1');
  });

  it('folds IPv4-mapped IPv6 and brackets', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', null, [])).toBe('127.0.0.1');
    expect(resolveClientAddress('[::1]', null, [])).toBe('::1');
  });

  it('is unknown without a socket', () => {
    expect(resolveClientAddress(undefined, '1.2.3.4', [])).toBe(UNKNOWN_CLIENT_ADDRESS);
  });
});

describe('clientAddressOf', () => {
  it('reads only a well-formed address', () => {
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: '127.0.0.1' }))).toBe('127.0.0.1');
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: 'evil' }))).toBe(UNKNOWN_CLIENT_ADDRESS);
    expect(clientAddressOf(new Headers())).toBe(UNKNOWN_CLIENT_ADDRESS);
  });
});

describe('isLoopbackAddress', () => {
  it('knows loopback from the rest', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('10.0.0.1')).toBe(false);
    expect(isLoopbackAddress(UNKNOWN_CLIENT_ADDRESS)).toBe(false);
  });
});
