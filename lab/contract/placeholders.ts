/**
 * `{name}` in a catalogue path, body or selector: a setup value the run chose or an earlier answer
 * gave. Filled in just before the request, so the catalogue itself stays plain data.
 */
export const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

export function fill(
  template: string,
  context: Record<string, unknown>,
  encode: (s: string) => string = (s) => s,
): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    context[name] === undefined ? whole : encode(String(context[name])),
  );
}

export function fillBody(body: unknown, context: Record<string, unknown>): unknown {
  if (typeof body === 'string') return fill(body, context);
  if (Array.isArray(body)) return body.map((item) => fillBody(item, context));
  if (body !== null && typeof body === 'object')
    return Object.fromEntries(
      Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, fillBody(v, context)]),
    );
  return body;
}
