/** Starts (or connects to) the target a run asks for. */
import type { LabConfig } from '../cli/options.ts';
import { startEmbeddedLab } from './embedded.ts';
import { connectExternalLab } from './external.ts';
import type { StartedLab } from './lab-environment.ts';

export class TargetError extends Error {}

export async function startTarget(config: LabConfig): Promise<StartedLab> {
  switch (config.target) {
    case 'embedded':
      return startEmbeddedLab({ host: config.host, portBase: config.portBase, dataDir: config.dataDir });
    case 'external':
      return connectExternalLab(process.env);
    case 'containers': {
      const { startContainerLab } = await import('./containers.ts');
      return startContainerLab(config);
    }
  }
}
