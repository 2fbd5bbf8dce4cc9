/**
 * People of a scenario, created by the site admin through MISP's REST API (PyMISP's add_user,
 * add_role), namespaced per scenario and recorded for deletion.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Actor, LabWorld } from '../../support/world.ts';

const AUTH_KEY = /^[A-Za-z0-9]{40}$/;

/** A password MISP's default policy accepts (12+ characters, upper, lower, digit/special). */
function strongPassword(): string {
  return `Lab-${randomBytes(9).toString('base64url')}-9a`;
}

export interface NewUserOptions {
  roleId?: string;
}

export async function createUser(
  world: LabWorld,
  label: string,
  options: NewUserOptions = {},
): Promise<Actor> {
  const email = `${world.named(label)}@lab.test`;
  const password = strongPassword();
  const answer = await world.siteAdmin.misp.addUser({
    email,
    password,
    change_pw: false,
    ...(options.roleId ? { role_id: options.roleId } : {}),
  });
  assert.equal(
    answer.status,
    200,
    `adding user ${email} answered HTTP ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  const id = answer.data.User?.id;
  assert.ok(id !== undefined, `adding user ${email} gave no User.id`);
  world.ledger.record({ kind: 'user', id: String(id), email });
  const authKey = await authKeyFor(world, String(id), answer.data.User?.authkey);
  return world.addActor({ label, email, password, userId: String(id), authKey });
}

/** The legacy key of the add answer, or a new advanced auth key when MISP uses those. */
async function authKeyFor(world: LabWorld, userId: string, legacy: string | undefined): Promise<string> {
  if (legacy && AUTH_KEY.test(legacy)) return legacy;
  const answer = await world.siteAdmin.misp.addAuthKey(userId);
  const raw = answer.data.AuthKey?.authkey_raw;
  assert.ok(raw && AUTH_KEY.test(raw), `no auth key for user ${userId}: HTTP ${answer.status}`);
  return raw;
}

export async function createSiteAdmin(world: LabWorld, label: string): Promise<Actor> {
  return createUser(world, label, { roleId: await siteAdminRoleId(world) });
}

export async function createUserInSkipOtpRole(world: LabWorld, label: string): Promise<Actor> {
  const roleId = world.skipOtpRoleIds.at(-1);
  assert.ok(roleId, 'no perm_skip_otp role was created in this scenario');
  return createUser(world, label, { roleId });
}

/** The role of the lab's own site admin, to make another site admin. */
async function siteAdminRoleId(world: LabWorld): Promise<string> {
  const me = await world.siteAdmin.misp.getMe();
  const roleId = me.data.User?.role_id;
  assert.ok(
    roleId !== undefined,
    `the site admin's own user answered HTTP ${me.status} without User.role_id`,
  );
  return String(roleId);
}

/** A role with only what a reader needs plus "Skip OTP Reqs" (perm_skip_otp). */
export async function createSkipOtpRole(world: LabWorld): Promise<string> {
  const name = world.named('skip-otp');
  const answer = await world.siteAdmin.misp.addRole({
    name,
    permission: '1',
    perm_auth: true,
    perm_skip_otp: true,
  });
  assert.equal(
    answer.status,
    200,
    `adding the role answered HTTP ${answer.status}: ${JSON.stringify(answer.data).slice(0, 300)}`,
  );
  const id = answer.data.Role?.id;
  assert.ok(id !== undefined, 'adding the role gave no Role.id');
  assert.equal(answer.data.Role?.perm_skip_otp, true, 'the new role does not have perm_skip_otp');
  world.skipOtpRoleIds.push(String(id));
  // Recorded before its users, so the ledger (newest first) deletes the users, then the role.
  world.ledger.record({ kind: 'role', id: String(id), name });
  return String(id);
}

/** TOTP state as MISP's JSON tells it: totp_is_set ("0"/"1", or a boolean). */
export async function totpIsSet(world: LabWorld, actor: Actor): Promise<boolean> {
  assert.ok(actor.userId, `${actor.label} has no user id`);
  const answer = await world.siteAdmin.misp.getUser(actor.userId);
  assert.equal(answer.status, 200, `viewing user ${actor.email} answered HTTP ${answer.status}`);
  const flag = answer.data.User?.totp_is_set;
  return flag === true || flag === '1' || flag === 1;
}
