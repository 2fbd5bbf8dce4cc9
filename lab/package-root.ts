/**
 * Where this package lives: the repository in a checkout, node_modules/misp-compliance-lab when
 * a CERT installs it. Cucumber's profiles, features and steps are found here, never in the
 * folder the user runs from (which holds only their inventory, waivers and reports).
 */
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
