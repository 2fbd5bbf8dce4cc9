// JSON shapes of the Mattermost REST v4 API subset the lab uses. They follow what a real Mattermost
// answers (field names and types), so the client typed with them works against a real server and the
// embedded stand-in alike. Fields the lab never reads are left out rather than guessed.

export interface MmUser {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  username: string;
  auth_data: string;
  auth_service: string;
  email: string;
  email_verified: boolean;
  nickname: string;
  first_name: string;
  last_name: string;
  position: string;
  roles: string;
  locale: string;
  is_bot?: boolean;
  bot_description?: string;
}

export interface MmTeam {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  display_name: string;
  name: string;
  description: string;
  email: string;
  type: 'O' | 'I';
  company_name: string;
  allowed_domains: string;
  invite_id: string;
  allow_open_invite: boolean;
}

export interface MmTeamMember {
  team_id: string;
  user_id: string;
  roles: string;
  delete_at: number;
  scheme_user: boolean;
  scheme_admin: boolean;
  explicit_roles: string;
}

export interface MmChannel {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  team_id: string;
  type: 'O' | 'P' | 'D' | 'G';
  display_name: string;
  name: string;
  header: string;
  purpose: string;
  last_post_at: number;
  total_msg_count: number;
  extra_update_at: number;
  creator_id: string;
}

export interface MmChannelMember {
  channel_id: string;
  user_id: string;
  roles: string;
  last_viewed_at: number;
  msg_count: number;
  mention_count: number;
  last_update_at: number;
  scheme_user: boolean;
  scheme_admin: boolean;
  explicit_roles: string;
}

/** Post props are free-form; Mattermost itself stores strings such as `from_webhook: "true"`. */
export type MmPostProps = Record<string, unknown>;

export interface MmPost {
  id: string;
  create_at: number;
  update_at: number;
  edit_at: number;
  delete_at: number;
  is_pinned: boolean;
  user_id: string;
  channel_id: string;
  root_id: string;
  original_id: string;
  message: string;
  type: string;
  props: MmPostProps;
  hashtags: string;
  pending_post_id: string;
  reply_count: number;
  metadata: Record<string, unknown>;
}

export interface MmPostList {
  order: string[];
  posts: Record<string, MmPost>;
  next_post_id: string;
  prev_post_id: string;
  has_next?: boolean;
}

export interface MmBot {
  user_id: string;
  username: string;
  display_name: string;
  description: string;
  owner_id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
}

export interface MmUserAccessToken {
  id: string;
  token: string;
  user_id: string;
  description: string;
  is_active: boolean;
}

export interface MmIncomingWebhook {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  user_id: string;
  channel_id: string;
  team_id: string;
  display_name: string;
  description: string;
  username: string;
  icon_url: string;
  channel_locked: boolean;
}

/** The body Mattermost accepts on `POST /hooks/<id>`. */
export interface MmIncomingWebhookPayload {
  text?: string;
  username?: string;
  icon_url?: string;
  icon_emoji?: string;
  channel?: string;
  attachments?: unknown[];
  props?: MmPostProps;
  type?: string;
}

/** Every Mattermost error answer has this shape. */
export interface MmErrorBody {
  id: string;
  message: string;
  detailed_error: string;
  request_id: string;
  status_code: number;
}

export interface MmPing {
  status: string;
  ActiveSearchBackend?: string;
  [key: string]: unknown;
}

/** The slice of Mattermost's server configuration the lab switches on (bots, tokens, webhooks). */
export interface MmConfigPatch {
  ServiceSettings?: {
    EnableBotAccountCreation?: boolean;
    EnableUserAccessTokens?: boolean;
    EnableIncomingWebhooks?: boolean;
    EnablePostUsernameOverride?: boolean;
    EnablePostIconOverride?: boolean;
  };
  TeamSettings?: {
    EnableOpenServer?: boolean;
  };
}
