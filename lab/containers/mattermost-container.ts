/**
 * Mattermost (mattermost/mattermost-preview, or the lab's stand-in image) as a testcontainer.
 * Image: MISP_LAB_MATTERMOST_IMAGE, default mattermost/mattermost-preview. The real preview image
 * needs a minute or more to start: the startup timeout allows for it.
 */
import { AbstractStartedContainer, GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { freePort, HttpUrlWaitStrategy } from './host-network.ts';

export const DEFAULT_MATTERMOST_IMAGE = 'mattermost/mattermost-preview';
const HTTP_PORT = 8065;
const STARTUP_TIMEOUT_MS = 240_000;

export class MattermostContainer extends GenericContainer {
  private hostNetwork = false;

  constructor(image = process.env.MISP_LAB_MATTERMOST_IMAGE || DEFAULT_MATTERMOST_IMAGE) {
    super(image);
    this.withExposedPorts(HTTP_PORT)
      .withWaitStrategy(Wait.forHttp('/api/v4/system/ping', HTTP_PORT))
      .withStartupTimeout(STARTUP_TIMEOUT_MS);
  }

  /** Listen on a free port of the host's loopback instead of a published port (see host-network.ts). */
  withHostNetwork(): this {
    this.hostNetwork = true;
    return this;
  }

  override async start(): Promise<StartedMattermostContainer> {
    if (!this.hostNetwork) {
      const started = await super.start();
      return new StartedMattermostContainer(
        started,
        `http://${started.getHost()}:${started.getMappedPort(HTTP_PORT)}`,
      );
    }
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    this.exposedPorts = [];
    this.withNetworkMode('host')
      .withEnvironment({
        MM_SERVICESETTINGS_LISTENADDRESS: `127.0.0.1:${port}`,
        MM_SERVICESETTINGS_SITEURL: baseUrl,
      })
      .withWaitStrategy(
        new HttpUrlWaitStrategy(`${baseUrl}/api/v4/system/ping`).withStartupTimeout(STARTUP_TIMEOUT_MS),
      );
    return new StartedMattermostContainer(await super.start(), baseUrl);
  }
}

export class StartedMattermostContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    private readonly baseUrl: string,
  ) {
    super(started);
  }

  /** e.g. http://127.0.0.1:8065: the REST API is under /api/v4. */
  getBaseUrl(): string {
    return this.baseUrl;
  }
}
