/**
 * The reference MISP-style server image (docker/Dockerfile) as a testcontainer.
 * Image: MISP_LAB_MISP_IMAGE, default misp-compliance-lab/misp-server:latest.
 *
 *   const misp = await new MispServerContainer().withSmtp('127.0.0.1', 1025).start();
 *   misp.getBaseUrl(); misp.getAdminAuthKey();
 *   await misp.admin(['getSetting', 'MISP.baseurl']);   // MISP's console, inside the container
 *   await misp.stop();
 */
import { randomBytes } from 'node:crypto';
import {
  AbstractStartedContainer,
  GenericContainer,
  Wait,
  type ExecResult,
  type StartedTestContainer,
} from 'testcontainers';
import { freePort, HttpUrlWaitStrategy } from './host-network.ts';

export const DEFAULT_MISP_IMAGE = 'misp-compliance-lab/misp-server:latest';
const HTTP_PORT = 8080;
const ADMIN_EMAIL = 'admin@admin.test';

/** MISP's auth keys: 40 characters from [A-Za-z0-9]. */
function randomAuthKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(40), (byte) => alphabet[byte % alphabet.length]).join('');
}

export class MispServerContainer extends GenericContainer {
  private hostNetwork = false;
  private adminPassword = `Lab-${randomBytes(9).toString('base64url')}-7q`;
  private adminAuthKey = randomAuthKey();

  constructor(image = process.env.MISP_LAB_MISP_IMAGE || DEFAULT_MISP_IMAGE) {
    super(image);
    this.withExposedPorts(HTTP_PORT)
      .withWaitStrategy(Wait.forHttp('/users/heartbeat', HTTP_PORT))
      .withStartupTimeout(60_000);
  }

  withAdminPassword(password: string): this {
    this.adminPassword = password;
    return this;
  }

  withAdminAuthKey(authKey: string): this {
    this.adminAuthKey = authKey;
    return this;
  }

  /** Where the server delivers mail (plain SMTP, as MISP's Email settings). */
  withSmtp(host: string, port: number): this {
    return this.withEnvironment({ MISP_SMTP_HOST: host, MISP_SMTP_PORT: String(port) });
  }

  /** Listen on a free port of the host's loopback instead of a published port (see host-network.ts). */
  withHostNetwork(): this {
    this.hostNetwork = true;
    return this;
  }

  override async start(): Promise<StartedMispServerContainer> {
    this.withEnvironment({ MISP_ADMIN_PASSWORD: this.adminPassword, MISP_ADMIN_AUTHKEY: this.adminAuthKey });
    const credentials = { email: ADMIN_EMAIL, password: this.adminPassword, authKey: this.adminAuthKey };
    if (!this.hostNetwork) {
      const started = await super.start();
      const url = `http://${started.getHost()}:${started.getMappedPort(HTTP_PORT)}`;
      return new StartedMispServerContainer(started, url, credentials);
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    this.exposedPorts = [];
    this.withNetworkMode('host')
      .withEnvironment({ MISP_HOST: '127.0.0.1', MISP_PORT: String(port), MISP_BASEURL: url })
      .withWaitStrategy(new HttpUrlWaitStrategy(`${url}/users/heartbeat`));
    return new StartedMispServerContainer(await super.start(), url, credentials);
  }
}

export class StartedMispServerContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    private readonly baseUrl: string,
    private readonly credentials: { email: string; password: string; authKey: string },
  ) {
    super(started);
  }

  getBaseUrl(): string {
    return this.baseUrl;
  }

  getAdminEmail(): string {
    return this.credentials.email;
  }

  getAdminPassword(): string {
    return this.credentials.password;
  }

  getAdminAuthKey(): string {
    return this.credentials.authKey;
  }

  /** MISP's console (`cake Admin …`) inside the container, e.g. admin(['setSetting', name, value]). */
  admin(args: string[]): Promise<ExecResult> {
    return this.exec(['misp-server', 'admin', ...args]);
  }
}
