/**
 * The editor's look, after MISP 2.5.1's as computed in a browser (fixtures/misp-samples-observed/
 * workshop-pages.json, "workflowEditor"): white 318px nodes with a 4px radius and no shadow, a
 * green left border on IF nodes and a red one on the trigger, white round ports; hovering an
 * output shows its label: on IF nodes "Condition satisfied" above the then output and "Condition
 * not satisfied" below the else output, "Listen to this trigger", "Output"; disabled modules
 * pink and titled "This module is disabled". These rules come after drawflow.min.css, so they
 * win over Drawflow's default cyan.
 */
export const EDITOR_STYLE = `
.workflow-editor-container{position:fixed;top:42px;bottom:42px;left:0;right:0;display:flex;flex-direction:column;background:#fff}
.workflow-editor-container .topbar{display:flex;align-items:center;gap:12px;padding:4px 10px;border-bottom:1px solid #ddd;height:40px}
.workflow-editor-container .topbar h3{margin:0;font-size:20px}
.workflow-title,.workflow-save{display:flex;align-items:center;gap:6px}
.workflow-links{margin-left:auto}
#workflow-saved-text.text-error{color:#b94a48}
#workflow-saved-text-details{font-size:.75em}
.workflow-editor-container .main-container{flex:1;display:flex;min-height:0;position:relative}
.workflow-editor-container .sidebar{width:340px;border-right:1px solid #ddd;overflow-y:auto;z-index:2;background:#fff}
.side-panel{padding:6px}
#block-tabs{display:flex;list-style:none;margin:0 0 6px;padding:0;border-bottom:1px solid #ddd}
#block-tabs li a{display:block;padding:8px 12px;color:#08c;text-decoration:none}
#block-tabs li.active a{border:1px solid #ddd;border-bottom-color:#fff;border-radius:4px 4px 0 0;color:#555;margin-bottom:-1px;background:#fff}
.tab-pane{display:none}.tab-pane.active{display:block}
#block-filter-group{display:flex;margin-bottom:6px}
#block-filter-group .btn{border-radius:0;background:#0088cc;color:#fff;border:1px solid #04c;padding:6px 12px}
#block-filter-group .btn.active{background:#04c}
.sidebar-workflow-block{display:flex;gap:8px;border:0;border-radius:5px;padding:6px 3px;margin:8px 4px;width:300px;
  background:#fff;box-shadow:rgba(51,51,51,.2) 0 3px 6px 2px;color:#333;cursor:grab;user-select:none}
.sidebar-workflow-block.disabled{background:#ffd4d4;cursor:not-allowed}
.sidebar-workflow-block .muted{color:#999;font-size:12px}
.workflow-drag-helper{position:fixed;z-index:1000;pointer-events:none;width:300px;opacity:.8}
.workflow-editor-container .canvas{flex:1;position:relative;min-width:0}
#drawflow{position:absolute;inset:0;background-size:25px 25px;
  background-image:linear-gradient(to right,#f1f1f1 1px,transparent 1px),linear-gradient(to bottom,#f1f1f1 1px,transparent 1px)}
.drawflow .drawflow-node{width:318px;background:#fff;border:0;border-radius:4px;padding:0;box-shadow:none;color:#000}
.drawflow .drawflow-node .drawflow_content_node{padding:4px 6px;outline:1px solid #ddd;border-radius:4px}
.drawflow .drawflow-node.selected{background:#fff;outline:2px solid #08c}
.drawflow .drawflow-node.block-type-if{border-left:4px solid rgb(116,201,115)}
.drawflow .drawflow-node.block-type-trigger{border-left:4px solid rgb(201,115,129)}
.drawflow .drawflow-node .input,.drawflow .drawflow-node .output{width:12px;height:12px;background:#fff;border:2px solid rgb(90,90,90);border-radius:50px}
.drawflow .drawflow-node .output{position:relative}
.drawflow .drawflow-node .output::before{display:none;position:absolute;right:0;top:-26px;transform:translateX(calc(50% - 8px));white-space:nowrap;
  font-size:12px;line-height:14px;padding:.25em .5em;background:#fff;border:1px solid rgb(205,205,205);border-radius:3px;color:#000}
.drawflow .drawflow-node .output:hover::before{display:block}
.drawflow .drawflow-node.block-type-default .output_1::before{content:"Output"}
.drawflow .drawflow-node.block-type-trigger .output_1::before{content:"Listen to this trigger"}
.drawflow .drawflow-node.block-type-if .output_1::before{content:"Condition satisfied"}
.drawflow .drawflow-node.block-type-if .output_2::before{content:"Condition not satisfied";top:26px}
.drawflow .connection .main-path{stroke:#5a5a5a;stroke-width:3px}
.default-main-container{display:flex;align-items:center;gap:4px;font-size:16px}
.node-param-container{margin-top:6px}.node-param-container label{display:block;font-size:13px}
.node-param-container select,.node-param-container input,.node-param-container textarea{width:100%;box-sizing:border-box}
.chosen-container{position:relative;width:100%;font-size:13px}
.chosen-choices{list-style:none;margin:0;padding:2px;border:1px solid #aaa;min-height:26px;display:flex;flex-wrap:wrap;gap:3px;background:#fff}
.chosen-choices .search-choice{background:#eee;border:1px solid #aaa;border-radius:3px;padding:1px 18px 1px 5px;position:relative}
.chosen-choices .search-choice-close{position:absolute;right:3px;top:1px;cursor:pointer;text-decoration:none}
.chosen-choices .search-field input{border:0;outline:0;width:140px}
.chosen-drop{display:none;position:absolute;left:0;right:0;z-index:10;background:#fff;border:1px solid #aaa;max-height:200px;overflow-y:auto}
.chosen-with-drop .chosen-drop{display:block}
.chosen-results{list-style:none;margin:0;padding:0}.chosen-results li{padding:4px 6px;cursor:pointer}
.chosen-results li.highlighted{background:#3875d7;color:#fff}
.ajax_container{position:fixed;bottom:60px;left:50%;transform:translateX(-50%);z-index:2000}
.ajax_result{display:none;padding:4px 12px;border-radius:4px;color:#fff}
.ajax_success{background:#0088cc}.ajax_fail{background:#da4f49}
`;
