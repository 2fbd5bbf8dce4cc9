/**
 * The enrichment guard (spec §3.4, §3.12): the "PAP:RED and tlp:red Blocking" blueprint on the
 * blocking trigger enrichment-before-query keeps a tlp:red attribute from being sent to an
 * enrichment service; an unmarked attribute is sent. The service is the lab's third party.
 */
import type { LabWorld } from '../../support/world.ts';
import { ThirdPartyService } from '../../support/third-party.ts';

const SERVICE = 'enrichment.thirdParty';

export async function startThirdParty(world: LabWorld): Promise<ThirdPartyService> {
  const service = await ThirdPartyService.start();
  world.memory.set(SERVICE, service);
  return service;
}

export function thirdParty(world: LabWorld): ThirdPartyService {
  const service = world.memory.get(SERVICE) as ThirdPartyService | undefined;
  if (!service) throw new Error('the third-party service was not started in this scenario');
  return service;
}

export async function stopThirdParty(world: LabWorld): Promise<void> {
  const service = world.memory.get(SERVICE) as ThirdPartyService | undefined;
  world.memory.delete(SERVICE);
  await service?.stop();
}
