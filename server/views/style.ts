/** One small stylesheet, inline: the lab works offline and serves no external assets. */
export const STYLE = `
body{font-family:Helvetica,Arial,sans-serif;font-size:14px;margin:0;color:#333;background:#fff}
.container{padding:16px 24px}
.navbar{background:#222;color:#eee;padding:6px 16px;display:flex;gap:14px;align-items:center}
.navbar a{color:#eee;text-decoration:none}.navbar .brand{font-weight:bold;font-size:18px}
.navbar .pull-right{margin-left:auto;display:flex;gap:12px}
.dropdown{position:relative}.dropdown summary{cursor:pointer;list-style:none}
.dropdown-menu{position:absolute;top:24px;left:0;background:#fff;border:1px solid #ccc;z-index:10;min-width:220px}
.dropdown-menu a{display:block;color:#333;padding:6px 12px}.dropdown-menu a:hover{background:#0088cc;color:#fff}
.alert{padding:8px 14px;margin:8px 0;border-radius:4px;border:1px solid}
.alert-success{background:#dff0d8;border-color:#d6e9c6}.alert-error{background:#f2dede;border-color:#eed3d7}
.alert-info{background:#d9edf7;border-color:#bce8f1}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}
.label{padding:2px 6px;border-radius:3px;color:#fff;font-size:12px}.label-success{background:#468847}
.label-important{background:#b94a48}.btn{padding:5px 12px;border-radius:4px;border:1px solid #ccc;cursor:pointer;background:#f5f5f5}
.btn-primary{background:#0069d9;color:#fff;border-color:#0062cc}.btn-danger{background:#c82333;color:#fff}
fieldset{border:0;padding:0}legend{font-size:20px;margin-bottom:10px}
label{display:block;margin-top:8px}input[type=text],input[type=password],input[type=email],select,textarea{padding:5px;min-width:260px}
pre{background:#f5f5f5;border:1px solid #ccc;padding:8px}
`;
