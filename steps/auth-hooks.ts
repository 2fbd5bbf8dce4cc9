/**
 * Hooks of the auth scenarios:
 * - @console scenarios need MISP's console ("cake Admin"); targets without one skip them with
 *   the reason instead of failing.
 * - @exclusive scenarios change global settings (Security.otp_required, otp_disabled): in a
 *   parallel run they run alone, and nothing else starts while one runs.
 * - roles created by a scenario are deleted after it (the shared ledger has no role entries).
 */
import { After, Before, setParallelCanAssign } from '@cucumber/cucumber';
import type { LabWorld } from './support/world.ts';
import { acquireLab } from './support/lab-session.ts';
import { NO_CONSOLE_REASON } from './tasks/auth/console.ts';
import { deleteCreatedRoles } from './tasks/auth/users.ts';
import { redact } from './support/redact.ts';

Before({ tags: '@console' }, async function (this: LabWorld) {
  const env = this.env ?? (await acquireLab());
  if (env.misp.console && env.misp.console.command.length > 0) return undefined;
  this.attach(`SKIPPED: ${NO_CONSOLE_REASON}`, 'text/plain');
  return 'skipped';
});

const isExclusive = (pickle: { tags: readonly { name: string }[] }) =>
  pickle.tags.some((tag) => tag.name === '@exclusive');

setParallelCanAssign((pickle, inProgress) =>
  isExclusive(pickle) ? inProgress.length === 0 : !inProgress.some(isExclusive),
);

After({ tags: '@auth' }, async function (this: LabWorld) {
  const problems = await deleteCreatedRoles(this);
  if (problems.length > 0)
    this.attach(redact(`role cleanup problems:\n${problems.join('\n')}`), 'text/plain');
});
