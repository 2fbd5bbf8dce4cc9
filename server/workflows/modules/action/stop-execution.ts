import { phpEmpty, phpToString } from '../../engine/php.ts';
import { defineAction } from './define-action.ts';

const DEFAULT_MESSAGE = 'Execution stopped';

export const stopExecution = defineAction({
  id: 'stop-execution',
  name: 'Stop execution',
  version: '0.2',
  description: 'Essentially stops the execution for blocking workflows. Do nothing for non-blocking ones',
  icon: 'ban',
  blocking: true,
  outputs: 0,
  params: [
    {
      id: 'message',
      label: 'Stop message',
      type: 'input',
      default: DEFAULT_MESSAGE,
      placeholder: DEFAULT_MESSAGE,
      jinja_supported: true,
    },
  ],
  // Always fails with its (rendered) message, or the default when that renders empty.
  async exec(node, roamingData, ctx) {
    const params = ctx.params(node, roamingData.getData());
    const message = params.message?.value;
    ctx.errors.push(phpEmpty(message) ? DEFAULT_MESSAGE : phpToString(message));
    return false;
  },
});
