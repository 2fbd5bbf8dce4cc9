/**
 * MailHog (or anything speaking its API, such as the lab's own mail service image) as a
 * testcontainer. Image: MISP_LAB_MAILHOG_IMAGE, default mailhog/mailhog:v1.0.1.
 *
 *   const mail = await new MailHogContainer().start();
 *   mail.getApiUrl(); mail.getSmtpPort();
 *   await mail.stop();
 */
import { AbstractStartedContainer, GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { freePort, HttpUrlWaitStrategy } from './host-network.ts';

export const DEFAULT_MAILHOG_IMAGE = 'mailhog/mailhog:v1.0.1';
const SMTP_PORT = 1025;
const HTTP_PORT = 8025;

export class MailHogContainer extends GenericContainer {
  private hostNetwork = false;

  constructor(image = process.env.MISP_LAB_MAILHOG_IMAGE || DEFAULT_MAILHOG_IMAGE) {
    super(image);
    this.withExposedPorts(SMTP_PORT, HTTP_PORT)
      .withWaitStrategy(Wait.forHttp('/api/v1/messages', HTTP_PORT))
      .withStartupTimeout(60_000);
  }

  /** Listen on free ports of the host's loopback instead of published ports (see host-network.ts). */
  withHostNetwork(): this {
    this.hostNetwork = true;
    return this;
  }

  override async start(): Promise<StartedMailHogContainer> {
    if (!this.hostNetwork) {
      const started = await super.start();
      return new StartedMailHogContainer(
        started,
        `http://${started.getHost()}:${started.getMappedPort(HTTP_PORT)}`,
        started.getMappedPort(SMTP_PORT),
        started.getHost(),
      );
    }
    const [smtpPort, httpPort] = [await freePort(), await freePort()];
    this.exposedPorts = [];
    this.withNetworkMode('host')
      .withEnvironment({
        MH_SMTP_BIND_ADDR: `127.0.0.1:${smtpPort}`,
        MH_API_BIND_ADDR: `127.0.0.1:${httpPort}`,
        MH_UI_BIND_ADDR: `127.0.0.1:${httpPort}`,
      })
      .withWaitStrategy(new HttpUrlWaitStrategy(`http://127.0.0.1:${httpPort}/api/v1/messages`));
    return new StartedMailHogContainer(
      await super.start(),
      `http://127.0.0.1:${httpPort}`,
      smtpPort,
      '127.0.0.1',
    );
  }
}

export class StartedMailHogContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    private readonly apiUrl: string,
    private readonly smtpPort: number,
    private readonly smtpHost: string,
  ) {
    super(started);
  }

  /** Base URL of MailHog's HTTP API and web UI, e.g. http://127.0.0.1:8025 */
  getApiUrl(): string {
    return this.apiUrl;
  }

  getSmtpHost(): string {
    return this.smtpHost;
  }

  getSmtpPort(): number {
    return this.smtpPort;
  }
}
