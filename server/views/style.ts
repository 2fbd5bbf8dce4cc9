/**
 * One stylesheet, inline (the lab works offline), written by us to look like MISP 2.5.1's
 * Bootstrap 2 theme as seen side by side in screenshots (1280x720): the black 42px top bar with
 * grey links, white dropdowns, the 195px side menu with its blue active row, pagination boxes,
 * dark small buttons, condensed striped tables, the black footer with its centred line.
 */
export const STYLE = `
body{font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;font-size:12px;line-height:20px;margin:0;color:#333;background:#fff}
a{color:#0088cc;text-decoration:none}a:hover{color:#005580;text-decoration:underline}
.navbar-inverse .navbar-inner{background:linear-gradient(#222,#111);border-bottom:1px solid #252525;min-height:41px;display:flex;
  justify-content:space-between;padding:0 0 0 20px;box-shadow:0 1px 10px rgba(0,0,0,.1)}
#topBar{position:fixed;top:0;left:0;right:0}
.nav{list-style:none;margin:0;padding:0;display:flex}.nav>li{position:relative}
.navbar .nav>li>a{display:block;padding:11px 15px 10px;color:#999;font-size:12px;text-shadow:0 -1px 0 rgba(0,0,0,.25)}
.navbar .nav>li>a:hover,.navbar .nav>li.open>a{color:#fff;text-decoration:none;background:#111}
.white{color:#fff}.logoBlueStatic{color:#0088cc}.bold{font-weight:bold}.black{color:#000}.grey{color:#999}
.dropdown-menu{display:none;position:absolute;top:100%;left:0;min-width:160px;list-style:none;margin:2px 0 0;padding:5px 0;
  background:#fff;border:1px solid rgba(0,0,0,.2);border-radius:6px;box-shadow:0 5px 10px rgba(0,0,0,.2);z-index:1000}
.pull-right>li>.dropdown-menu{left:auto;right:0}
.dropdown.open>.dropdown-menu,.btn-group.open>.dropdown-menu{display:block}
.dropdown-menu li a{display:block;padding:3px 20px;color:#333;white-space:nowrap;line-height:20px}
.dropdown-menu li a:hover{background:linear-gradient(#08c,#0077b3);color:#fff;text-decoration:none}
.dropdown-menu .divider,.nav-list .divider{height:1px;margin:9px 1px;overflow:hidden;background:#e5e5e5;border-bottom:1px solid #fff}
#main-view-container{padding:0 20px}.page-content{padding:0 10px 60px 10px}
.actions.sideMenu{float:left;width:195px;margin:0 10px 0 -10px;padding:10px 0 0;border-right:1px solid #e5e5e5;min-height:200px}
.sideMenu+*{overflow:hidden}
.nav-list{flex-direction:column;padding:0}.nav-list li a{display:block;padding:3px 15px;color:#0088cc}
.nav-list li.active a{background:#0088cc;color:#fff;text-shadow:0 -1px 0 rgba(0,0,0,.2)}
.nav-list li a:hover{background:#eee;text-decoration:none}.nav-list li.active a:hover{background:#0088cc}
.nav-list .divider{margin:9px 30px 9px 15px}
.alert{padding:8px 35px 8px 14px;margin:8px 0;border-radius:4px;border:1px solid #fbeed5;background:#fcf8e3;color:#c09853}
.alert .close{float:right;background:none;border:0;font-size:20px;line-height:18px;margin-right:-21px;cursor:pointer;opacity:.4}
.alert-success{background:#dff0d8;border-color:#d6e9c6;color:#468847}.alert-error,.alert-danger{background:#f2dede;border-color:#eed3d7;color:#b94a48}
.alert p{margin:0}.alert-info{background:#d9edf7;border-color:#bce8f1;color:#3a87ad}
h2{font-size:25px;line-height:40px;margin:10px 0;font-weight:bold}
legend{display:block;width:100%;font-size:21px;line-height:40px;border-bottom:1px solid #e5e5e5;margin-bottom:20px;padding:0;color:#333}
table{border-collapse:collapse;margin:0 0 20px;border-spacing:0}td,th{border-top:1px solid #ddd;padding:4px 5px;text-align:left;vertical-align:top}
th{font-weight:bold;white-space:nowrap}.table{width:100%}.table-condensed th,.table-condensed td{padding:4px 5px}
.table-striped tbody>tr:nth-child(odd)>td{background:#f9f9f9}.table-hover tbody tr:hover>td{background:#f5f5f5}
.meta_table{width:100%;max-width:702px}.meta_table_key{font-weight:bold;width:150px}
.short{white-space:nowrap;width:1%}.shortish{width:10%}.action-links{white-space:nowrap;text-align:right}
.action-links a{color:#000;margin-left:3px;font-size:14px}.action-links a:hover{text-decoration:none}
.privateRedText{color:red;font-weight:bold}.useCursorPointer{cursor:pointer}
.label{display:inline-block;padding:2px 4px;border-radius:3px;color:#fff;font-size:11px;font-weight:bold;line-height:14px;background:#999}
.label-padding{padding:3px 9px;margin-right:4px}.notifications{width:auto;margin:0}.label-success{background:#468847}.label-important{background:#b94a48}
.btn{display:inline-block;padding:4px 12px;font-size:14px;line-height:20px;border-radius:4px;border:1px solid #ccc;cursor:pointer;
  background:linear-gradient(#fff,#e6e6e6);color:#333;text-align:center;vertical-align:middle}
.btn:hover{text-decoration:none}
.btn-primary{background:linear-gradient(#08c,#04c);color:#fff;border-color:#04c}.btn-danger{background:linear-gradient(#ee5f5b,#bd362f);color:#fff}
.btn-inverse{background:linear-gradient(#444,#222);color:#fff;border-color:#222}.btn-inverse:hover{color:#fff;background:#222}
.btn-small{padding:2px 10px;font-size:12px;line-height:20px;border-radius:3px}
.btn-toolbar{display:flex;align-items:center;margin:0 10px;padding:6px 0 0;font-size:0}.btn-group{position:relative;display:inline-flex;margin-left:5px}
.btn-group:first-child{margin-left:0}.btn-group>.btn{border-radius:0}.btn-group>.btn:first-child{border-radius:3px 0 0 3px}
.btn-group>.btn:last-child{border-radius:0 3px 3px 0}.btn-group>.btn:only-child{border-radius:3px}.btn-group.pull-right{margin-left:auto}
.caret{display:inline-block;width:0;height:0;vertical-align:middle;border-top:4px solid #fff;border-right:4px solid transparent;border-left:4px solid transparent}
.hidden{display:none}
.input-append{display:flex;font-size:12px}.input-append input{border-radius:3px 0 0 3px;width:206px;min-width:0}
.input-append select{border-radius:0;min-width:0}.input-append .btn{border-radius:0 3px 3px 0}
.pagination{margin:20px 0}.pagination ul{display:inline-flex;list-style:none;margin:0;padding:0;border-radius:4px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
.pagination li>a,.pagination li>span{display:block;padding:4px 12px;line-height:20px;border:1px solid #ddd;border-left-width:0;background:#fff;color:#0088cc}
.pagination li:first-child>*{border-left-width:1px;border-radius:4px 0 0 4px}.pagination li:last-child>*{border-radius:0 4px 4px 0}
.pagination .disabled>span{color:#999;cursor:default}.pagination .active>*{color:#999;background:#f5f5f5}
fieldset{border:0;padding:0;margin:0}
label{display:block;margin-bottom:5px}
input[type=text],input[type=password],input[type=email],input[type=number],select,textarea{padding:4px 6px;border:1px solid #ccc;border-radius:4px;min-width:206px;
  font-size:12px;line-height:20px;height:30px;box-sizing:border-box;box-shadow:inset 0 1px 1px rgba(0,0,0,.075)}
textarea{height:auto}select{height:30px;background:#fff}
input:focus,select:focus,textarea:focus{border-color:rgba(82,168,236,.8);outline:0;box-shadow:inset 0 1px 1px rgba(0,0,0,.075),0 0 8px rgba(82,168,236,.6)}
.clear{clear:both}
pre{background:#f5f5f5;border:1px solid rgba(0,0,0,.15);border-radius:4px;padding:9px;white-space:pre-wrap;word-break:break-all}
.footer{position:fixed;bottom:0;left:0;right:0;z-index:90}
.footer .navbar-inner{justify-content:center;align-items:center;padding:0 20px;position:relative}
.footerText{color:#999;font-size:12px}.footer .pull-left{position:absolute;left:21px}.footer a{color:#0088cc}
#triangle{position:absolute;right:28px;bottom:42px;width:0;height:0;border-left:12px solid transparent;border-right:12px solid transparent;
  border-bottom:12px solid #222;cursor:pointer}
/* MISP's markup names Font Awesome 5 classes (fas); Font Awesome 4.7's font draws the same glyphs. */
.fas{display:inline-block;font:normal normal normal 14px/1 FontAwesome;text-rendering:auto;-webkit-font-smoothing:antialiased}
.action-links a.fas{color:#333}
.text-success{color:#468847}.text-error{color:#b94a48}.muted{color:#999}
.modal{position:fixed;top:10%;left:50%;width:560px;margin-left:-280px;background:#fff;border:1px solid rgba(0,0,0,.3);border-radius:6px;z-index:1050;
  box-shadow:0 3px 7px rgba(0,0,0,.3)}.modal-header,.modal-body,.modal-footer{padding:9px 15px}.modal-footer{text-align:right;border-top:1px solid #ddd}
#UserLoginForm .input{float:left;margin-right:10px}#UserLoginForm label{font-size:14px}#UserLoginForm .input input{width:220px}
.login-welcome{font-size:18px}
.page-content>.form:first-child,.page-content>.users.form:first-child{margin-left:185px;border-left:1px solid #e5e5e5;padding:0 0 40px 10px;min-height:530px}
.genericForm label{font-size:14px}.genericForm input[type=text]{width:220px}#totpQrCode{padding:4px 14px}#totpQrCode svg{width:172px;height:172px}
.green{color:#468847}.threat-level-high::before,.threat-level-medium::before,.threat-level-low::before,.threat-level-undefined::before{
  font-family:FontAwesome;margin-right:4px;color:#333}
.threat-level-high::before{content:"\\f071";color:#b94a48}.threat-level-medium::before{content:"\\f06a";color:#f89406}
.threat-level-low::before{content:"\\f05a";color:#3a87ad}.threat-level-undefined::before{content:"\\f128"}
`;
