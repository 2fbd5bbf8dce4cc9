/**
 * Settings of event visibility, registered here by the event access rules that read them.
 * Wording and defaults as MISP 2.5.1's Server::generateServerSettings has them (the default of
 * MISP.unpublishedprivate is '' there, which reads as false).
 */
import type { SettingDefinition } from '../settings/definitions.ts';

export const EVENT_SETTINGS: readonly SettingDefinition[] = [
  {
    name: 'MISP.unpublishedprivate',
    level: 2,
    description:
      'True will deny access to unpublished events to users outside the organization of the submitter except site admins.',
    value: '',
    type: 'boolean',
    test: 'testBool',
  },
];
