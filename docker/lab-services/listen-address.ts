/** Shared by the lab-service entry points: "host:port" / ":port" parsing and a fast, clean stop. */

export function listenAddress(raw: string | undefined, defaultPort: number): { host: string; port: number } {
  const value = (raw ?? '').trim();
  if (value === '') return { host: '0.0.0.0', port: defaultPort };
  const split = value.lastIndexOf(':');
  const host = split > 0 ? value.slice(0, split) : '0.0.0.0';
  const port = Number(split >= 0 ? value.slice(split + 1) : value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`lab service: "${value}" is not a listen address (host:port or :port)`);
    process.exit(2);
  }
  return { host, port };
}

/** PID 1 in a container gets no default SIGTERM handling: without this, every stop waits 10 s. */
export function stopOnSignal(stop: () => Promise<void>): void {
  const handler = () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
