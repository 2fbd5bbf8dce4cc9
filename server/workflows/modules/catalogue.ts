/** Every built-in module, one file each, grouped by type. */
import type { WorkflowModule } from '../engine/module.ts';
import { attributeIdsFlagOperation } from './action/attribute-ids-flag-operation.ts';
import { mattermost } from './action/misp-modules/mattermost.ts';
import { testaction } from './action/misp-modules/testaction.ts';
import { publishEvent } from './action/publish-event.ts';
import { reloadFullEvent } from './action/reload-full-event.ts';
import { sendMail } from './action/send-mail.ts';
import { stopExecution } from './action/stop-execution.ts';
import { tagOperation } from './action/tag-operation.ts';
import { webhook } from './action/webhook.ts';
import { concurrentTask } from './logic/concurrent-task.ts';
import { countIf } from './logic/count-if.ts';
import { distributionIf } from './logic/distribution-if.ts';
import { genericFilterData } from './logic/generic-filter-data.ts';
import { genericFilterReset } from './logic/generic-filter-reset.ts';
import { genericIf } from './logic/generic-if.ts';
import { organisationIf } from './logic/organisation-if.ts';
import { publishedIf } from './logic/published-if.ts';
import { tagIf } from './logic/tag-if.ts';
import { threatLevelIf } from './logic/threat-level-if.ts';
import { attributeAfterSaveTrigger } from './trigger/attribute-after-save.ts';
import { enrichmentBeforeQueryTrigger } from './trigger/enrichment-before-query.ts';
import { eventAfterSaveNewFromPullTrigger } from './trigger/event-after-save-new-from-pull.ts';
import { eventAfterSaveNewTrigger } from './trigger/event-after-save-new.ts';
import { eventAfterSaveTrigger } from './trigger/event-after-save.ts';
import { eventBeforeSaveTrigger } from './trigger/event-before-save.ts';
import { eventPublishTrigger } from './trigger/event-publish.ts';
import { eventReportAfterSaveTrigger } from './trigger/event-report-after-save.ts';
import { logAfterSaveTrigger } from './trigger/log-after-save.ts';
import { objectAfterSaveTrigger } from './trigger/object-after-save.ts';
import { postAfterSaveTrigger } from './trigger/post-after-save.ts';
import { shadowAttributeAfterSaveTrigger } from './trigger/shadow-attribute-after-save.ts';
import { shadowAttributeBeforeSaveTrigger } from './trigger/shadow-attribute-before-save.ts';
import { sightingAfterSaveTrigger } from './trigger/sighting-after-save.ts';
import { tagAttachedAfterSaveTrigger } from './trigger/tag-attached-after-save.ts';
import { userAfterSaveTrigger } from './trigger/user-after-save.ts';
import { userBeforeSaveTrigger } from './trigger/user-before-save.ts';

export const TRIGGER_MODULES: WorkflowModule[] = [
  attributeAfterSaveTrigger,
  enrichmentBeforeQueryTrigger,
  eventAfterSaveTrigger,
  eventAfterSaveNewTrigger,
  eventAfterSaveNewFromPullTrigger,
  eventBeforeSaveTrigger,
  eventPublishTrigger,
  eventReportAfterSaveTrigger,
  logAfterSaveTrigger,
  objectAfterSaveTrigger,
  postAfterSaveTrigger,
  shadowAttributeAfterSaveTrigger,
  shadowAttributeBeforeSaveTrigger,
  sightingAfterSaveTrigger,
  tagAttachedAfterSaveTrigger,
  userAfterSaveTrigger,
  userBeforeSaveTrigger,
];

export const LOGIC_MODULES: WorkflowModule[] = [
  concurrentTask,
  genericFilterData,
  genericFilterReset,
  countIf,
  distributionIf,
  genericIf,
  organisationIf,
  publishedIf,
  tagIf,
  threatLevelIf,
];

export const ACTION_MODULES: WorkflowModule[] = [
  attributeIdsFlagOperation,
  publishEvent,
  reloadFullEvent,
  sendMail,
  stopExecution,
  tagOperation,
  webhook,
];

/** Served by misp-modules; present only with `Plugin.Action_services_enable`. */
export const MISP_MODULES_ACTIONS: WorkflowModule[] = [mattermost, testaction];
