/** The containers target (testcontainers): reference server image plus MailHog and Mattermost. */
import type { LabConfig } from '../cli/options.ts';
import type { StartedLab } from './lab-environment.ts';

export async function startContainerLab(_config: LabConfig): Promise<StartedLab> {
  throw new Error(
    'the containers target is not available in this version; use --target embedded or external',
  );
}
