/**
 * The request header that carries the path (with query) of the page being rendered. Next gives
 * server components no request URL, so the request interceptor (proxy.ts) sets it on every request,
 * replacing whatever a client sent.
 */
export const REQUEST_PATH_HEADER = 'x-portal-path';
