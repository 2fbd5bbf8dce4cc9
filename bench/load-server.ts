/**
 * The server under load, in its own process so the load generator does not share its event loop:
 * prints one JSON line {url, email, password, authKey} and serves until killed.
 */
import { startMispServer } from '../server/app.ts';

const server = await startMispServer({ admin: { password: 'Bench-Password-load-1' } });
const admin = server.getAdmin();
process.stdout.write(
  `${JSON.stringify({ url: server.getUrl(), email: admin.email, password: admin.password, authKey: admin.authKey })}\n`,
);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
