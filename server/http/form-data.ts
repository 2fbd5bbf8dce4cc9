/**
 * CakePHP form fields are named data[Model][field]; REST bodies are JSON. Both end up as one
 * nested object so a route reads `body.User.email` whichever way the client sent it.
 */
export type Body = Record<string, unknown>;

export function nestFormFields(fields: Iterable<[string, string]>): Body {
  const root: Body = {};
  for (const [name, value] of fields) {
    const keys = splitFieldName(name);
    if (keys.length === 0) continue;
    let node = root;
    keys.forEach((key, index) => {
      if (index === keys.length - 1) {
        node[key] = value;
        return;
      }
      const next = node[key];
      if (typeof next !== 'object' || next === null) node[key] = {};
      node = node[key] as Body;
    });
  }
  // data[...] is Cake's envelope; drop it so form and JSON bodies look the same.
  return typeof root.data === 'object' && root.data !== null
    ? { ...root, ...(root.data as Body), data: undefined }
    : root;
}

function splitFieldName(name: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match) return [name];
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return [match[1] ?? name, ...rest];
}

/** Reads body.Model.field, also accepting the flat {field} form PyMISP sends. */
export function modelField(body: Body, model: string, field: string): unknown {
  const wrapped = body[model];
  if (typeof wrapped === 'object' && wrapped !== null && field in wrapped) return (wrapped as Body)[field];
  return body[field];
}
