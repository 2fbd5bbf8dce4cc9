/** The lab's services as testcontainers, in testcontainers' own style (XContainer -> StartedX). */
export {
  MispServerContainer,
  StartedMispServerContainer,
  DEFAULT_MISP_IMAGE,
} from './misp-server-container.ts';
export { MailHogContainer, StartedMailHogContainer, DEFAULT_MAILHOG_IMAGE } from './mailhog-container.ts';
export {
  MattermostContainer,
  StartedMattermostContainer,
  DEFAULT_MATTERMOST_IMAGE,
} from './mattermost-container.ts';
export { freePort, HttpUrlWaitStrategy } from './host-network.ts';
