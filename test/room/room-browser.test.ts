/**
 * Two attendees side by side in a real Chromium (skipped when none is found), each in her own
 * browser context and her own MISP, doing the slides' TOTP steps through MISP's pages with the
 * page objects the suite drives real MISP 2.5.1 with. Ada goes on (paper token at login,
 * Security.otp_required on the settings page); Bruno stops after enrolling. The trainer's board,
 * open in a third context, follows them live, and its Reset button starts Bruno afresh.
 *
 * Ada then builds Example A by drag and drop in the editor and publishes a tlp:red event from
 * its page (tag picker, Publish): blocked, and the board ticks it. As in the suite's by-hand
 * scenario, the set-up is the trainer's (workflow plugin, trigger and modules on, the tlp:red tag:
 * MISP's module toggles have no page object yet). Not played through pages here: recovery,
 * Example B and the notification; test/room/room.test.ts ticks those through the client.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from '../../lab/browser.ts';
import { Room } from '../../lab/room/room.ts';
import { parseRoster } from '../../lab/room/roster.ts';
import { startBoard, type StartedBoard } from '../../lab/room/board-server.ts';
import type { AttendeeLab } from '../../lab/room/attendee-lab.ts';
import { LoginPage } from '../../steps/pages/login-page.ts';
import { OtpPage } from '../../steps/pages/otp-page.ts';
import { PaperTokensPage } from '../../steps/pages/paper-tokens-page.ts';
import { ServerSettingsPage } from '../../steps/pages/server-settings-page.ts';
import { TotpNewPage } from '../../steps/pages/totp-new-page.ts';
import { MispClient } from '../../lab/clients/misp-client.ts';
import { EventAddPage } from '../../steps/pages/event-add-page.ts';
import { EventViewPage } from '../../steps/pages/event-view-page.ts';
import { WorkflowEditorPage } from '../../steps/pages/workflow-editor-page.ts';
import { WorkflowTriggersPage } from '../../steps/pages/workflow-triggers-page.ts';
import { hotp, totpNow } from '../server/support/lab-server.ts';

/** The trainer's set-up for Example A in one attendee's lab (what the slides do before the editor). */
async function prepareExampleA(lab: AttendeeLab): Promise<void> {
  const misp = new MispClient({ baseUrl: lab.localUrl, authKey: lab.credentials.authKey });
  await misp.setServerSetting('Plugin.Workflow_enable', true);
  await misp.toggleWorkflowModule('event-publish', true, true);
  for (const id of ['distribution-if', 'tag-if', 'stop-execution'])
    await misp.toggleWorkflowModule(id, true, false);
  const known = await misp.searchTags('tlp:red');
  if (!(known.data.Tag ?? []).some((tag) => tag.name === 'tlp:red'))
    await misp.addTag({ name: 'tlp:red', colour: '#cc0033', exportable: true });
}

/** Example A as the slides build it: three blocks dragged in, their params chosen, wired, saved. */
async function buildExampleA(page: Page): Promise<void> {
  const triggers = new WorkflowTriggersPage(page);
  await triggers.openFromMenu();
  await triggers.openEditor('event-publish');
  const editor = new WorkflowEditorPage(page);
  await editor.waitUntilReady();
  const distribution = await editor.dragModule('distribution-if', { x: 190, y: 40 });
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
  await editor.save();
}

const chromium = (() => {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
})();

describe.skipIf(!chromium)('two attendees and the board in a browser', () => {
  let room: Room;
  let board: StartedBoard;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    room = await Room.start({ attendees: parseRoster('Ada <ada@room.test>\nBruno <bruno@room.test>') });
    board = await startBoard(room, '127.0.0.1', 0);
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await board?.stop();
    await room?.stop();
  });

  async function attendeePage(lab: AttendeeLab): Promise<Page> {
    // The suite's browser size (steps/support/browser-session.ts): the editor's drop spots fit it.
    const context = await browser.newContext({ baseURL: lab.url, viewport: { width: 1440, height: 1000 } });
    contexts.push(context);
    return context.newPage();
  }

  /** Logs in and enrols TOTP from the page, as the slides do; answers the secret. */
  async function enrol(page: Page, lab: AttendeeLab): Promise<string> {
    await new LoginPage(page).open();
    await new LoginPage(page).submit(lab.credentials.email, lab.credentials.password);
    const totp = new TotpNewPage(page);
    await totp.open();
    const secret = await totp.scanQrCode().then((uri) => new URL(uri).searchParams.get('secret')!);
    await totp.submit(await totpNow(secret, Date.now()));
    expect((await new PaperTokensPage(page).tokens()).size).toBe(50);
    return secret;
  }

  const tick = (page: Page, lab: AttendeeLab, id: string) =>
    page.locator(`tr[data-attendee="${lab.attendee.id}"] td[data-tick="${id}"]`);

  it('shows what each attendee did, live, and resets one from its button', async () => {
    const [ada, bruno] = room.attendees as [AttendeeLab, AttendeeLab];
    const trainer = await browser.newContext({
      baseURL: board.url,
      httpCredentials: { username: room.trainer.username, password: room.trainer.password },
    });
    contexts.push(trainer);
    const boardPage = await trainer.newPage();
    await boardPage.goto('/');
    await expect.poll(() => boardPage.locator('tbody tr').count()).toBe(2);
    expect(await tick(boardPage, ada, 'totpEnrolled').getAttribute('data-done')).toBe('false');

    const adaPage = await attendeePage(ada);
    const brunoPage = await attendeePage(bruno);
    const adaSecret = await enrol(adaPage, ada);
    await enrol(brunoPage, bruno);

    // Ada goes on: a paper token at the next login, then otp_required on the settings page.
    const login = new LoginPage(adaPage);
    await login.logOut();
    await login.submit(ada.credentials.email, ada.credentials.password);
    const otp = new OtpPage(adaPage);
    expect(await otp.requestedPaperTokenNumber()).toBe(0);
    await otp.submit(await hotp(adaSecret, 0));
    const settings = new ServerSettingsPage(adaPage);
    await settings.openFromMenu();
    await settings.openTab('Security');
    expect((await settings.chooseValue('Security.otp_required', 'true')).status).toBe(200);

    // The board's stream re-draws within its 2-second refresh; no reload.
    for (const id of ['totpEnrolled', 'paperTokensSeen', 'otpRequired'])
      await expect
        .poll(() => tick(boardPage, ada, id).getAttribute('data-done'), { timeout: 10_000 })
        .toBe('true');
    await expect
      .poll(() => tick(boardPage, bruno, 'totpEnrolled').getAttribute('data-done'), { timeout: 10_000 })
      .toBe('true');
    for (const id of [
      'paperTokensSeen',
      'otpRequired',
      'recoveryDone',
      'exampleA',
      'exampleB',
      'notificationReceived',
    ])
      expect(await tick(boardPage, bruno, id).getAttribute('data-done')).toBe('false');
    for (const id of ['recoveryDone', 'exampleA', 'exampleB', 'notificationReceived'])
      expect(await tick(boardPage, ada, id).getAttribute('data-done')).toBe('false');
    // Ada's otp_required is hers alone: Bruno's settings page still says false.
    const brunoSettings = new ServerSettingsPage(brunoPage);
    await brunoSettings.openFromMenu();
    await brunoSettings.openTab('Security');
    expect(await brunoSettings.shownValue('Security.otp_required')).toBe('false');

    // Example A by hand: built in the editor, then a tlp:red event for all communities, blocked.
    await prepareExampleA(ada);
    await buildExampleA(adaPage);
    mkdirSync('.scratch/room', { recursive: true });
    await adaPage.screenshot({ path: '.scratch/room/editor.png', fullPage: true });
    const newEvent = new EventAddPage(adaPage);
    await newEvent.openFromMenu();
    await newEvent.submit('tlp:red for everyone', 'All communities');
    const event = new EventViewPage(adaPage);
    const eventId = event.shownEventId();
    await event.eventTags().add('tlp:red');
    await event.publishWithConfirmation();
    await event.open(eventId);
    expect(await event.publishedState()).toBe('No');
    await expect
      .poll(() => tick(boardPage, ada, 'exampleA').getAttribute('data-done'), { timeout: 10_000 })
      .toBe('true');
    expect(await tick(boardPage, bruno, 'exampleA').getAttribute('data-done')).toBe('false');

    await boardPage.screenshot({ path: '.scratch/room/board.png', fullPage: true });

    boardPage.once('dialog', (dialog) => void dialog.accept());
    await boardPage.locator(`button[data-reset="${bruno.attendee.id}"]`).click();
    await expect
      .poll(() => tick(boardPage, bruno, 'totpEnrolled').getAttribute('data-done'), { timeout: 10_000 })
      .toBe('false');
    expect(await tick(boardPage, ada, 'otpRequired').getAttribute('data-done')).toBe('true');
    // Bruno's lab is empty again behind the same URL and password: the login asks for no OTP.
    const fresh = new LoginPage(brunoPage);
    await fresh.open();
    await fresh.submit(bruno.credentials.email, bruno.credentials.password);
    expect(new URL(brunoPage.url()).pathname).not.toBe(OtpPage.path);
  }, 90_000);

  it('renders the hand-outs in both languages from the board', async () => {
    const context = await browser.newContext({
      baseURL: board.url,
      httpCredentials: { username: room.trainer.username, password: room.trainer.password },
    });
    contexts.push(context);
    const page = await context.newPage();
    const ada = room.attendees[0]!;
    await page.goto(`/handouts/${ada.attendee.id}/pt-BR.html`);
    expect(await page.locator('h1').innerText()).toBe('Seu laboratório MISP: Ada');
    await page.goto(`/handouts/${ada.attendee.id}/en.html`);
    expect(await page.locator('h1').innerText()).toBe('Your MISP lab: Ada');
    expect(await page.locator(`a[href="${ada.url}"]`).count()).toBe(1);
    const pdf = await page.request.get(`/handouts/${ada.attendee.id}/pt-BR.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
