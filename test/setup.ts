import net from 'node:net';

/**
 * Outbound network calls fail in tests: only loopback is allowed (the local PostgreSQL, the app
 * itself and fake gateways on 127.0.0.1). A test that reaches for the internet fails loudly.
 */
const loopback = (host: string | undefined) =>
  !host || host === 'localhost' || host.startsWith('127.') || host === '::1' || host.startsWith('/');

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  let host: string | undefined;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const o = first as { host?: string; path?: string };
    host = o.path ? '/' : o.host;
  } else if (typeof first === 'number') host = typeof args[1] === 'string' ? args[1] : undefined;
  else if (typeof first === 'string') host = '/';
  if (!loopback(host)) throw new Error(`outbound network call to ${host} blocked in tests`);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalFetch = globalThis.fetch;
globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  if (!loopback(url.hostname.replace(/^\[|\]$/g, ''))) {
    throw new Error(`outbound network call to ${url.hostname} blocked in tests`);
  }
  return originalFetch(input, init);
}) as typeof fetch;
