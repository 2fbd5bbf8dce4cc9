/** Liveness and version: what monitoring and PyMISP ask first. */
import type { RouteDef } from '../http/context.ts';
import { json, text } from '../http/respond.ts';

export const systemRoutes: RouteDef[] = [
  // MISP 2.5.1 answers JSON {"message": …}, one of a few game quotes picked at random; monitors
  // check the status and the shape, so one observed message is enough.
  {
    path: 'users/heartbeat',
    public: true,
    methods: ['GET', 'HEAD'],
    handler: () => json({ message: 'Spawn more overlords.' }),
  },
  // MISP's web server serves app/webroot/favicon.ico itself. Without this route a browser's
  // favicon request before login was taken for the page to return to after login.
  {
    path: 'favicon.ico/index',
    public: true,
    methods: ['GET', 'HEAD'],
    handler: () => text('Not Found', 404),
  },
  {
    path: 'servers/getVersion',
    methods: ['GET'],
    handler: ({ auth, services }) =>
      json({
        version: services.config.mispVersion,
        pymisp_recommended_version: services.config.mispVersion,
        perm_sync: auth?.role.perms.perm_sync === true,
        perm_sighting: auth?.role.perms.perm_sighting === true,
        perm_galaxy_editor: auth?.role.perms.perm_galaxy_editor === true,
        perm_analyst_data: auth?.role.perms.perm_analyst_data === true,
        uuid: services.users.org(services.settings.number('MISP.host_org_id'))?.uuid ?? '',
        request_encoding: ['gzip', 'br'],
        filter_sightings: true,
      }),
  },
];
