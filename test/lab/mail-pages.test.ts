/**
 * The mail pages for people: one attendee's mailbox out of the shared catcher, an HTML mail shown
 * in a sandboxed frame that runs nothing and loads nothing, and the inbox's live script allowed by
 * the page's policy and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailService, type StartedMailService } from '../../lab/mail/mail-service.ts';
import { sendTo } from './support/smtp-send.ts';

let mail: StartedMailService;

const page = async (path: string) => {
  const response = await fetch(`${mail.getHttpUrl()}${path}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
};

beforeAll(async () => {
  mail = await MailService.start();
  await sendTo(mail, { from: 'misp-a01@room.lab', to: 'ada@room.test', subject: 'For Ada', text: 'hi' });
  await sendTo(mail, {
    from: 'misp-a02@room.lab',
    to: 'bruno@room.test',
    subject: 'For Bruno',
    text: 'plain part',
    html: '<p>Hello <b>Bruno</b></p><script>parent.alert(1)</script><img src="http://tracker.example/x.png">',
  });
});
afterAll(async () => {
  await mail?.stop();
});

describe('mail pages', () => {
  it("lists one attendee's mail, by recipient or by their MISP's sender address", async () => {
    const ada = await page('/?address=ada%40room.test');
    expect(ada.text).toContain('For Ada');
    expect(ada.text).not.toContain('For Bruno');
    const bruno = await page('/?sender=misp-a02%40room.lab');
    expect(bruno.text).toContain('For Bruno');
    expect(bruno.text).not.toContain('For Ada');
    expect((await page('/')).text).toContain('2 message(s)');
  });

  it('lets only its own nonce script run, which follows the event stream', async () => {
    const inbox = await page('/');
    const nonce = /script-src 'nonce-([^']+)'/.exec(inbox.headers.get('content-security-policy')!)![1];
    expect(inbox.text).toContain(`<script nonce="${nonce}">`);
    expect(inbox.text).toContain("new EventSource('/api/v1/events')");
    expect(inbox.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('shows an HTML mail in a sandboxed frame that runs no script and loads nothing', async () => {
    const listing = (await (
      await fetch(`${mail.getHttpUrl()}/api/v2/search?kind=to&query=bruno`)
    ).json()) as {
      items: Array<{ ID: string }>;
    };
    const id = listing.items[0]!.ID;
    const view = await page(`/view/${id}`);
    expect(view.text).toMatch(
      new RegExp(`<iframe[^>]*sandbox=""[^>]*src="/view/${encodeURIComponent(id)}/html"`, 's'),
    );
    expect(view.text).toContain('&lt;script&gt;parent.alert(1)&lt;/script&gt;'); // the source, escaped
    expect(view.headers.get('content-security-policy')).toContain("frame-src 'self'");
    const part = await page(`/view/${id}/html`);
    expect(part.status).toBe(200);
    expect(part.headers.get('content-security-policy')).toBe(
      "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
    expect(part.text).toContain('<p>Hello <b>Bruno</b></p>');
    const plain = (await (await fetch(`${mail.getHttpUrl()}/api/v2/search?kind=to&query=ada`)).json()) as {
      items: Array<{ ID: string }>;
    };
    expect((await page(`/view/${plain.items[0]!.ID}/html`)).status).toBe(404);
  });
});
