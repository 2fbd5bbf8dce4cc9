/**
 * The slides' steps as an attendee does them in her browser, through her MISP's pages only
 * (the page objects the suite drives real MISP 2.5.1 with): no MispClient, no fetch. Each
 * helper is one slide; the test in ../room-browser.test.ts strings them together.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LoginPage } from '../../../steps/pages/login-page.ts';
import { OtpPage } from '../../../steps/pages/otp-page.ts';
import { PaperTokensPage } from '../../../steps/pages/paper-tokens-page.ts';
import { ServerSettingsPage } from '../../../steps/pages/server-settings-page.ts';
import { TotpNewPage } from '../../../steps/pages/totp-new-page.ts';
import { UserViewPage } from '../../../steps/pages/user-view-page.ts';
import { TagAddPage } from '../../../steps/pages/tag-add-page.ts';
import { WorkflowTriggersPage } from '../../../steps/pages/workflow-triggers-page.ts';
import { WorkflowModulesPage } from '../../../steps/pages/workflow-modules-page.ts';
import { WorkflowEditorPage } from '../../../steps/pages/workflow-editor-page.ts';
import { flashTexts } from '../../../steps/pages/navigation.ts';
import { hotp, totpNow } from '../../server/support/lab-server.ts';

export interface Login {
  email: string;
  password: string;
}

/** On the TOTP page: reads the secret from the QR code, answers the current code, sees 50 paper tokens. */
async function verifyNewTotp(page: Page): Promise<string> {
  const totp = new TotpNewPage(page);
  const secret = await totp.scanQrCode().then((uri) => new URL(uri).searchParams.get('secret')!);
  await totp.submit(await totpNow(secret, Date.now()));
  expect((await new PaperTokensPage(page).tokens()).size).toBe(50);
  return secret;
}

/** Logs in with the password and enrols TOTP from the page, as the slides do; answers the secret. */
export async function enrolTotp(page: Page, login: Login): Promise<string> {
  await new LoginPage(page).open();
  await new LoginPage(page).submit(login.email, login.password);
  await new TotpNewPage(page).open();
  return verifyNewTotp(page);
}

/** Logs out and in again, answering MISP's OTP page with the paper token it asks for. */
export async function logInWithPaperToken(page: Page, login: Login, secret: string): Promise<number> {
  const form = new LoginPage(page);
  await form.logOut();
  await form.submit(login.email, login.password);
  const otp = new OtpPage(page);
  const asked = await otp.requestedPaperTokenNumber();
  if (asked === null) throw new Error(`MISP asked for no paper token; it shows ${page.url()}`);
  await otp.submit(await hotp(secret, asked));
  expect(new URL(page.url()).pathname).not.toBe(OtpPage.path);
  return asked;
}

/** Administration → Server Settings & Maintenance, a tab, a boolean chosen in the inline editor. */
export async function chooseSetting(page: Page, tab: string, setting: string, value: string): Promise<void> {
  const settings = new ServerSettingsPage(page);
  await settings.openFromMenu();
  await settings.openTab(tab);
  expect((await settings.chooseValue(setting, value)).status).toBe(200);
}

export async function shownSetting(page: Page, tab: string, setting: string): Promise<string> {
  const settings = new ServerSettingsPage(page);
  await settings.openFromMenu();
  await settings.openTab(tab);
  return settings.shownValue(setting);
}

/**
 * Recovery as the slides teach it: the authenticator is "lost", so she logs in with a paper
 * token, deletes her TOTP from her profile (the "TOTP deleted" the admin would log) and, as
 * Security.otp_required then makes MISP insist, enrols again. Answers the new secret.
 */
export async function recoverWithPaperToken(page: Page, login: Login, secret: string): Promise<string> {
  await logInWithPaperToken(page, login, secret);
  const profile = new UserViewPage(page);
  await profile.openFromUserName(login.email);
  expect(await profile.totpStatus()).toBe('Yes');
  await profile.deleteTotpAndConfirm();
  expect(await flashTexts(page)).toContainEqual(expect.stringContaining('User TOTP deleted'));
  // Security.otp_required is on by now: MISP sends a user without TOTP to enrol from any page.
  await profile.openFromUserName(login.email);
  expect(new URL(page.url()).pathname).toBe(TotpNewPage.path);
  return verifyNewTotp(page);
}

/** The modules Examples A and B and the notification use, by the module list's filter they appear under. */
const WORKSHOP_MODULES = {
  Action: ['stop-execution', 'attribute_ids_flag_operation', 'mattermost'],
  Logic: ['distribution-if', 'tag-if', 'generic-filter-data', 'generic-filter-reset'],
} as const;

/** The trigger on Administration → Workflows, then each module from List Modules. */
export async function enableTriggerAndModules(page: Page): Promise<void> {
  const triggers = new WorkflowTriggersPage(page);
  await triggers.openFromMenu();
  await triggers.setEnabled('event-publish', true);
  expect(await triggers.isEnabled('event-publish')).toBe(true);
  await triggers.openModuleList();
  const modules = new WorkflowModulesPage(page);
  for (const [filter, ids] of Object.entries(WORKSHOP_MODULES)) {
    for (const id of ids) {
      await modules.showOnly(filter as keyof typeof WORKSHOP_MODULES);
      // Some are on in a fresh MISP already: the row then offers "Disable" and is left alone.
      if (await modules.setEnabled(id, true))
        expect(await flashTexts(page)).toContain(`Enabled module ${id}`);
      await modules.showOnly(filter as keyof typeof WORKSHOP_MODULES);
      expect(await modules.isEnabled(id), id).toBe(true);
    }
  }
}

export async function addTag(page: Page, name: string, colour: string): Promise<void> {
  const form = new TagAddPage(page);
  await form.openFromMenu();
  await form.submit(name, colour);
  expect(await flashTexts(page)).toContain('The tag has been saved.');
}

async function openEventPublishEditor(page: Page): Promise<WorkflowEditorPage> {
  const triggers = new WorkflowTriggersPage(page);
  await triggers.openFromMenu();
  await triggers.openEditor('event-publish');
  const editor = new WorkflowEditorPage(page);
  await editor.waitUntilReady();
  return editor;
}

async function saveWorkflow(editor: WorkflowEditorPage): Promise<void> {
  const saved = await editor.save();
  expect(saved.message).toBe('Workflow saved.');
  expect(saved.savedState).toBe('saved');
}

/** Example A as the slides build it: three blocks dragged in, their params chosen, wired, saved. */
export async function buildExampleA(page: Page): Promise<void> {
  const editor = await openEventPublishEditor(page);
  const distribution = await editor.dragModule('distribution-if', { x: 190, y: 140 });
  await editor.setParam(distribution, 'Scope', 'Distribution of the Event');
  await editor.setParam(distribution, 'Condition', 'Is not');
  await editor.setParam(distribution, 'Distribution', 'Organisation');
  const tagIf = await editor.dragModule('tag-if', { x: 190, y: 440 });
  await editor.setParam(tagIf, 'Scope', 'Event');
  await editor.setParam(tagIf, 'Condition', 'Is tagged with any (OR)');
  await editor.setParam(tagIf, 'Tags', 'tlp:red');
  const stop = await editor.dragModule('stop-execution', { x: 880, y: 560 });
  await editor.connect(await editor.nodeIdByName('Event Publish'), 1, distribution);
  await editor.connect(distribution, 1, tagIf);
  await editor.connect(tagIf, 1, stop);
  await saveWorkflow(editor);
}

export interface ChatModuleParams {
  hostname: string;
  botToken: string;
  channelId: string;
  template: string;
}

/**
 * Example B added to the saved Example A (one workflow per trigger): what A lets through (both
 * "else" outputs) goes to Filter :: Generic (datetime attributes) → Attribute IDS Flag operation
 * (remove) → Filter :: Remove filter (all), then the Mattermost module tells her channel.
 */
export async function addExampleBAndNotification(page: Page, chat: ChatModuleParams): Promise<void> {
  const editor = await openEventPublishEditor(page);
  const filter = await editor.dragModule('generic-filter-data', { x: 1380, y: 230 });
  await editor.setParam(filter, 'Filtering Label', 'Label A');
  await editor.setParam(filter, 'Data selector', 'Event._AttributeFlattened.{n}');
  await editor.setParam(filter, 'Operator', 'Equals');
  await editor.setParam(filter, 'Value', 'datetime');
  await editor.setParam(filter, 'Hash path', 'type');
  const idsFlag = await editor.dragModule('attribute_ids_flag_operation', { x: 1380, y: 640 });
  await editor.setParam(idsFlag, 'To IDS Flag', 'Remove IDS flag');
  const reset = await editor.dragModule('generic-filter-reset', { x: 1380, y: 880 });
  await editor.setParam(reset, 'Filtering Label to remove', 'All filters');
  const notify = await editor.dragModule('mattermost', { x: 880, y: 1060 });
  await editor.setParam(notify, 'Mattermost Hostname', chat.hostname);
  await editor.setParam(notify, 'Bot Access Token', chat.botToken);
  await editor.setParam(notify, 'Channel Id', chat.channelId);
  await editor.setParam(notify, 'Message Template', chat.template);
  await editor.connect(await editor.nodeIdByName('IF :: Distribution'), 2, filter);
  await editor.connect(await editor.nodeIdByName('IF :: Tag'), 2, filter);
  await editor.connect(filter, 1, idsFlag);
  await editor.connect(idsFlag, 1, reset);
  await editor.connect(reset, 1, notify);
  await saveWorkflow(editor);
}
