/** Starts (or connects to) the target a run asks for. */
import type { LabConfig } from '../cli/options.ts';
import { startEmbeddedLab } from './embedded.ts';
import { connectExternalLab } from './external.ts';
import type { StartedLab } from './lab-environment.ts';

export class TargetError extends Error {}

/** `announceIn`: the folder whose console (`npx misp-server admin`) acts on an embedded server. */
export async function startTarget(
  config: LabConfig,
  options: { announceIn?: string } = {},
): Promise<StartedLab> {
  switch (config.target) {
    case 'embedded':
      return startEmbeddedLab({
        host: config.host,
        portBase: config.portBase,
        dataDir: config.dataDir,
        announceIn: options.announceIn,
      });
    case 'external':
      // The posture profile only reads MISP: it needs no mail catcher or chat.
      return connectExternalLab(process.env, { auditOnly: config.profile === 'posture' });
    case 'containers': {
      const { startContainerLab } = await import('./containers.ts');
      return startContainerLab(config);
    }
  }
}
