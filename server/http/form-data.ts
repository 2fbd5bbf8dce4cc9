/**
 * CakePHP form fields are named data[Model][field]; REST bodies are JSON. Both end up as one
 * nested object so a route reads `body.User.email` whichever way the client sent it.
 *
 * Field names are client input: PHP keeps `__proto__[x]` as an ordinary array key, so we do the
 * same with own data properties (never a plain assignment, which would write through
 * Object.prototype and poison every later request).
 */
export type Body = Record<string, unknown>;

/** PHP's max_input_nesting_level default: deeper field names are refused, not followed. */
const MAX_FIELD_NESTING = 64;

export class FormFieldError extends Error {}

export function nestFormFields(fields: Iterable<[string, string]>): Body {
  const root: Body = {};
  for (const [name, value] of fields) {
    const keys = splitFieldName(name);
    if (keys.length === 0) continue;
    if (keys.length > MAX_FIELD_NESTING) {
      throw new FormFieldError(`Form field nested deeper than ${MAX_FIELD_NESTING} levels.`);
    }
    let node = root;
    keys.forEach((key, index) => {
      if (index === keys.length - 1) {
        defineOwn(node, key, value);
        return;
      }
      const next = Object.hasOwn(node, key) ? node[key] : undefined;
      if (typeof next === 'object' && next !== null) {
        node = next as Body;
      } else {
        const child: Body = {};
        defineOwn(node, key, child);
        node = child;
      }
    });
  }
  // data[...] is Cake's envelope; drop it so form and JSON bodies look the same.
  const envelope = Object.hasOwn(root, 'data') ? root.data : undefined;
  return typeof envelope === 'object' && envelope !== null
    ? { ...root, ...(envelope as Body), data: undefined }
    : root;
}

function defineOwn(node: Body, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

function splitFieldName(name: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match) return [name];
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return [match[1] ?? name, ...rest];
}

/** Reads body.Model.field, also accepting the flat {field} form PyMISP sends. */
export function modelField(body: Body, model: string, field: string): unknown {
  const wrapped = Object.hasOwn(body, model) ? body[model] : undefined;
  if (typeof wrapped === 'object' && wrapped !== null && Object.hasOwn(wrapped, field))
    return (wrapped as Body)[field];
  return Object.hasOwn(body, field) ? body[field] : undefined;
}
