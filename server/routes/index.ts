/** Every route and guard of the reference server, in one list so app.ts stays small. */
import type { RouteDef } from '../http/context.ts';
import type { Guard } from '../http/dispatcher.ts';
import { systemRoutes } from './system.ts';

export const ROUTES: RouteDef[] = [...systemRoutes];

export const GUARDS: Guard[] = [];
