/**
 * Schema, as ordered migrations. Column names follow MISP's db_schema.json so that
 * JSON views map one to one; values MISP serialises as strings are converted in the views.
 * Append new migrations; never edit an applied one.
 */
export const SCHEMA: ReadonlyArray<readonly [string, string]> = [
  [
    '001-identity',
    `
    CREATE TABLE organisations (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uuid TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
      type TEXT NOT NULL DEFAULT '', nationality TEXT NOT NULL DEFAULT '', sector TEXT NOT NULL DEFAULT '',
      created_by INTEGER NOT NULL DEFAULT 0, local INTEGER NOT NULL DEFAULT 1,
      date_created TEXT NOT NULL, date_modified TEXT NOT NULL
    );
    CREATE TABLE roles (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL, modified TEXT NOT NULL,
      perms TEXT NOT NULL, permission INTEGER NOT NULL DEFAULT 0, default_role INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE users (
      id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, password TEXT NOT NULL,
      org_id INTEGER NOT NULL REFERENCES organisations(id), role_id INTEGER NOT NULL REFERENCES roles(id),
      authkey_hash TEXT, authkey_start TEXT, authkey_end TEXT,
      totp TEXT, hotp_counter INTEGER, change_pw INTEGER NOT NULL DEFAULT 0, disabled INTEGER NOT NULL DEFAULT 0,
      autoalert INTEGER NOT NULL DEFAULT 0, contactalert INTEGER NOT NULL DEFAULT 0, termsaccepted INTEGER NOT NULL DEFAULT 0,
      invited_by INTEGER NOT NULL DEFAULT 0, nids_sid INTEGER NOT NULL DEFAULT 4000000,
      current_login INTEGER NOT NULL DEFAULT 0, last_login INTEGER NOT NULL DEFAULT 0, last_api_access INTEGER NOT NULL DEFAULT 0,
      date_created INTEGER, date_modified INTEGER, last_pw_change INTEGER
    );
    CREATE UNIQUE INDEX users_authkey ON users(authkey_hash);
    CREATE TABLE logs (
      id INTEGER PRIMARY KEY, title TEXT NOT NULL, created TEXT NOT NULL, model TEXT NOT NULL, model_id INTEGER NOT NULL DEFAULT 0,
      action TEXT NOT NULL, user_id INTEGER NOT NULL DEFAULT 0, change TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
      org TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', ip TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE bruteforces (ip TEXT NOT NULL, username TEXT NOT NULL, expire INTEGER NOT NULL);
    CREATE INDEX bruteforces_key ON bruteforces(ip, username);
    CREATE TABLE system_settings (setting TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  ],
  [
    '002-events',
    `
    CREATE TABLE events (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, org_id INTEGER NOT NULL, orgc_id INTEGER NOT NULL,
      user_id INTEGER NOT NULL, date TEXT NOT NULL, info TEXT NOT NULL, threat_level_id INTEGER NOT NULL DEFAULT 4,
      analysis INTEGER NOT NULL DEFAULT 0, distribution INTEGER NOT NULL DEFAULT 0, sharing_group_id INTEGER NOT NULL DEFAULT 0,
      published INTEGER NOT NULL DEFAULT 0, publish_timestamp INTEGER NOT NULL DEFAULT 0, timestamp INTEGER NOT NULL,
      attribute_count INTEGER NOT NULL DEFAULT 0, proposal_email_lock INTEGER NOT NULL DEFAULT 0,
      locked INTEGER NOT NULL DEFAULT 0, disable_correlation INTEGER NOT NULL DEFAULT 0, extends_uuid TEXT NOT NULL DEFAULT '',
      protected INTEGER
    );
    CREATE TABLE objects (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      name TEXT NOT NULL, meta_category TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
      template_uuid TEXT, template_version TEXT, timestamp INTEGER NOT NULL, distribution INTEGER NOT NULL DEFAULT 5,
      sharing_group_id INTEGER NOT NULL DEFAULT 0, comment TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,
      first_seen TEXT, last_seen TEXT
    );
    CREATE TABLE attributes (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      object_id INTEGER NOT NULL DEFAULT 0, object_relation TEXT, type TEXT NOT NULL, category TEXT NOT NULL,
      value1 TEXT NOT NULL, value2 TEXT NOT NULL DEFAULT '', to_ids INTEGER NOT NULL DEFAULT 1, timestamp INTEGER NOT NULL,
      distribution INTEGER NOT NULL DEFAULT 5, sharing_group_id INTEGER NOT NULL DEFAULT 0, comment TEXT NOT NULL DEFAULT '',
      deleted INTEGER NOT NULL DEFAULT 0, disable_correlation INTEGER NOT NULL DEFAULT 0, first_seen TEXT, last_seen TEXT
    );
    CREATE INDEX attributes_event ON attributes(event_id);
    CREATE TABLE tags (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, colour TEXT NOT NULL, exportable INTEGER NOT NULL DEFAULT 1,
      user_id INTEGER NOT NULL DEFAULT 0, hide_tag INTEGER NOT NULL DEFAULT 0, numerical_value INTEGER,
      is_galaxy INTEGER NOT NULL DEFAULT 0, is_custom_galaxy INTEGER NOT NULL DEFAULT 0, local_only INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE event_tags (
      id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      tag_id INTEGER NOT NULL REFERENCES tags(id), local INTEGER NOT NULL DEFAULT 0, relationship_type TEXT
    );
    CREATE TABLE attribute_tags (
      id INTEGER PRIMARY KEY, attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
      event_id INTEGER NOT NULL, tag_id INTEGER NOT NULL REFERENCES tags(id), local INTEGER NOT NULL DEFAULT 0,
      relationship_type TEXT
    );
    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY, worker TEXT NOT NULL, job_type TEXT NOT NULL, job_input TEXT NOT NULL DEFAULT '',
      status INTEGER NOT NULL DEFAULT 1, message TEXT NOT NULL DEFAULT '', progress INTEGER NOT NULL DEFAULT 0,
      org_id INTEGER NOT NULL DEFAULT 0, date_created TEXT NOT NULL, date_modified TEXT NOT NULL
    );
    `,
  ],
  [
    '003-workflows',
    `
    CREATE TABLE workflows (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
      timestamp INTEGER NOT NULL, enabled INTEGER NOT NULL DEFAULT 0, counter INTEGER NOT NULL DEFAULT 0,
      trigger_id TEXT NOT NULL, debug_enabled INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE workflow_blueprints (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
      timestamp INTEGER NOT NULL, is_default INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL DEFAULT '[]'
    );
    -- MISP keeps enabled logic/action module ids in the Redis set workflow:modules_enabled.
    CREATE TABLE workflow_modules_enabled (module_id TEXT PRIMARY KEY);
    `,
  ],
  [
    // MISP's db update 90 switches these modules on once (Workflow::$modules_enabled_by_default).
    '004-workflow-default-modules',
    `
    INSERT OR IGNORE INTO workflow_modules_enabled (module_id) VALUES
      ('generic-if'), ('distribution-if'), ('published-if'), ('organisation-if'), ('tag-if'),
      ('concurrent-task'), ('stop-execution'), ('webhook'), ('push-zmq');
    `,
  ],
  [
    // MISP's advanced auth keys (Security.advanced_authkeys): many keys per user, only a hash kept.
    '005-auth-keys',
    `
    CREATE TABLE auth_keys (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      authkey_hash TEXT NOT NULL UNIQUE, authkey_start TEXT NOT NULL, authkey_end TEXT NOT NULL,
      created INTEGER NOT NULL, expiration INTEGER NOT NULL DEFAULT 0, read_only INTEGER NOT NULL DEFAULT 0,
      comment TEXT NOT NULL DEFAULT ''
    );
    `,
  ],
  [
    // AuthKey.allowed_ips: a JSON list of IPs/CIDRs the key may be used from (null: anywhere).
    '006-auth-key-allowed-ips',
    `ALTER TABLE auth_keys ADD COLUMN allowed_ips TEXT;`,
  ],
  [
    // MISP's object_references and sightings tables (db_schema.json), for references sent with
    // objects and for sightings/add; organisations gain the columns their API answers carry.
    '007-object-references-sightings',
    `
    CREATE TABLE object_references (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, timestamp INTEGER NOT NULL,
      object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      source_uuid TEXT NOT NULL, referenced_uuid TEXT NOT NULL, referenced_id INTEGER NOT NULL,
      referenced_type INTEGER NOT NULL, relationship_type TEXT NOT NULL DEFAULT '',
      comment TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX object_references_object ON object_references(object_id);
    CREATE TABLE sightings (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
      attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
      event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE, org_id INTEGER NOT NULL,
      date_sighting INTEGER NOT NULL, source TEXT NOT NULL DEFAULT '', type INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sightings_attribute ON sightings(attribute_id);
    -- The duplicate check of every attribute save and restSearch by value look values up.
    CREATE INDEX attributes_event_value ON attributes(event_id, value1);
    ALTER TABLE organisations ADD COLUMN contacts TEXT;
    ALTER TABLE organisations ADD COLUMN restricted_to_domain TEXT;
    ALTER TABLE organisations ADD COLUMN landingpage TEXT;
    `,
  ],
  [
    // MISP's user_settings table (UserSetting): one JSON value per user and setting name.
    '008-user-settings',
    `
    CREATE TABLE user_settings (
      id INTEGER PRIMARY KEY, setting TEXT NOT NULL, value TEXT NOT NULL,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE, timestamp INTEGER NOT NULL,
      UNIQUE (user_id, setting)
    );
    `,
  ],
  [
    // MISP's inbox table: self-registration requests (Inbox type "registration") await an admin.
    '009-inbox',
    `
    CREATE TABLE inbox (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL, type TEXT NOT NULL,
      ip TEXT NOT NULL DEFAULT '', user_agent TEXT NOT NULL DEFAULT '', comment TEXT NOT NULL DEFAULT '',
      data TEXT NOT NULL, timestamp INTEGER NOT NULL
    );
    `,
  ],
  [
    // MISP's users.gpgkey and external_auth_key: a user added through the API or the admin page
    // has "" in both, the site admin made by `cake user init` NULL (real MISP 2.5.1's answers).
    '010-user-gpgkey-role-limits-job-process',
    `
    ALTER TABLE users ADD COLUMN gpgkey TEXT;
    ALTER TABLE users ADD COLUMN external_auth_key TEXT;
    -- Role.memory_limit and max_execution_time: NULL on the roles MISP ships, "" on added ones.
    ALTER TABLE roles ADD COLUMN memory_limit TEXT;
    ALTER TABLE roles ADD COLUMN max_execution_time TEXT;
    -- Job.process_id: the id MISP's background tool gives a queued job (a UUID).
    ALTER TABLE jobs ADD COLUMN process_id TEXT;
    `,
  ],
  [
    // MISP's sharing_groups, sharing_group_orgs and sharing_group_servers (server_id 0 is this instance).
    '011-sharing-groups',
    `
    CREATE TABLE sharing_groups (
      id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL, releasability TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '', organisation_uuid TEXT NOT NULL, org_id INTEGER NOT NULL,
      sync_user_id INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1, created TEXT NOT NULL,
      modified TEXT NOT NULL, local INTEGER NOT NULL DEFAULT 0, roaming INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE sharing_group_orgs (
      id INTEGER PRIMARY KEY, sharing_group_id INTEGER NOT NULL REFERENCES sharing_groups(id) ON DELETE CASCADE,
      org_id INTEGER NOT NULL, extend INTEGER NOT NULL DEFAULT 0, UNIQUE (sharing_group_id, org_id)
    );
    CREATE TABLE sharing_group_servers (
      id INTEGER PRIMARY KEY, sharing_group_id INTEGER NOT NULL REFERENCES sharing_groups(id) ON DELETE CASCADE,
      server_id INTEGER NOT NULL, all_orgs INTEGER NOT NULL DEFAULT 0
    );
    `,
  ],
  [
    // restSearch by value compares lower-cased values (MISP's collation is case-insensitive):
    // without these, every search walked all attributes of the event.
    '012-attribute-value-lookup',
    `
    CREATE INDEX attributes_event_lower_value1 ON attributes(event_id, lower(value1));
    CREATE INDEX attributes_event_lower_value2 ON attributes(event_id, lower(value2));
    `,
  ],
];
