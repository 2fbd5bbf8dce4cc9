/**
 * The server under load, in its own process so the load generator does not share its event loop:
 * prints one JSON line {url, email, password, authKey} and serves until killed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMispServer } from '../server/app.ts';

// On disk, as a lab runs: the soak's RSS then measures the server, not the rows it stores.
const dataDir = mkdtempSync(join(tmpdir(), 'misp-bench-'));
const server = await startMispServer({ dataDir, admin: { password: 'Bench-Password-load-1' } });
const admin = server.getAdmin();
process.stdout.write(
  `${JSON.stringify({ url: server.getUrl(), email: admin.email, password: admin.password, authKey: admin.authKey })}\n`,
);
process.on(
  'SIGTERM',
  () =>
    void server.stop().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      // Told to stop by the bench that spawned it: a clean end once its data folder is gone.
      process.exit(0);
    }),
);
