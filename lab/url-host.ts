/** The host part of a URL for a service listening on `host`: a wildcard address is where it listens, not where a client can reach it. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
