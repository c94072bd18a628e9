import { isIP } from 'node:net';

/**
 * The header our own HTTP server (scripts/serve) sets on every request to the client address it
 * resolved from the socket and TRUSTED_PROXIES. Any value a client sends under this name is
 * dropped by the server before it sets its own, so code behind the server may believe it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-portal-client-address';

/** What a request carries when it did not come through our server (e.g. a handler called in a test). */
export const UNKNOWN_CLIENT_ADDRESS = 'unknown';

const normalize = (address: string): string => {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  // IPv4 clients of a dual-stack socket show as ::ffff:1.2.3.4.
  return trimmed.toLowerCase().startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4
    ? trimmed.slice(7)
    : trimmed.toLowerCase();
};

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy — then the
 * right-most `X-Forwarded-For` entry that is not itself a trusted proxy. Entries a client wrote
 * to the left of what our proxies appended are never believed.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | null | undefined,
  trustedProxies: readonly string[],
): string {
  if (!socketAddress) return UNKNOWN_CLIENT_ADDRESS;
  const trusted = new Set(trustedProxies.map(normalize));
  let address = normalize(socketAddress);
  if (!trusted.has(address) || !forwardedFor) return address;
  const hops = forwardedFor.split(',').map(normalize).filter(Boolean);
  for (const hop of hops.reverse()) {
    if (isIP(hop) === 0) return address;
    address = hop;
    if (!trusted.has(hop)) return hop;
  }
  return address;
}

/** The resolved client address of a request that came through our server. */
export function clientAddressOf(headers: Headers): string {
  const value = headers.get(CLIENT_ADDRESS_HEADER);
  return value && isIP(value) ? value : UNKNOWN_CLIENT_ADDRESS;
}

export const isLoopbackAddress = (address: string): boolean =>
  address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));
