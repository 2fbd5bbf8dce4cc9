import { describe, expect, it } from 'vitest';
import { FakeWorkflowServices } from '../../../engine/testing/fake-workflow-services.ts';
import { runModule } from '../../../engine/testing/run-module.ts';
import { inflectorHumanize, inflectorUnderscore } from './define-misp-module.ts';
import { mattermost } from './mattermost.ts';
import { testaction } from './testaction.ts';

const connection = {
  mattermost_hostname: 'http://127.0.0.1:8065',
  bot_access_token: 'tok',
  channel_id: 'chan',
};

describe('mattermost', () => {
  it('posts the template rendered over the data', async () => {
    const run = await runModule(
      mattermost,
      { ...connection, message_template: 'Event **{{ Event.info }}** published' },
      { Event: { info: 'x' } },
    );
    expect(run.result).toBe(true);
    expect(run.services.mattermostPosts).toEqual([
      {
        hostname: 'http://127.0.0.1:8065',
        token: 'tok',
        channelId: 'chan',
        message: 'Event **x** published',
      },
    ]);
  });

  // MISP renders the jinja_supported param, then mattermost.py renders the result again.
  it('renders template code that comes in through the data a second time, as MISP + misp-modules do', async () => {
    const post = async (info: string) =>
      (
        await runModule(
          mattermost,
          { ...connection, message_template: 'Event {{ Event.info }}' },
          { Event: { info } },
        )
      ).services.mattermostPosts[0]?.message;
    expect(await post('{{ 6*7 }}')).toBe('Event 42');
    // The sandbox, not a single rendering, is the safety: no way from the data to JS internals.
    expect(await post('{{ x.__lookupGetter__ }}{{ "".constructor }}')).toBe('Event ');
    expect(await post('{{ "".constructor.constructor("return process")() }}')).toBe('');
  });

  it('posts the data as a JSON code block when the template is empty', async () => {
    const run = await runModule(mattermost, connection, { Event: { info: 'é', id: '1' } });
    expect(run.services.mattermostPosts[0]!.message).toBe(
      '```\n{"Event": {"info": "\\u00e9", "id": "1"}}\n```',
    );
  });

  it('fails with the error the post raised', async () => {
    const services = new FakeWorkflowServices();
    services.mattermostError = new Error('401 Unauthorized');
    expect(await runModule(mattermost, connection, {}, { services })).toMatchObject({
      result: false,
      errors: ['401 Unauthorized'],
    });
  });
});

describe('testaction', () => {
  it('always succeeds', async () => {
    expect((await runModule(testaction, {}, {})).result).toBe(true);
  });
});

describe('CakePHP Inflector', () => {
  it('turns misp-modules names into ids and labels', () => {
    expect(inflectorUnderscore('NextcloudTalk')).toBe('nextcloud_talk');
    expect(inflectorHumanize('mattermost_hostname')).toBe('Mattermost Hostname');
  });
});
