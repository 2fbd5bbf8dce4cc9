/**
 * user-before-save and user-after-save (User::beforeSave/afterSave, spec §3.4 and §3.11) for the
 * admin user forms and REST: the blocking trigger can refuse a save (logged as MISP does), the
 * after-save one runs as a job with background jobs on. Data is MISP's `{"User":{…}}` array.
 */
import type { ServerServices } from '../services.ts';
import { TriggerFirer } from '../events/triggers.ts';

export type UserTriggerData = { User: Record<string, unknown> };

/** Null when the save may go ahead; otherwise the workflow's errors. */
export async function userBeforeSave(
  services: ServerServices,
  data: UserTriggerData,
  action: 'add' | 'edit',
): Promise<string[] | null> {
  const outcome = await new TriggerFirer(services).blocking('user-before-save', () => data, {});
  if (!outcome || outcome.success) return null;
  const id = data.User.id ?? '';
  services.logs.write({
    title: `The workflow \`user-before-save\` prevented the saving of user ${id}`.trimEnd(),
    model: 'User',
    model_id: Number(id) || 0,
    action,
    change: `Returned message: ${outcome.errors.join(', ')}`,
  });
  return outcome.errors;
}

export async function userAfterSave(services: ServerServices, data: UserTriggerData): Promise<void> {
  await new TriggerFirer(services).afterSave('user-after-save', () => data, {});
}
