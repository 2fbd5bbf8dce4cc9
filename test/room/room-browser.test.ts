/**
 * The done-when: two attendees side by side in a real Chromium (skipped when none is
 * found), each in her own browser context and her own MISP, doing the slides entirely through
 * the pages: no MispClient, no fetch, no console. Ada does the whole workshop: TOTP, paper
 * tokens, Security.otp_required, recovery with a paper token, the workflow plugin and the
 * action services on the settings page, the trigger and modules on MISP's workflow lists, the
 * tlp:red tag on Add Tag, Example A built in the editor and a tlp:red publish blocked, Example B
 * and a Mattermost notification added in the editor, an event with a datetime attribute
 * published and its IDS flag gone, the bot's post in her chat channel. Bruno stops after TOTP.
 * The trainer's board, open in a third context, must then show exactly that; Bruno's pages
 * show none of Ada's changes; the values the Mattermost module needs are read from Ada's
 * hand-out, which is opened in both languages. Screenshots: .scratch/room/editor.png (Ada's
 * event-publish workflow, A and B) and .scratch/room/board.png (the board at the end).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { findChromium, launchChromium } from '../../lab/browser.ts';
import { Room } from '../../lab/room/room.ts';
import { parseRoster } from '../../lab/room/roster.ts';
import { startBoard, type StartedBoard } from '../../lab/room/board-server.ts';
import type { AttendeeLab } from '../../lab/room/attendee-lab.ts';
import type { TickId } from '../../lab/room/workshop-ticks.ts';
import { LoginPage } from '../../steps/pages/login-page.ts';
import { OtpPage } from '../../steps/pages/otp-page.ts';
import { AttributeAddPage } from '../../steps/pages/attribute-add-page.ts';
import { EventAddPage } from '../../steps/pages/event-add-page.ts';
import { EventViewPage } from '../../steps/pages/event-view-page.ts';
import { secretsOnScreen } from '../../steps/pages/navigation.ts';
import {
  addExampleBAndNotification,
  addTag,
  buildExampleA,
  chooseSetting,
  enableTriggerAndModules,
  enrolTotp,
  logInWithPaperToken,
  recoverWithPaperToken,
  shownSetting,
} from './support/workshop-by-pages.ts';

const SHOTS = '.scratch/room';
const ALL_TICKS: TickId[] = [
  'totpEnrolled',
  'paperTokensSeen',
  'otpRequired',
  'recoveryDone',
  'exampleA',
  'exampleB',
  'notificationReceived',
];

const chromium = (() => {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
})();

describe.skipIf(!chromium)('two attendees and the board in a browser, through the pages only', () => {
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

  /** A context of its own per attendee: cookies, sessions and dialogs never cross. */
  async function attendeePage(lab: AttendeeLab): Promise<Page> {
    // Taller than the suite's 1440×1000: the editor's canvas holds Example A, B and the notification.
    const context = await browser.newContext({ baseURL: lab.url, viewport: { width: 1920, height: 1500 } });
    contexts.push(context);
    const page = await context.newPage();
    // What each attendee's browser showed when a step failed, to read beside the error.
    onTestFailed(async () => {
      mkdirSync(SHOTS, { recursive: true });
      await page
        .screenshot({
          path: `${SHOTS}/failed-${lab.attendee.id}.png`,
          fullPage: true,
          mask: [secretsOnScreen(page), page.locator('[data-param="bot_access_token"]')],
        })
        .catch(() => undefined);
    });
    return page;
  }

  async function trainerPage(): Promise<Page> {
    const context = await browser.newContext({
      baseURL: board.url,
      httpCredentials: { username: room.trainer.username, password: room.trainer.password },
    });
    contexts.push(context);
    return context.newPage();
  }

  const tick = (page: Page, lab: AttendeeLab, id: TickId) =>
    page.locator(`tr[data-attendee="${lab.attendee.id}"] td[data-tick="${id}"]`);
  const ticked = (page: Page, lab: AttendeeLab, id: TickId) => tick(page, lab, id).getAttribute('data-done');
  /** The board re-draws from its stream within its 2-second refresh; no reload. */
  const untilTicked = (page: Page, lab: AttendeeLab, id: TickId) =>
    expect
      .poll(() => ticked(page, lab, id), { timeout: 15_000, message: `${lab.attendee.id} ${id}` })
      .toBe('true');

  /** A row of the hand-out's definition list, by its label. */
  const handoutValue = (page: Page, label: string) =>
    page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').innerText();

  it('shows exactly what each attendee did, keeps their labs apart, and resets one from its button', async () => {
    const [ada, bruno] = room.attendees as [AttendeeLab, AttendeeLab];
    const boardPage = await trainerPage();
    await boardPage.goto('/');
    await expect.poll(() => boardPage.locator('tbody tr').count()).toBe(2);
    expect(await ticked(boardPage, ada, 'totpEnrolled')).toBe('false');

    const adaPage = await attendeePage(ada);
    const brunoPage = await attendeePage(bruno);
    const adaSecret = await enrolTotp(adaPage, ada.credentials);
    await enrolTotp(brunoPage, bruno.credentials);

    // Ada: a paper token at the next login, otp_required on, then recovery with the next paper token.
    expect(await logInWithPaperToken(adaPage, ada.credentials, adaSecret)).toBe(0);
    await chooseSetting(adaPage, 'Security', 'Security.otp_required', 'true');
    // Her new secret is not needed again: the rest of the slides happen in this session.
    await recoverWithPaperToken(adaPage, ada.credentials, adaSecret);
    for (const id of ['totpEnrolled', 'paperTokensSeen', 'otpRequired', 'recoveryDone'] as const)
      await untilTicked(boardPage, ada, id);
    await untilTicked(boardPage, bruno, 'totpEnrolled');

    // The trainer's set-up of the slides, done by Ada on her own pages.
    await chooseSetting(adaPage, 'Plugin', 'Plugin.Workflow_enable', 'true');
    await chooseSetting(adaPage, 'Plugin', 'Plugin.Action_services_enable', 'true');
    await enableTriggerAndModules(adaPage);
    await addTag(adaPage, 'tlp:red', '#cc0033');

    // Example A: built in the editor, a tlp:red event for all communities published: blocked.
    await buildExampleA(adaPage);
    const newEvent = new EventAddPage(adaPage);
    await newEvent.openFromMenu();
    await newEvent.submit('tlp:red for everyone', 'All communities');
    const event = new EventViewPage(adaPage);
    const blockedId = event.shownEventId();
    await event.eventTags().add('tlp:red');
    await event.publishWithConfirmation();
    await event.open(blockedId);
    expect(await event.publishedState()).toBe('No');
    await untilTicked(boardPage, ada, 'exampleA');

    // Example B and the notification, with the chat values her hand-out gives.
    const handout = await trainerPage();
    await handout.goto(`/handouts/${ada.attendee.id}/en.html`);
    expect(await handout.locator('h1').innerText()).toBe('Your MISP lab: Ada');
    await addExampleBAndNotification(adaPage, {
      hostname: await handoutValue(handout, 'Mattermost Hostname'),
      botToken: await handoutValue(handout, 'Bot Access Token'),
      channelId: await handoutValue(handout, 'Channel Id'),
      template: 'MISP event published: **{{ Event.info }}**',
    });
    mkdirSync(SHOTS, { recursive: true });
    // The bot's token is a secret: masked in the screenshot.
    await adaPage.screenshot({
      path: `${SHOTS}/editor.png`,
      fullPage: true,
      mask: [adaPage.locator('[data-param="bot_access_token"]')],
    });

    // An event with a datetime attribute flagged for IDS, published from its page: the flag goes.
    await newEvent.openFromMenu();
    await newEvent.submit('Timestamps are not indicators', 'Your organisation only');
    const passedId = event.shownEventId();
    await event.openAddAttribute();
    await new AttributeAddPage(adaPage).submit({
      category: 'Other',
      type: 'datetime',
      value: '2026-12-01T10:00:00+00:00',
      toIds: true,
    });
    expect(await event.idsFlagOf('2026-12-01')).toBe(true);
    await event.publishWithConfirmation();
    await expect
      .poll(async () => (await event.open(passedId), event.publishedState()), { timeout: 15_000 })
      .toBe('Yes');
    expect(await event.idsFlagOf('2026-12-01')).toBe(false);

    // The bot's post, in her channel's page.
    await adaPage.goto(room.chatPageFor(ada));
    await expect
      .poll(() => adaPage.locator('article.post .message').allInnerTexts(), { timeout: 15_000 })
      .toContain('MISP event published: Timestamps are not indicators');

    // The board: Ada all seven, Bruno TOTP only.
    for (const id of ALL_TICKS) await untilTicked(boardPage, ada, id);
    for (const id of ALL_TICKS.filter((id) => id !== 'totpEnrolled'))
      expect(await ticked(boardPage, bruno, id), `bruno ${id}`).toBe('false');
    await boardPage.screenshot({ path: `${SHOTS}/board.png`, fullPage: true });

    // Bruno's lab shows none of it: his settings, his tags, his channel.
    expect(await shownSetting(brunoPage, 'Security', 'Security.otp_required')).toBe('false');
    expect(await shownSetting(brunoPage, 'Plugin', 'Plugin.Workflow_enable')).toBe('false');
    expect(await shownSetting(brunoPage, 'Plugin', 'Plugin.Action_services_enable')).toBe('false');
    await brunoPage.goto('/tags/index');
    expect(await brunoPage.locator('#tagIndexTable').innerText()).not.toContain('tlp:red');
    await brunoPage.goto(room.chatPageFor(bruno));
    expect(await brunoPage.locator('article.post').count()).toBe(0);

    // The trainer resets Bruno from the board; Ada's ticks stay.
    boardPage.once('dialog', (dialog) => void dialog.accept());
    await boardPage.locator(`button[data-reset="${bruno.attendee.id}"]`).click();
    await expect.poll(() => ticked(boardPage, bruno, 'totpEnrolled'), { timeout: 10_000 }).toBe('false');
    expect(await ticked(boardPage, ada, 'otpRequired')).toBe('true');
    // Bruno's lab is empty again behind the same URL and password: the login asks for no OTP.
    const fresh = new LoginPage(brunoPage);
    await fresh.open();
    await fresh.submit(bruno.credentials.email, bruno.credentials.password);
    expect(new URL(brunoPage.url()).pathname).not.toBe(OtpPage.path);
  }, 240_000);

  it('renders the hand-outs in both languages from the board', async () => {
    const page = await trainerPage();
    const ada = room.attendees[0]!;
    await page.goto(`/handouts/${ada.attendee.id}/pt-BR.html`);
    expect(await page.locator('h1').innerText()).toBe('Seu laboratório MISP: Ada');
    expect(await handoutValue(page, 'Senha')).toBe(ada.credentials.password);
    await page.goto(`/handouts/${ada.attendee.id}/en.html`);
    expect(await page.locator('h1').innerText()).toBe('Your MISP lab: Ada');
    expect(await handoutValue(page, 'Password')).toBe(ada.credentials.password);
    expect(await page.locator(`a[href="${ada.url}"]`).count()).toBe(1);
    const pdf = await page.request.get(`/handouts/${ada.attendee.id}/pt-BR.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
