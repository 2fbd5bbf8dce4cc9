/**
 * The editor's browser script (plain JavaScript, no build step), behaving as MISP 2.5.1's editor
 * does for the workshop's steps: sidebar tabs and filters, blocks dragged with the mouse and
 * dropped centred on it, each node's params as MISP draws them (label > span + field, a
 * chosen-style picker over a hidden <select multiple>), Save behind MISP's confirm dialog posting
 * the exported graph to /workflows/edit/<id>, and the saved / not saved state.
 */
export const EDITOR_SCRIPT = String.raw`
(function () {
  var boot = JSON.parse(document.getElementById('workflow-editor-data').textContent);
  var modules = {};
  ['trigger', 'logic', 'action'].forEach(function (type) {
    (boot.modules[type] || []).forEach(function (config) { modules[type + ':' + config.id] = config; });
  });
  function moduleById(id) {
    return modules['action:' + id] || modules['logic:' + id] || modules['trigger:' + id];
  }
  var container = document.getElementById('drawflow');
  var editor = new Drawflow(container);
  editor.reroute = false;
  editor.start();

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
  function paramField(data, param, uid) {
    var value = paramValue(data, param);
    var attrs = ' data-paramid="' + esc(param.id + '-' + uid) + '" data-param="' + esc(param.id) + '"';
    var options = optionList(param.options);
    var field;
    if (param.type === 'picker' && param.multiple) {
      var picked = (Array.isArray(value) ? value : value === '' ? [] : [value]).map(String);
      field = '<select multiple size="1" class="start-chosen" style="width: 100%; display: none;"' + attrs + '>' +
        options.map(function (o) {
          return '<option value="' + esc(o.value) + '"' + (picked.indexOf(o.value) !== -1 ? ' selected' : '') + '>' + esc(o.label) + '</option>';
        }).join('') + '</select>' +
        '<div class="chosen-container chosen-container-multi"><ul class="chosen-choices"></ul>' +
        '<div class="chosen-drop"><ul class="chosen-results"></ul></div></div>';
    } else if (param.type === 'select' || (param.type === 'picker' && options.length > 0)) {
      var chosen = String(Array.isArray(value) ? value[0] : value);
      field = '<select style="width: 100%;"' + attrs + '>' + options.map(function (o) {
        return '<option value="' + esc(o.value) + '"' + (chosen === o.value ? ' selected' : '') + '>' + esc(o.label) + '</option>';
      }).join('') + '</select>';
    } else if (param.type === 'textarea') {
      field = '<textarea' + attrs + ' placeholder="' + esc(param.placeholder) + '">' + esc(value) + '</textarea>';
    } else {
      field = '<input type="text"' + attrs + ' placeholder="' + esc(param.placeholder) + '" value="' + esc(value) + '">';
    }
    var hidden = param.display_on ? ' display-on" style="display: none;' : '';
    return '<div class="node-param-container' + hidden + '" param-id="' + esc(param.id) + '"><label style="margin-left: 0.25em;">' +
      '<span>' + esc(param.label || param.id) + '</span>' + field + '</label></div>';
  }
  function nodeHtml(data) {
    var config = modules[data.module_type + ':' + data.id];
    var uid = data.node_uid || Math.random().toString(36).slice(2);
    var params = config && data.module_type !== 'trigger' ? config.params || [] : [];
    var icon = '<i class="fa-fw fa-' + esc((config && config.icon) || 'cube') + ' fas"></i>';
    var title = '<strong style="margin-left: 0.25em;">' + esc(data.name || (config && config.name) || data.id) + '</strong>';
    var blocking = !config || !config.blocking ? '' : data.module_type === 'trigger'
      ? '<span class="label label-important">Blocking</span>'
      : '<span style="margin-left: 2px;" class="text-error" title="This module can block execution">&#9940;</span>';
    var warning = config ? '' : '<div class="text-error">Unknown module</div>';
    return '<div class="canvas-workflow-block" data-nodeuid="' + esc(uid) + '"><div style="width: 100%;">' +
      '<div class="default-main-container">' + icon + title + blocking + '</div>' + warning +
      params.map(function (p) { return paramField(data, p, uid); }).join('') + '</div></div>';
  }
  function nodeClass(config) {
    if (config.module_type === 'trigger') return 'block-type-trigger';
    if (config.module_type === 'logic') return config.html_template === 'if' ? 'block-type-if block-type-logic' : 'block-type-logic';
    return 'block-type-default';
  }

  // Pickers: chosen's widget, redrawn from the hidden <select multiple> it stands for.
  function drawPicker(select) {
    var widget = select.nextElementSibling;
    var choices = widget.querySelector('.chosen-choices');
    var typed = widget.querySelector('.chosen-search-input');
    var text = typed ? typed.value : '';
    choices.innerHTML = Array.prototype.filter.call(select.options, function (o) { return o.selected; }).map(function (o) {
      return '<li class="search-choice"><span>' + esc(o.text) + '</span><a class="search-choice-close" data-value="' + esc(o.value) + '">×</a></li>';
    }).join('') + '<li class="search-field"><input class="chosen-search-input" type="text" autocomplete="off" placeholder="Select Some Options"></li>';
    var input = choices.querySelector('.chosen-search-input');
    input.value = text;
    drawResults(select);
    return input;
  }
  function drawResults(select) {
    var widget = select.nextElementSibling;
    var needle = widget.querySelector('.chosen-search-input').value.toLowerCase();
    widget.querySelector('.chosen-results').innerHTML = Array.prototype.filter.call(select.options, function (o) {
      return !o.selected && o.text.toLowerCase().indexOf(needle) !== -1;
    }).map(function (o) {
      return '<li class="active-result" data-value="' + esc(o.value) + '">' + esc(o.text) + '</li>';
    }).join('');
  }
  function pick(select, value, selected) {
    Array.prototype.forEach.call(select.options, function (o) { if (o.value === value) o.selected = selected; });
    select.dispatchEvent(new Event('change', { bubbles: true }));
    drawPicker(select);
  }
  container.addEventListener('focusin', function (ev) {
    var widget = ev.target.closest && ev.target.closest('.chosen-container');
    if (widget) widget.classList.add('chosen-with-drop');
  });
  container.addEventListener('mousedown', function (ev) {
    var widget = ev.target.closest && ev.target.closest('.chosen-container');
    if (!widget) return;
    ev.stopPropagation(); // no node drag from inside a picker
    var select = widget.previousElementSibling;
    var result = ev.target.closest('.chosen-results li');
    var close = ev.target.closest('.search-choice-close');
    if (result) { ev.preventDefault(); pick(select, result.getAttribute('data-value'), true); widget.classList.remove('chosen-with-drop'); }
    if (close) { ev.preventDefault(); pick(select, close.getAttribute('data-value'), false); }
  }, true);
  container.addEventListener('input', function (ev) {
    var widget = ev.target.closest && ev.target.closest('.chosen-container');
    if (widget) { widget.classList.add('chosen-with-drop'); drawResults(widget.previousElementSibling); }
  });
  document.addEventListener('mousedown', function (ev) {
    document.querySelectorAll('.chosen-with-drop').forEach(function (w) { if (!w.contains(ev.target)) w.classList.remove('chosen-with-drop'); });
  });
  function startPickers(root) {
    root.querySelectorAll('select.start-chosen').forEach(drawPicker);
  }

  // The saved graph: Drawflow needs each node's html, which MISP never stores.
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
  // As MISP does: the canvas is moved so that the trigger's node sits in the middle of the view.
  var triggerElement = container.querySelector('.drawflow-node.block-type-trigger');
  if (triggerElement) {
    var box = container.getBoundingClientRect();
    var triggerNode = editor.getNodeFromId(triggerElement.id.replace('node-', ''));
    editor.canvas_x = box.width / 2 - triggerElement.offsetWidth / 2 - triggerNode.pos_x;
    editor.canvas_y = box.height / 3 - triggerElement.offsetHeight / 2 - triggerNode.pos_y;
    editor.precanvas.style.transform = 'translate(' + editor.canvas_x + 'px, ' + editor.canvas_y + 'px) scale(' + editor.zoom + ')';
  }
  startPickers(container);
  container.querySelectorAll('.drawflow-node').forEach(applyDisplayOn);

  var added = 0;
  function addModule(config, x, y) {
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
      node_uid: Date.now().toString(36) + added
    };
    var id = editor.addNode(config.name, config.inputs, config.outputs, x, y, nodeClass(config), data, nodeHtml(data));
    var element = document.getElementById('node-' + id);
    // MISP centres a dropped block on the mouse.
    var node = editor.drawflow.drawflow.Home.data[id];
    node.pos_x = x - element.offsetWidth / 2;
    node.pos_y = y - 20;
    element.style.left = node.pos_x + 'px';
    element.style.top = node.pos_y + 'px';
    startPickers(element);
    applyDisplayOn(element);
    markChanged();
    return id;
  }

  // Sidebar: tabs, the Actions filters, and blocks dragged with the mouse onto the canvas.
  document.querySelectorAll('#block-tabs a').forEach(function (link) {
    link.addEventListener('click', function (ev) {
      ev.preventDefault();
      document.querySelectorAll('#block-tabs li').forEach(function (li) { li.classList.remove('active'); });
      document.querySelectorAll('.sidebar .tab-pane').forEach(function (pane) { pane.classList.remove('active'); });
      link.parentElement.classList.add('active');
      document.querySelector(link.getAttribute('href')).classList.add('active');
    });
  });
  function filterActions(type) {
    document.querySelectorAll('#container-actions .sidebar-workflow-block').forEach(function (block) {
      var shown = type === 'all' ||
        (type === 'enabled' && block.getAttribute('data-block-disabled') !== '1') ||
        (type === 'misp-module' && block.getAttribute('data-is-misp-module') === '1') ||
        (type === 'is-blocking' && block.getAttribute('data-is-blocking') === '1');
      block.style.display = shown ? '' : 'none';
    });
  }
  document.querySelectorAll('#block-filter-group .btn').forEach(function (button) {
    button.addEventListener('click', function () {
      document.querySelectorAll('#block-filter-group .btn').forEach(function (b) { b.classList.remove('active'); });
      button.classList.add('active');
      filterActions(button.getAttribute('data-type'));
    });
  });
  filterActions('enabled');
  document.querySelectorAll('.sidebar-workflow-block').forEach(function (block) {
    block.addEventListener('mousedown', function (ev) {
      if (block.classList.contains('disabled') || ev.button !== 0) return;
      ev.preventDefault();
      var helper = block.cloneNode(true);
      helper.classList.add('workflow-drag-helper');
      document.body.appendChild(helper);
      function follow(move) { helper.style.left = move.clientX - 150 + 'px'; helper.style.top = move.clientY - 20 + 'px'; }
      function drop(up) {
        document.removeEventListener('mousemove', follow);
        document.removeEventListener('mouseup', drop);
        helper.remove();
        var rect = container.getBoundingClientRect();
        var side = document.querySelector('.sidebar').getBoundingClientRect();
        if (up.clientX < Math.max(rect.left, side.right) || up.clientX > rect.right || up.clientY < rect.top || up.clientY > rect.bottom) return;
        var zoom = editor.zoom || 1;
        addModule(moduleById(block.getAttribute('data-blockid')),
          (up.clientX - rect.left - editor.canvas_x) / zoom, (up.clientY - rect.top - editor.canvas_y) / zoom);
      }
      follow(ev);
      document.addEventListener('mousemove', follow);
      document.addEventListener('mouseup', drop);
    });
  });

  // Param edits go straight into the node's indexed_params; display_on params follow their switch.
  function applyDisplayOn(nodeElement) {
    var node = editor.getNodeFromId(nodeElement.id.replace('node-', ''));
    var config = node && moduleById(node.data.id);
    if (!config || !config.params) return;
    config.params.forEach(function (param) {
      if (!param.display_on) return;
      var box = nodeElement.querySelector('.node-param-container[param-id="' + param.id + '"]');
      var shown = Object.keys(param.display_on).every(function (other) {
        var wanted = [].concat(param.display_on[other]).map(String);
        var field = nodeElement.querySelector('[data-param="' + other + '"]');
        return field && wanted.indexOf(String(field.value)) !== -1;
      });
      if (box) box.style.display = shown ? '' : 'none';
    });
  }
  function onParamChange(ev) {
    var field = ev.target;
    if (!field.getAttribute || !field.getAttribute('data-param')) return;
    var nodeEl = field.closest('.drawflow-node');
    if (!nodeEl) return;
    var nodeId = nodeEl.id.replace('node-', '');
    var node = editor.getNodeFromId(nodeId);
    var value = field.multiple
      ? Array.prototype.filter.call(field.options, function (o) { return o.selected; }).map(function (o) { return o.value; })
      : field.value;
    var data = node.data;
    if (!data.indexed_params || Array.isArray(data.indexed_params)) data.indexed_params = {};
    data.indexed_params[field.getAttribute('data-param')] = value;
    editor.updateNodeDataFromId(nodeId, data);
    applyDisplayOn(nodeEl);
    markChanged();
  }
  container.addEventListener('change', onParamChange);
  container.addEventListener('input', onParamChange);
  ['nodeMoved', 'connectionCreated', 'connectionRemoved', 'nodeRemoved'].forEach(function (name) { editor.on(name, markChanged); });

  var savedText = document.getElementById('workflow-saved-text');
  function markChanged() {
    savedText.textContent = 'not saved';
    savedText.className = 'text-error';
  }
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
  function showMessage(kind, text) {
    var box = document.getElementById(kind === 'success' ? 'ajax_success' : 'ajax_fail');
    box.textContent = text;
    box.style.display = 'block';
    setTimeout(function () { box.style.display = 'none'; }, 3000);
  }
  document.getElementById('saveWorkflow').addEventListener('click', function () {
    if (!confirm('Confirm saving the current state of the workflow')) return;
    var body = new URLSearchParams();
    body.set('_method', 'PUT');
    body.set('data[_Token][key]', boot.csrfKey);
    body.set('data[Workflow][name]', boot.workflow.name);
    body.set('data[Workflow][description]', boot.workflow.description || '');
    body.set('data[Workflow][data]', JSON.stringify(exportGraph()));
    fetch('/workflows/edit/' + boot.workflow.id, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'XMLHttpRequest' },
      body: body.toString(),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      if (!result.ok) { showMessage('fail', 'Failed to save the workflow: ' + result.answer.errors); return; }
      showMessage('success', result.answer.message);
      savedText.textContent = 'saved';
      savedText.className = 'text-success';
      document.getElementById('workflow-saved-text-details').textContent = 'Last saved change: a few seconds ago';
    }).catch(function (error) { showMessage('fail', 'Failed to save the workflow: ' + error); });
  });
})();
`;
