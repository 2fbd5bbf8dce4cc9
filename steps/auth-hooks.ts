/**
 * Hooks of the auth scenarios:
 * - @console scenarios need MISP's console ("cake Admin"); targets without one skip them with
 *   the reason instead of failing.
 */
import { Before } from '@cucumber/cucumber';
import type { LabWorld } from './support/world.ts';
import { acquireLab } from './support/lab-session.ts';
import { NO_CONSOLE_REASON } from './tasks/auth/console.ts';

Before({ tags: '@console' }, async function (this: LabWorld) {
  const env = this.env ?? (await acquireLab());
  if (env.misp.console && env.misp.console.command.length > 0) return undefined;
  // The reports read the code in brackets to word the reason in each language.
  this.attach(`SKIPPED[no-console]: ${NO_CONSOLE_REASON}`, 'text/plain');
  return 'skipped';
});
