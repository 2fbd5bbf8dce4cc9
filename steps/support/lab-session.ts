/**
 * One lab per test run. The CLI starts it and hands it over in MISP_LAB_ENVIRONMENT; when
 * Cucumber runs on its own, the first worker that needs it starts an embedded lab.
 */
import { LAB_ENV_VARIABLE, type LabEnvironment, type StartedLab } from '../../lab/targets/lab-environment.ts';
import { startEmbeddedLab } from '../../lab/targets/embedded.ts';
import { registerSecret } from './redact.ts';

let owned: StartedLab | null = null;
let environment: LabEnvironment | null = null;

export async function acquireLab(): Promise<LabEnvironment> {
  if (environment) return environment;
  const handed = process.env[LAB_ENV_VARIABLE];
  if (handed) {
    environment = JSON.parse(handed) as LabEnvironment;
  } else {
    owned = await startEmbeddedLab();
    environment = owned.environment;
  }
  // A posture audit runs without a password, a chat or its webhook (lab/targets/external.ts).
  if (environment.misp.adminPassword) registerSecret(environment.misp.adminPassword);
  registerSecret(environment.misp.adminAuthKey);
  if (environment.chat.token) registerSecret(environment.chat.token);
  if (environment.chat.webhookUrl)
    registerSecret(new URL(environment.chat.webhookUrl).pathname.split('/').pop());
  return environment;
}

export async function releaseLab(): Promise<void> {
  await owned?.stop();
  owned = null;
  environment = null;
}
