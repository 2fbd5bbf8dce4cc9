/** Every route and guard of the reference server, in one list so app.ts stays small. */
import type { RouteDef } from '../http/context.ts';
import type { Guard } from '../http/dispatcher.ts';
import { otpRequiredGuard } from '../auth/otp-required-guard.ts';
import { liveGuard } from '../auth/live-guard.ts';
import { adminLogRoutes } from './admin-logs.ts';
import { adminRoleRoutes } from './admin-roles.ts';
import { authKeyRoutes } from './auth-keys.ts';
import { authKeyListRoutes } from './auth-keys-list.ts';
import { adminUserRoutes } from './admin-users.ts';
import { adminUserMonitorRoutes } from './admin-user-monitor.ts';
import { serverSettingsRoutes } from './server-settings.ts';
import { systemRoutes } from './system.ts';
import { eventRoutes } from './events.ts';
import { attributeRoutes } from './attributes.ts';
import { objectRoutes } from './objects.ts';
import { objectFormRoutes } from './object-forms.ts';
import { sightingRoutes } from './sightings.ts';
import { organisationRoutes } from './organisations.ts';
import { sharingGroupRoutes } from './sharing-groups.ts';
import { restSearchRoutes } from './rest-search.ts';
import { tagRoutes } from './tags.ts';
import { eventTagRoutes } from './event-tags.ts';
import { labHelpRoutes } from './lab-help.ts';
import { jobRoutes } from './jobs.ts';
import { userRoutes } from './users.ts';
import { userSelfEditRoutes } from './users-self-edit.ts';
import { userResetAuthKeyRoutes } from './users-reset-auth-key.ts';
import { userSettingRoutes } from './user-settings.ts';
import { userRegisterRoutes } from './users-register.ts';
import { userTotpRoutes } from './users-totp.ts';
import { workflowRoutes } from './workflows.ts';
import { workflowModuleRoutes } from './workflow-modules.ts';
import { workflowBlueprintRoutes } from './workflow-blueprints.ts';
import { enrichmentRoutes } from './enrichment.ts';
import { iconFontRoutes } from './icon-font.ts';

export const ROUTES: RouteDef[] = [
  ...systemRoutes,
  ...iconFontRoutes,
  ...userRoutes,
  ...userSelfEditRoutes,
  ...userResetAuthKeyRoutes,
  ...userSettingRoutes,
  ...userRegisterRoutes,
  ...userTotpRoutes,
  ...adminUserRoutes,
  ...adminUserMonitorRoutes,
  ...adminRoleRoutes,
  ...authKeyRoutes,
  ...authKeyListRoutes,
  ...serverSettingsRoutes,
  ...adminLogRoutes,
  ...eventRoutes,
  ...attributeRoutes,
  ...objectRoutes,
  ...objectFormRoutes,
  ...sightingRoutes,
  ...organisationRoutes,
  ...sharingGroupRoutes,
  ...restSearchRoutes,
  ...tagRoutes,
  ...eventTagRoutes,
  ...labHelpRoutes,
  ...jobRoutes,
  ...workflowRoutes,
  ...workflowModuleRoutes,
  ...workflowBlueprintRoutes,
  ...enrichmentRoutes,
];

export const GUARDS: Guard[] = [liveGuard, otpRequiredGuard];
