/**
 * MISP's inline setting editor (spec §2.3): a row per setting whose value cell
 * `setting_<subGroup>_<k>_solid` opens, by AJAX, the form `setting_<subGroup>_<k>_form` with one
 * field `data[Server][value]` (`setting_<subGroup>_<k>_field`). The form is AJAX-posted to
 * /servers/serverSettingsEdit/<name>/<k>/1 (forced) and the row is reloaded. The script is small
 * vanilla JS doing what misp.js's serverSettingsActivateField/serverSettingSubmitForm do.
 */
import type { RequestContext } from '../../http/context.ts';
import { html, trusted, type Html } from '../html.ts';
import { formSecurityFields } from '../layout.ts';
import { PRIORITIES, displayValue, type SettingRow } from './settings-rows.ts';

/** The value cell (no whitespace around the value: scripts read its exact text) and the editor slot. */
function editableCells(row: SettingRow, text: string): Html {
  const base = `setting_${row.subGroup}_${row.k}`;
  // prettier-ignore
  const solid = html`<td id="${base}_solid" class="inline-field-solid" data-setting="${row.definition.name}" data-id="${row.k}" data-subgroup="${row.subGroup}" title="Click to edit">${text}</td>`;
  return html`${solid}
    <td id="${base}_placeholder" class="inline-field-placeholder hidden"></td>`;
}

export function settingRow(row: SettingRow): Html {
  const { definition, subGroup, k } = row;
  const base = `setting_${subGroup}_${k}`;
  const text = displayValue(definition, row.value);
  const editable = !definition.cli_only;
  return html`<tr id="${subGroup}_${k}_row" class="subGroup_${subGroup}" data-setting="${definition.name}">
    <td class="short">${PRIORITIES[definition.level]}</td>
    <td class="short setting-name">
      ${definition.name}${definition.cli_only ? html` <span class="label label-important">CLI only</span>` : ''}
    </td>
    ${editable ? editableCells(row, text) : html`<td id="${base}_passive" class="inline-field-solid">${text}</td>`}
    <td>${definition.description}</td>
    <td class="short"></td>
  </tr>`;
}

/** The AJAX fragment of GET /servers/serverSettingsEdit/<name>/<k> (ajax/server_settings_edit.ctp). */
export function settingEditForm(ctx: RequestContext, row: SettingRow): Html {
  const { definition, subGroup, k } = row;
  const base = `setting_${subGroup}_${k}`;
  const value = definition.redacted ? '*****' : row.value;
  let control: Html;
  if (definition.options || definition.type === 'boolean') {
    const options: Array<[string, string]> = definition.options
      ? Object.entries(definition.options)
      : [
          ['0', 'false'],
          ['1', 'true'],
        ];
    const selected = definition.type === 'boolean' ? (value === true ? '1' : '0') : String(value);
    control = html`<select name="data[Server][value]" class="inline-input" id="${base}_field">
      ${options.map(
        ([v, label]) =>
          html`<option value="${v}" ${v === selected ? html`selected="selected"` : ''}>${label}</option>`,
      )}
    </select>`;
  } else if (definition.bigField) {
    control = html`<textarea name="data[Server][value]" class="inline-input" id="${base}_field">
${value ?? ''}</textarea>`;
  } else {
    const type = definition.type === 'numeric' ? 'number' : 'text';
    control = html`<input
      name="data[Server][value]"
      class="inline-input"
      id="${base}_field"
      type="${type}"
      value="${value ?? ''}"
    />`;
  }
  return html`<form
    action="/servers/serverSettingsEdit/${definition.name}/${k}/1"
    id="${base}_form"
    class="inline-form inline-field-form"
    method="post"
    accept-charset="utf-8"
  >
    ${formSecurityFields(ctx)}
    <div class="inline-input inline-input-container">
      <div class="inline-input-accept inline-input-button inline-input-passive">
        <span class="icon-ok" title="Accept" role="button" tabindex="0" aria-label="Accept">&#10004;</span>
      </div>
      <div class="inline-input-decline inline-input-button inline-input-passive">
        <span class="icon-remove" title="Cancel" role="button" tabindex="0" aria-label="Cancel"
          >&#10006;</span
        >
      </div>
      ${control}
    </div>
  </form>`;
}

const SCRIPT = `
(function () {
  var XRW = { 'X-Requested-With': 'XMLHttpRequest' };
  function byId(id) { return document.getElementById(id); }
  function showMessage(kind, text) {
    var box = byId('ajax_' + kind + '_container');
    if (!box) return;
    box.querySelector('.ajax-message').textContent = text;
    box.style.display = 'block';
    setTimeout(function () { box.style.display = 'none'; }, 4000);
  }
  function resetForms() {
    document.querySelectorAll('.inline-field-placeholder').forEach(function (p) {
      p.innerHTML = ''; p.classList.add('hidden');
    });
    document.querySelectorAll('td.inline-field-solid[data-setting]').forEach(function (c) { c.style.display = ''; });
  }
  function activate(setting, id, subGroup) {
    var base = 'setting_' + subGroup + '_' + id;
    if (!byId(base + '_placeholder').classList.contains('hidden')) return;
    resetForms();
    fetch('/servers/serverSettingsEdit/' + encodeURIComponent(setting) + '/' + id, { headers: XRW, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (fragment) {
        var placeholder = byId(base + '_placeholder');
        placeholder.innerHTML = fragment;
        placeholder.classList.remove('hidden');
        byId(base + '_solid').style.display = 'none';
        var form = byId(base + '_form'), field = byId(base + '_field');
        var submit = function () { submitForm(form, setting, id, subGroup); };
        form.addEventListener('submit', function (e) { e.preventDefault(); submit(); });
        form.querySelector('.inline-input-accept').addEventListener('click', submit);
        form.querySelector('.inline-input-decline').addEventListener('click', resetForms);
        // As in MISP: the accept icon or Enter saves; choosing an option alone does not.
        field.addEventListener('keydown', function (e) {
          if (e.key === 'Escape') resetForms();
          if (e.key === 'Enter' && field.tagName !== 'TEXTAREA') { e.preventDefault(); submit(); }
          if (e.key === 'Enter' && e.ctrlKey) submit();
        });
        field.focus();
      })
      .catch(function () { showMessage('fail', 'Could not load the setting editor.'); });
  }
  function submitForm(form, setting, id, subGroup) {
    if (form.dataset.sent) return;
    form.dataset.sent = '1';
    fetch(form.getAttribute('action'), {
      method: 'POST', credentials: 'same-origin',
      headers: Object.assign({ 'Content-Type': 'application/x-www-form-urlencoded' }, XRW),
      body: new URLSearchParams(new FormData(form)).toString()
    })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.saved) { showMessage('fail', data.errors || data.message || 'Failed'); resetForms(); return; }
        return fetch('/servers/serverSettingsReloadSetting/' + encodeURIComponent(setting) + '/' + id, { headers: XRW, credentials: 'same-origin' })
          .then(function (r) { return r.text(); })
          .then(function (row) {
            byId(subGroup + '_' + id + '_row').outerHTML = row;
            showMessage('success', data.success === true ? 'Field updated' : data.success);
          });
      })
      .catch(function () { showMessage('fail', 'Request failed for an unknown reason.'); resetForms(); });
  }
  document.addEventListener('click', function (e) {
    var cell = e.target.closest && e.target.closest('td.inline-field-solid[data-setting]');
    if (cell) activate(cell.dataset.setting, cell.dataset.id, cell.dataset.subgroup);
  });
  window.serverSettingsActivateField = function (setting, id) {
    var cell = document.querySelector('td.inline-field-solid[data-setting="' + setting + '"]');
    if (cell) activate(setting, id, cell.dataset.subgroup);
  };
})();
`;

export function inlineEditorScript(): Html {
  return html`<div id="ajax_success_container" class="ajax_container" style="display:none">
      <div id="ajax_success" class="ajax-message alert alert-success"></div>
    </div>
    <div id="ajax_fail_container" class="ajax_container" style="display:none">
      <div id="ajax_fail" class="ajax-message alert alert-error"></div>
    </div>
    <script>
      ${trusted(SCRIPT)};
    </script>`;
}
