/**
 * Who sees which sightings (Plugin.Sightings_policy, Sighting::listSightings/createConditions):
 * on an event of one's own organisation, all of them; elsewhere, under "Event Owner
 * Organisation" (0, the default) only one's own organisation's, under "Sighting reporters" (1)
 * all of them once one's organisation reported a sighting on the event, under "Everyone" (2) all,
 * and under "Event Owner + host org sightings" (3) one's own and the host organisation's. Site
 * admins see every sighting. The event itself must be visible in every case.
 */
import type { SettingDefinition } from '../settings/definitions.ts';
import type { AuthUser } from '../users/current-user.ts';

export const SIGHTING_SETTINGS: readonly SettingDefinition[] = [
  {
    name: 'Plugin.Sightings_policy',
    level: 1,
    description:
      'This setting defines who will have access to seeing the reported sightings. The default setting is the event owner organisation alone (in addition to everyone seeing their own contribution) with the other options being Sighting reporters (meaning the event owner and any organisation that provided sighting data about the event) and Everyone (meaning anyone that has access to seeing the event / attribute).',
    value: 0,
    type: 'numeric',
    options: {
      '0': 'Event Owner Organisation',
      '1': 'Sighting reporters',
      '2': 'Everyone',
      '3': 'Event Owner + host org sightings',
    },
  },
];

export interface SightingPolicy {
  policy: number;
  hostOrgId: number;
  /** Whether the user's organisation reported any sighting on this event. */
  isReporter: (eventId: number, orgId: number) => boolean;
}

/** `eventOwnerOrgId`: the event's owner as MISP compares it (orgc_id when listing, org_id in restSearch). */
export function maySeeSighting(
  rules: SightingPolicy,
  auth: AuthUser,
  eventOwnerOrgId: number,
  sighting: { event_id: number; org_id: number },
): boolean {
  if (auth.role.perms.perm_site_admin || eventOwnerOrgId === auth.org.id) return true;
  switch (rules.policy) {
    case 1:
      return rules.isReporter(sighting.event_id, auth.org.id);
    case 2:
      return true;
    case 3:
      return sighting.org_id === auth.org.id || sighting.org_id === rules.hostOrgId;
    default:
      return sighting.org_id === auth.org.id;
  }
}
