/**
 * The editor's browser script (plain JavaScript, no build step): Drawflow with MISP's node data,
 * a palette by module kind (drag or the "Add" button), each node's params form built from the
 * module config, and Save, which sends MISP's exported format to /workflows/edit/<id> by AJAX.
 */
export const EDITOR_SCRIPT = String.raw`
(function () {
  var boot = JSON.parse(document.getElementById('workflow-editor-data').textContent);
  var modules = {};
  ['trigger', 'logic', 'action'].forEach(function (type) {
    (boot.modules[type] || []).forEach(function (config) { modules[type + ':' + config.id] = config; });
  });
  var container = document.getElementById('drawflow');
  var editor = new Drawflow(container);
  editor.reroute = false;
  editor.start();
  window.workflowEditor = editor;

  function esc(text) {
    return String(text === undefined || text === null ? '' : text).replace(/[&<>"']/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  }
  function optionList(options) {
    if (!options) return [];
    if (Array.isArray(options)) {
      return options.map(function (o) {
        return typeof o === 'object' && o !== null ? { value: String(o.value), label: String(o.name) } : { value: String(o), label: String(o) };
      });
    }
    return Object.keys(options).map(function (k) { return { value: k, label: String(options[k]) }; });
  }
  function paramValue(data, param) {
    var saved = data.indexed_params && !Array.isArray(data.indexed_params) ? data.indexed_params[param.id] : undefined;
    return saved !== undefined && saved !== null ? saved : param.default !== undefined ? param.default : '';
  }
  function paramField(data, param) {
    var value = paramValue(data, param);
    var attrs = ' class="workflow-param" data-param="' + esc(param.id) + '"';
    var label = '<label>' + esc(param.label || param.id) + '</label>';
    var options = optionList(param.options);
    if (param.type === 'select' || (param.type === 'picker' && options.length > 0)) {
      var multiple = param.type === 'picker' && param.multiple;
      var chosen = (Array.isArray(value) ? value : [value]).map(String);
      return label + '<select' + attrs + (multiple ? ' multiple data-multiple="1"' : '') + '>' +
        options.map(function (o) {
          return '<option value="' + esc(o.value) + '"' + (chosen.indexOf(o.value) !== -1 ? ' selected' : '') + '>' + esc(o.label) + '</option>';
        }).join('') + '</select>';
    }
    if (param.type === 'picker') {
      var text = Array.isArray(value) ? value.join(', ') : String(value);
      return label + '<input type="text"' + attrs + ' data-comma-list="1" placeholder="comma, separated" value="' + esc(text) + '">';
    }
    if (param.type === 'textarea') {
      return label + '<textarea' + attrs + ' placeholder="' + esc(param.placeholder) + '">' + esc(value) + '</textarea>';
    }
    return label + '<input type="text"' + attrs + ' placeholder="' + esc(param.placeholder) + '" value="' + esc(value) + '">';
  }
  function nodeHtml(data) {
    var config = modules[data.module_type + ':' + data.id];
    var params = config ? config.params : [];
    var title = '<div class="workflow-node-title"><strong>' + esc(data.name || (config && config.name) || data.id) + '</strong>' +
      '<span class="workflow-node-module">' + esc(data.id) + '</span></div>';
    var warning = config ? '' : '<div class="workflow-node-error">Unknown module</div>';
    return '<div class="workflow-node" data-module-id="' + esc(data.id) + '">' + title + warning +
      '<div class="workflow-node-params">' + params.map(function (p) { return paramField(data, p); }).join('') + '</div></div>';
  }
  function nodeClass(config) {
    if (config.module_type === 'trigger') return 'block-type-trigger';
    if (config.module_type === 'logic') return config.html_template === 'if' ? 'block-type-if block-type-logic' : 'block-type-logic';
    return 'block-type-default';
  }

  // Existing graph: Drawflow needs each node's html, which MISP never stores.
  var nodes = {};
  Object.keys(boot.workflow.data || {}).forEach(function (key) {
    if (key === '_frames') return;
    var node = JSON.parse(JSON.stringify(boot.workflow.data[key]));
    node.html = nodeHtml(node.data);
    node.name = node.name || node.data.name || node.data.id;
    node.class = node.class || '';
    node.typenode = false;
    node.inputs = Array.isArray(node.inputs) ? {} : node.inputs || {};
    node.outputs = Array.isArray(node.outputs) ? {} : node.outputs || {};
    nodes[key] = node;
  });
  editor.import({ drawflow: { Home: { data: nodes } } });

  var added = 0;
  function addModule(type, id, x, y) {
    var config = modules[type + ':' + id];
    if (!config) return null;
    added += 1;
    var data = {
      id: config.id,
      name: config.name,
      module_type: config.module_type,
      module_version: config.version,
      previous_module_version: config.version,
      multiple_output_connection: !!config.multiple_output_connection,
      indexed_params: {},
      saved_filters: { selector: '', value: '', operator: '', path: '' },
      node_uid: 'node-' + Date.now().toString(36) + '-' + added
    };
    var posX = x !== undefined ? x : 300 * ((Object.keys(editor.export().drawflow.Home.data).length) % 4);
    var posY = y !== undefined ? y : 40 + 60 * added;
    return editor.addNode(config.name, config.inputs, config.outputs, posX, posY, nodeClass(config), data, nodeHtml(data));
  }
  window.workflowAddModule = addModule;

  document.querySelectorAll('.workflow-palette-module').forEach(function (item) {
    item.addEventListener('dragstart', function (ev) {
      ev.dataTransfer.setData('text/plain', item.getAttribute('data-module-type') + ':' + item.getAttribute('data-module-id'));
    });
  });
  document.querySelectorAll('.workflow-add-module').forEach(function (button) {
    button.addEventListener('click', function () {
      addModule(button.getAttribute('data-module-type'), button.getAttribute('data-module-id'));
    });
  });
  container.addEventListener('dragover', function (ev) { ev.preventDefault(); });
  container.addEventListener('drop', function (ev) {
    ev.preventDefault();
    var ref = ev.dataTransfer.getData('text/plain').split(':');
    var rect = container.getBoundingClientRect();
    var zoom = editor.zoom || 1;
    addModule(ref[0], ref.slice(1).join(':'), (ev.clientX - rect.left - editor.canvas_x) / zoom, (ev.clientY - rect.top - editor.canvas_y) / zoom);
  });

  // Param edits go straight into the node's indexed_params.
  function onParamChange(ev) {
    var field = ev.target;
    if (!field.classList || !field.classList.contains('workflow-param')) return;
    var nodeEl = field.closest('.drawflow-node');
    if (!nodeEl) return;
    var nodeId = nodeEl.id.replace('node-', '');
    var node = editor.getNodeFromId(nodeId);
    var value;
    if (field.getAttribute('data-multiple')) {
      value = Array.prototype.filter.call(field.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
    } else if (field.getAttribute('data-comma-list')) {
      value = field.value.split(',').map(function (v) { return v.trim(); }).filter(function (v) { return v !== ''; });
    } else {
      value = field.value;
    }
    var data = node.data;
    if (!data.indexed_params || Array.isArray(data.indexed_params)) data.indexed_params = {};
    data.indexed_params[field.getAttribute('data-param')] = value;
    editor.updateNodeDataFromId(nodeId, data);
  }
  container.addEventListener('change', onParamChange);
  container.addEventListener('input', onParamChange);

  function isEmpty(value) {
    return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  }
  // MISP's getEditorData: drop html and UI-only keys, fill every empty param with its default.
  function exportGraph() {
    var data = editor.export().drawflow.Home.data;
    Object.keys(data).forEach(function (key) {
      var node = data[key];
      delete node.html;
      // PHP re-encodes an empty JavaScript object as [] (trigger inputs, stop-execution outputs).
      if (!node.inputs || Object.keys(node.inputs).length === 0) node.inputs = [];
      if (!node.outputs || Object.keys(node.outputs).length === 0) node.outputs = [];
      ['module_data', 'params'].forEach(function (k) { delete node.data[k]; });
      Object.keys(node.data).forEach(function (k) { if (k.charAt(0) === '_') delete node.data[k]; });
      var config = modules[node.data.module_type + ':' + node.data.id];
      if (config && node.data.module_type !== 'trigger') {
        var indexed = node.data.indexed_params && !Array.isArray(node.data.indexed_params) ? node.data.indexed_params : {};
        config.params.forEach(function (param) {
          if (isEmpty(indexed[param.id])) {
            indexed[param.id] = param.default !== undefined ? param.default : param.multiple ? [] : '';
          }
        });
        node.data.indexed_params = indexed;
      }
    });
    return data;
  }
  window.workflowExport = exportGraph;

  var message = document.getElementById('workflow-save-message');
  document.getElementById('workflow-save-button').addEventListener('click', function () {
    var body = new URLSearchParams();
    body.set('data[Workflow][data]', JSON.stringify(exportGraph()));
    body.set('data[Workflow][name]', document.getElementById('WorkflowName').value);
    body.set('data[_Token][key]', boot.csrfKey);
    message.textContent = 'Saving…';
    message.className = 'alert alert-info';
    fetch('/workflows/edit/' + boot.workflow.id, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'XMLHttpRequest' },
      body: body.toString(),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      message.className = 'alert ' + (result.ok ? 'alert-success' : 'alert-error');
      message.textContent = result.ok ? result.answer.message : result.answer.name + ': ' + result.answer.errors;
    }).catch(function (error) {
      message.className = 'alert alert-error';
      message.textContent = 'Could not save: ' + error;
    });
  });
  document.body.setAttribute('data-editor-ready', '1');
})();
`;
