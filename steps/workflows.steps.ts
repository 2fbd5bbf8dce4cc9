/** Steps of features/workflows: each parses its words and asks one task. */
import { After, Given, Then, When, type DataTable } from '@cucumber/cucumber';
import type { LabWorld } from './support/world.ts';
import * as settings from './tasks/workflows/settings.ts';
import * as switches from './tasks/workflows/prerequisite-switches.ts';
import * as prerequisites from './tasks/workflows/prerequisites.ts';
import * as install from './tasks/workflows/install.ts';
import * as modules from './tasks/workflows/modules.ts';
import * as outcomes from './tasks/workflows/outcomes.ts';
import * as editor from './tasks/workflows/editor.ts';
import * as enrichment from './tasks/workflows/enrichment.ts';
import { logInAsSiteAdmin } from './tasks/auth/login.ts';
import { loadGraphFixture, moduleIdsOf } from './tasks/workflows/graph.ts';
import * as events from './tasks/events/seed-events.ts';
import * as publish from './tasks/events/publish.ts';
import { redact } from './support/redact.ts';

// Runs before the ledger's undo (After hooks run in reverse order of definition, and
// steps/support/hooks.ts is loaded before this file).
After({ tags: '@workflows or @notifications' }, async function (this: LabWorld) {
  const problems: string[] = [];
  await switches.restorePrerequisitesForCleanup(this).catch((e: Error) => problems.push(e.message));
  await enrichment.stopThirdParty(this).catch((e: Error) => problems.push(e.message));
  if (problems.length > 0)
    this.attach(redact(`workflow cleanup problems:\n${problems.join('\n')}`), 'text/plain');
});

// Prerequisites
Given('the workflow plugin and background workers are on', async function (this: LabWorld) {
  await settings.enableWorkflowPrerequisites(this);
});
When('the site admin switches {string} off', async function (this: LabWorld, setting: string) {
  await switches.switchOff(this, setting);
});
Then(
  'the workflow page {string} answers MISP\'s "Could not access Workflow system" error',
  async function (this: LabWorld, path: string) {
    await prerequisites.expectWorkflowPageRefused(this, path);
  },
);

// Workflows put in place by REST
Given(
  'the workflow {string} is saved as {string} on its trigger',
  async function (this: LabWorld, fixture: string, name: string) {
    await install.installFixture(this, fixture, name);
  },
);
Given('the trigger {string} is enabled', async function (this: LabWorld, trigger: string) {
  await modules.setTrigger(this, trigger, true);
});
Given('the modules of the workflow {string} are enabled', async function (this: LabWorld, fixture: string) {
  await modules.enableModules(this, moduleIdsOf(loadGraphFixture(fixture)));
});

// Events
Given('the tag {string} exists', async function (this: LabWorld, tag: string) {
  await events.ensureTag(this, tag);
});
Given(
  'an event shared with {string} and tagged {string}',
  async function (this: LabWorld, distribution: string, tag: string) {
    await events.createEventFromSeed(this, 'example-a', {
      distribution: events.distributionLevel(distribution),
      tags: [tag],
    });
  },
);
Given(
  'the seed event {string} shared with {string} and tagged {string}',
  async function (this: LabWorld, seed: string, distribution: string, tag: string) {
    await events.createEventFromSeed(this, seed, {
      distribution: events.distributionLevel(distribution),
      tags: [tag],
    });
  },
);
Given('a file object with a creation-time is added to the event', async function (this: LabWorld) {
  await events.addFileObjectWithCreationTime(this);
});
When('the event is tagged {string}', async function (this: LabWorld, tag: string) {
  await events.tagCurrentEvent(this, tag);
});

// Publishing and what it did
Given('the event has been published', async function (this: LabWorld) {
  await publish.publishEvent(this, 'synchronously');
  await outcomes.expectPublished(this);
});
When('the event is published synchronously', async function (this: LabWorld) {
  await publish.publishEvent(this, 'synchronously');
});
When('the event is published in the background', async function (this: LabWorld) {
  await publish.publishEvent(this, 'in the background');
});
Then('the event is published', async function (this: LabWorld) {
  await outcomes.expectPublished(this);
});
Then('the publish is allowed', async function (this: LabWorld) {
  await outcomes.expectPublished(this);
});
Then('the publish is blocked', async function (this: LabWorld) {
  outcomes.expectPublishRefused(this);
  await outcomes.expectStillUnpublished(this);
});
Then('MISP refuses to publish the event', function (this: LabWorld) {
  outcomes.expectPublishRefused(this);
});
Then('MISP answers "Job queued"', function (this: LabWorld) {
  outcomes.expectJobQueued(this);
});
Then(
  /^(?:once the job has run )?the event is still unpublished, with its earlier publish timestamp$/,
  async function (this: LabWorld) {
    await outcomes.expectStillUnpublished(this);
  },
);
Then(`the log says the workflow's "Stop execution" stopped the publish`, async function (this: LabWorld) {
  await outcomes.expectBlockReasonLogged(this);
});
Then(
  'only the datetime attributes lost their IDS flag, the one inside the file object too',
  async function (this: LabWorld) {
    await outcomes.expectIdsFlags(this, 'datetime');
    await outcomes.expectIdsFlags(this, 'others');
  },
);
Then('every attribute still has its IDS flag', async function (this: LabWorld) {
  await outcomes.expectEveryAttributeKeepsIdsFlag(this);
});

// The editor, as the slides click it
Given('the site admin is logged in to MISP in the browser', async function (this: LabWorld) {
  await logInAsSiteAdmin(this.siteAdmin);
});
When(
  'the site admin opens the editor of the {string} trigger from Administration, Workflows',
  async function (this: LabWorld, trigger: string) {
    await editor.openEditorFromMenu(this, this.siteAdmin, trigger);
  },
);
When('adds {string} to the workflow with', async function (this: LabWorld, module: string, table: DataTable) {
  await editor.addModule(this, this.siteAdmin, module, table.rowsHash());
});
When('adds {string} to the workflow', async function (this: LabWorld, module: string) {
  await editor.addModule(this, this.siteAdmin, module, {});
});
When('connects {string} to {string}', async function (this: LabWorld, from: string, to: string) {
  await editor.connect(this.siteAdmin, from, 'output', to);
});
When(
  'connects the {string} output of {string} to {string}',
  async function (this: LabWorld, output: string, from: string, to: string) {
    await editor.connect(this.siteAdmin, from, output, to);
  },
);
When('saves the workflow', async function (this: LabWorld) {
  await editor.save(this.siteAdmin);
});
Then(
  'the saved {string} workflow means the same as the workflow {string}',
  async function (this: LabWorld, trigger: string, fixture: string) {
    await editor.expectSavedGraphMeans(this, trigger, fixture);
  },
);

// Enrichment guard
Given(
  `the enrichment module {string} queries the lab's third-party service`,
  async function (this: LabWorld, module: string) {
    return enrichment.useThirdPartyForEnrichment(this, module);
  },
);
Given(
  'the blueprint {string} is the {string} workflow',
  async function (this: LabWorld, blueprint: string, trigger: string) {
    await enrichment.installBlueprint(this, blueprint, 'blueprint-pap-red-tlp-red-blocking', trigger);
  },
);
Given(
  'the attribute {string} is tagged {string}',
  async function (this: LabWorld, value: string, tag: string) {
    await enrichment.tagAttribute(this, value, tag);
  },
);
When(
  'the analyst enriches {string} with {string}',
  async function (this: LabWorld, value: string, module: string) {
    await enrichment.enrich(this, value, module);
  },
);
Then('MISP refuses the enrichment because the workflow blocked it', async function (this: LabWorld) {
  await enrichment.expectEnrichmentBlocked(this);
});
Then('MISP answers with the enrichment results', function (this: LabWorld) {
  enrichment.expectEnrichmentAnswered(this);
});
Then('the third-party service received {string}', function (this: LabWorld, value: string) {
  enrichment.expectThirdPartySaw(this, value, true);
});
Then('the third-party service never received {string}', function (this: LabWorld, value: string) {
  enrichment.expectThirdPartySaw(this, value, false);
});
