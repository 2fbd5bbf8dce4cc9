import { phpEmpty, phpToBool, phpToString } from '../../engine/php.ts';
import type { WorkflowHttpRequest } from '../../engine/services.ts';
import { defineAction } from './define-action.ts';
import { httpBuildQuery } from './http-build-query.ts';

const METHODS: Record<string, WorkflowHttpRequest['method']> = {
  post: 'POST',
  get: 'GET',
  put: 'PUT',
  delete: 'DELETE',
};

/** "Name: value" per line; lines without a colon are ignored. */
function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at !== -1) headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}

export const webhook = defineAction({
  id: 'webhook',
  name: 'Webhook',
  version: '0.7',
  description: 'Allow to perform custom callbacks to the provided URL',
  icon: '',
  icon_path: 'webhook.png',
  params: [
    {
      id: 'url',
      label: 'URL',
      type: 'input',
      placeholder: 'https://example.com/test',
      jinja_supported: true,
    },
    {
      id: 'content_type',
      label: 'Content type',
      type: 'select',
      default: 'json',
      options: { json: 'application/json', form: 'application/x-www-form-urlencoded' },
    },
    {
      id: 'request_method',
      label: 'HTTP Request Method',
      type: 'select',
      default: 'post',
      options: { post: 'POST', get: 'GET', put: 'PUT', delete: 'DELETE' },
    },
    {
      id: 'self_signed',
      label: 'Self-signed certificates',
      type: 'select',
      default: 'deny',
      options: { deny: 'Deny self-signed certificates', allow: 'Allow self-signed certificates' },
    },
    {
      id: 'payload',
      label: 'Payload (leave empty for roaming data)',
      type: 'textarea',
      default: '',
      placeholder: '',
      jinja_supported: true,
    },
    {
      id: 'headers',
      label: 'Headers',
      type: 'textarea',
      placeholder: 'Authorization: foobar',
      jinja_supported: true,
    },
  ],
  // Refuses unless arbitrary URLs are allowed, since a site admin could otherwise reach internal services.
  async exec(node, roamingData, ctx) {
    if (!phpToBool(ctx.services.getSetting('Security.rest_client_enable_arbitrary_urls'))) {
      ctx.errors.push('`Security.rest_client_enable_arbitrary_urls` is turned off');
      return false;
    }
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const url = phpToString(params.url?.value);
    if (phpEmpty(url)) {
      ctx.errors.push('URL not provided.');
      return false;
    }
    const contentType = params.content_type?.value === 'form' ? 'form' : 'json';
    const payloadText = phpToString(params.payload?.value);
    let payload: unknown = payloadText.length > 0 ? payloadText : data;
    if (contentType === 'json' && typeof payload === 'string') {
      try {
        payload = JSON.parse(payload);
      } catch {
        // Not JSON: sent as a JSON string, as MISP does.
      }
    }
    const method = METHODS[phpToString(params.request_method?.value)] ?? 'POST';
    let body: string | undefined;
    if (method !== 'GET') {
      if (contentType === 'json') body = JSON.stringify(payload);
      else body = typeof payload === 'string' ? payload : httpBuildQuery(payload);
    }
    const headers = {
      Accept: 'application/json',
      'Content-Type': contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
      'User-Agent': `MISP ${ctx.mispVersion}`,
      ...parseHeaders(phpToString(params.headers?.value)),
    };
    let response;
    try {
      response = await ctx.services.httpRequest({
        url,
        method,
        headers,
        body,
        contentType,
        allowSelfSigned: params.self_signed?.value === 'allow',
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.errors.push(`Something went wrong while sending the request. Error returned: ${message}`);
      return false;
    }
    if (response.status >= 200 && response.status < 300) return true;
    if (response.status === 401 || response.status === 403) {
      ctx.errors.push('Authentication failed.');
      return false;
    }
    ctx.errors.push(
      `Something went wrong with the request or the remote side is having issues. Body returned: ${response.body}`,
    );
    return false;
  },
});
