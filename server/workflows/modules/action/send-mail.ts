import { isPhpArray, phpEmpty, phpToString, phpValues } from '../../engine/php.ts';
import type { WorkflowMailUser } from '../../engine/services.ts';
import { defineAction } from './define-action.ts';

const TEMPLATE_PLACEHOLDER = 'The **template** will be rendered using *Jinja2*!';

export const sendMail = defineAction({
  id: 'send-mail',
  name: 'Send Mail',
  description:
    'Allow to send a Mail to a list or recipients. Requires functional misp-modules to be functional.',
  icon: 'envelope',
  params: [
    {
      id: 'recipients',
      label: 'Recipients',
      type: 'picker',
      multiple: true,
      options: { dynamic: 'recipients' },
      default: ['All admins'],
    },
    {
      id: 'mail_template_subject',
      label: 'Mail template subject',
      type: 'textarea',
      placeholder: TEMPLATE_PLACEHOLDER,
      jinja_supported: true,
    },
    {
      id: 'mail_template_body',
      label: 'Mail template body',
      type: 'textarea',
      placeholder: TEMPLATE_PLACEHOLDER,
      jinja_supported: true,
    },
  ],
  // One mail per user: everybody for "All accounts", else site admins for "All admins" plus the
  // users whose email was picked.
  async exec(node, roamingData, ctx) {
    const params = ctx.params(node, roamingData.getData());
    const recipientsValue = params.recipients?.value;
    if (phpEmpty(recipientsValue)) {
      ctx.errors.push('No recipient set.');
      return false;
    }
    const subject = params.mail_template_subject?.value;
    if (phpEmpty(subject)) {
      ctx.errors.push('The mail template is empty.');
      return false;
    }
    const recipients = (isPhpArray(recipientsValue) ? phpValues(recipientsValue) : [recipientsValue]).map(
      phpToString,
    );
    let users: WorkflowMailUser[];
    if (recipients.includes('All accounts')) {
      users = await ctx.services.listUsers();
    } else {
      const emails = recipients.filter((recipient) => recipient !== 'All admins');
      const admins = recipients.includes('All admins') ? await ctx.services.listUsers({ admins: true }) : [];
      const adminIds = new Set(admins.map((user) => String(user.id)));
      const everyone = emails.length > 0 ? await ctx.services.listUsers() : [];
      users = [
        ...admins,
        ...everyone.filter((user) => emails.includes(user.email) && !adminIds.has(String(user.id))),
      ];
    }
    for (const user of users) {
      await ctx.services.sendMail({
        to: [user.email],
        subject: phpToString(subject),
        body: phpToString(params.mail_template_body?.value),
      });
    }
    return true;
  },
});
