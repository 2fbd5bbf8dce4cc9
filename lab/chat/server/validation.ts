import { ApiError } from './errors.ts';

// Mattermost's own validation rules for names, restated here so the stand-in refuses what a real
// server refuses (a harness that passes here must not fail on a real Mattermost for a bad name).

const USERNAME = /^[a-z][a-z0-9.\-_]{2,21}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TEAM_NAME = /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/;
const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]{0,62}[a-z0-9]$/;
const RESERVED_TEAM_NAMES = new Set([
  'admin',
  'api',
  'channels',
  'claim',
  'error',
  'files',
  'help',
  'hooks',
  'integrations',
  'login',
  'logout',
  'oauth',
  'plugins',
  'post',
  'signup',
  'static',
]);
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_POST_LENGTH = 16383;
const MAX_DISPLAY_NAME = 64;

export function validateUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw new ApiError(
      400,
      'model.user.is_valid.username.app_error',
      'Username must begin with a letter, and contain between 3 to 22 lowercase characters made up of numbers, letters, and the symbols ".", "-", and "_".',
    );
  }
}

export function validateEmail(email: string): void {
  if (!EMAIL.test(email) || email.length > 128) {
    throw new ApiError(400, 'model.user.is_valid.email.app_error', 'Invalid email.');
  }
}

export function validatePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 72) {
    throw new ApiError(
      400,
      'model.user.is_valid.pwd.app_error',
      `Your password must contain between ${MIN_PASSWORD_LENGTH} and 72 characters.`,
    );
  }
}

export function validateTeamName(name: string): void {
  if (!TEAM_NAME.test(name)) {
    throw new ApiError(400, 'model.team.is_valid.url.app_error', 'Invalid name.');
  }
  if (RESERVED_TEAM_NAMES.has(name)) {
    throw new ApiError(
      400,
      'model.team.is_valid.reserved.app_error',
      'This URL is unavailable. Please try another.',
    );
  }
}

export function validateChannelName(name: string): void {
  if (!CHANNEL_NAME.test(name)) {
    throw new ApiError(
      400,
      'model.channel.is_valid.2_or_more.app_error',
      'Name must be 2 or more lowercase alphanumeric characters.',
    );
  }
}

export function validateDisplayName(displayName: string, model: 'team' | 'channel'): void {
  const length = [...displayName].length;
  if (length === 0 || length > MAX_DISPLAY_NAME) {
    throw new ApiError(400, `model.${model}.is_valid.display_name.app_error`, 'Invalid display name.');
  }
}

export function validatePostMessage(message: string): void {
  if ([...message].length > MAX_POST_LENGTH) {
    throw new ApiError(400, 'model.post.is_valid.msg.app_error', 'Invalid Message.');
  }
}

/** Mattermost indexes `#words` of a post into its `hashtags` field, space separated. */
export function parseHashtags(message: string): string {
  const tags = new Set<string>();
  for (const word of message.split(/\s+/)) {
    const candidate = word.replace(/^[^a-zA-Z0-9#]+/, '').replace(/[^a-zA-Z0-9]+$/, '');
    if (/^#[a-zA-Z][a-zA-Z0-9._-]*[a-zA-Z0-9]$/.test(candidate)) tags.add(candidate);
  }
  return [...tags].join(' ');
}
