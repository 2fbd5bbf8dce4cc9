import { phpEmpty, phpToString } from '../../../engine/php.ts';
import { defineMispModule } from './define-misp-module.ts';
import { pythonJsonDumps } from './python-json.ts';

export const mattermost = defineMispModule({
  name: 'mattermost',
  description: 'Simplistic module to send message to a Mattermost channel.',
  config: {
    params: {
      mattermost_hostname: {
        type: 'string',
        description: 'The Mattermost domain or URL',
        value: 'example.mattermost.com',
      },
      bot_access_token: {
        type: 'string',
        description: 'Access token generated when you created the bot account',
      },
      channel_id: { type: 'string', description: 'The channel you added the bot to' },
      message_template: {
        type: 'large_string',
        description: 'The template to be used to generate the message to be posted',
        value: 'The **template** will be rendered using *Jinja2*!',
        jinja_supported: true,
      },
    },
    blocking: false,
    support_filters: true,
    expect_misp_core_format: false,
  },
  // The message is the template rendered over matchingData (else the data); no template posts
  // the data as JSON in a code fence. As in MISP 2.5.1 and misp-modules, the template is rendered
  // twice: MISP renders every jinja_supported param through misp-modules' jinja_template_rendering
  // (WorkflowBaseModule::getParamsWithValues), then mattermost.py renders that result again
  // (utils.renderTemplate, a Jinja2 SandboxedEnvironment). So `{{ 6*7 }}` in an event's info posts
  // 42 on real MISP too; what keeps this safe is the sandbox (engine/jinja.ts), not one rendering.
  async handler(query, ctx) {
    const data = query.matchingData ?? query.data;
    const template = phpToString(query.params.message_template);
    const message = phpEmpty(template)
      ? `\`\`\`\n${pythonJsonDumps(data)}\n\`\`\``
      : ctx.renderTemplate(template, data);
    await ctx.services.mattermostPost({
      hostname: phpToString(query.params.mattermost_hostname),
      token: phpToString(query.params.bot_access_token),
      channelId: phpToString(query.params.channel_id),
      message,
    });
    return { data: true };
  },
});
