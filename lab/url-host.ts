import { networkInterfaces } from 'node:os';

/** The host part of a URL for a service listening on `host`: a wildcard address is where it listens, not where a client can reach it. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** The addresses other machines can open for a service listening on `host` (a wildcard: every non-loopback interface). */
export function reachableAddresses(
  host: string,
  interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): string[] {
  if (host !== '0.0.0.0' && host !== '::' && host !== '') return [urlHost(host)];
  const addresses = Object.values(interfaces)
    .flat()
    .filter((entry) => entry && !entry.internal && (entry.family === 'IPv4' || host === '::'))
    .map((entry) => (entry!.family === 'IPv6' ? `[${entry!.address}]` : entry!.address));
  return addresses.length > 0 ? addresses : ['127.0.0.1'];
}
