/**
 * CakePHP FormHelper markup, as MISP's pages have it: form id <Model><Action>Form, fields named
 * data[Model][field] with id <Model><Field> (CamelCase), a <div class="input …"> around each.
 * Playwright scripts written against real MISP find the same ids here.
 */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { formSecurityFields } from '../layout.ts';

export function fieldId(model: string, field: string): string {
  return model + field.split('_').map(capitalise).join('');
}

const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export interface InputOptions {
  label: string | false;
  type?: 'text' | 'password' | 'email' | 'number' | 'hidden';
  value?: string;
  placeholder?: string;
  autofocus?: boolean;
  autocomplete?: 'off';
  required?: boolean;
}

export function input(model: string, field: string, options: InputOptions): Html {
  const id = fieldId(model, field);
  const type = options.type ?? 'text';
  const control = html`<input
    name="data[${model}][${field}]"
    type="${type}"
    id="${id}"
    ${options.value !== undefined ? html`value="${options.value}"` : ''}
    ${options.placeholder ? html`placeholder="${options.placeholder}"` : ''}
    ${options.autofocus ? html`autofocus="autofocus"` : ''}
    ${options.autocomplete ? html`autocomplete="${options.autocomplete}"` : ''}
    ${options.required ? html`required="required"` : ''}
  />`;
  if (type === 'hidden') return control;
  return html`<div class="input ${type}${options.required ? ' required' : ''}">
    ${options.label === false ? '' : html`<label for="${id}">${options.label}</label>`}${control}
  </div>`;
}

export function select(
  model: string,
  field: string,
  label: string,
  options: ReadonlyArray<readonly [string, string]>,
  selected: string,
): Html {
  const id = fieldId(model, field);
  return html`<div class="input select">
    <label for="${id}">${label}</label>
    <select name="data[${model}][${field}]" id="${id}">
      ${options.map(
        ([value, text]) =>
          html`<option value="${value}" ${value === selected ? html`selected="selected"` : ''}>
            ${text}
          </option>`,
      )}
    </select>
  </div>`;
}

export function checkbox(model: string, field: string, label: string, checked: boolean): Html {
  const id = fieldId(model, field);
  return html`<div class="input checkbox">
    <input type="hidden" name="data[${model}][${field}]" id="${id}_" value="0" /><input
      type="checkbox"
      name="data[${model}][${field}]"
      value="1"
      id="${id}"
      ${checked ? html`checked="checked"` : ''}
    /><label for="${id}">${label}</label>
  </div>`;
}

/** <form id="<Model><Action>Form"> with Cake's hidden _method and _Token fields first. */
export function cakeForm(
  ctx: RequestContext,
  options: { id: string; action: string; className?: string },
  body: Html,
): Html {
  return html`<form
    action="${options.action}"
    id="${options.id}"
    method="post"
    accept-charset="utf-8"
    ${options.className ? html`class="${options.className}"` : ''}
  >
    ${formSecurityFields(ctx)}${body}
  </form>`;
}

export function submitButton(text: string, id?: string, className = 'btn btn-primary'): Html {
  return html`<button type="submit" class="${className}" ${id ? html`id="${id}"` : ''}>${text}</button>`;
}
