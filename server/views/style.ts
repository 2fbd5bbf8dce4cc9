/**
 * One small stylesheet, inline (the lab works offline and serves no external assets), after the
 * look of MISP 2.5.1's Bootstrap 2 theme: the black top bar with grey links, white dropdowns,
 * the side menu, meta tables, labels and buttons.
 */
export const STYLE = `
body{font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;font-size:13px;line-height:20px;margin:0;color:#333;background:#fff}
a{color:#0088cc;text-decoration:none}a:hover{text-decoration:underline}
.navbar-inverse .navbar-inner{background:linear-gradient(#222,#111);min-height:40px;display:flex;justify-content:space-between;padding:0 20px}
#topBar{position:fixed;top:0;left:0;right:0}
.nav{list-style:none;margin:0;padding:0;display:flex}.nav>li{position:relative}
.navbar .nav>li>a{display:block;padding:10px 15px;color:#999;font-size:13px}.navbar .nav>li>a:hover{color:#fff;text-decoration:none}
.white{color:#fff}.logoBlueStatic{color:#0088cc}.bold{font-weight:bold}
.dropdown-menu{display:none;position:absolute;top:100%;left:0;min-width:200px;list-style:none;margin:2px 0 0;padding:5px 0;
  background:#fff;border:1px solid rgba(0,0,0,.2);border-radius:6px;box-shadow:0 5px 10px rgba(0,0,0,.2);z-index:1000}
.dropdown.open>.dropdown-menu{display:block}
.dropdown-menu li a{display:block;padding:3px 20px;color:#333;white-space:nowrap}
.dropdown-menu li a:hover{background:#0081c2;color:#fff;text-decoration:none}
#main-view-container{padding:0 20px}.page-content{padding:0 20px 60px}
.actions.sideMenu{float:left;width:170px;padding-right:15px;margin-right:15px;border-right:1px solid #ddd;min-height:200px}
.sideMenu+.view,.sideMenu+.form,.sideMenu+.users{overflow:hidden}
.nav-list{flex-direction:column}.nav-list li a{display:block;padding:4px 0}.nav-list li.active a{font-weight:bold}
.alert{padding:8px 35px 8px 14px;margin:8px 0;border-radius:4px;border:1px solid #fbeed5;background:#fcf8e3;color:#c09853}
.alert .close{float:right;background:none;border:0;font-size:20px;line-height:18px;margin-right:-21px;cursor:pointer;opacity:.4}
.alert-success{background:#dff0d8;border-color:#d6e9c6;color:#468847}.alert-error,.alert-danger{background:#f2dede;border-color:#eed3d7;color:#b94a48}
.alert-info{background:#d9edf7;border-color:#bce8f1;color:#3a87ad}
h2{font-size:24px;margin:10px 0}
table{border-collapse:collapse;margin:8px 0}td,th{border-top:1px solid #ddd;padding:4px 5px;text-align:left;vertical-align:top}
.meta_table{width:100%;max-width:780px}.meta_table_key{font-weight:bold;width:150px}
.table-striped tbody>tr:nth-child(odd)>td{background:#f9f9f9}
.label{display:inline-block;padding:2px 4px;border-radius:3px;color:#fff;font-size:11px;font-weight:bold;line-height:14px;background:#999}
.label-padding{padding:2px 8px;margin-right:4px}.label-success{background:#468847}.label-important{background:#b94a48}
.btn{display:inline-block;padding:4px 12px;font-size:14px;line-height:20px;border-radius:4px;border:1px solid #ccc;cursor:pointer;
  background:linear-gradient(#fff,#e6e6e6);color:#333}
.btn-primary{background:linear-gradient(#08c,#04c);color:#fff;border-color:#04c}.btn-danger{background:linear-gradient(#ee5f5b,#bd362f);color:#fff}
.btn-inverse{background:linear-gradient(#444,#222);color:#fff}
fieldset{border:0;padding:0;margin:0}legend{display:block;width:100%;font-size:21px;line-height:40px;border-bottom:1px solid #e5e5e5;margin-bottom:20px}
label{display:block;margin-bottom:5px}
input[type=text],input[type=password],input[type=email],select,textarea{padding:4px 6px;border:1px solid #ccc;border-radius:4px;min-width:206px;font-size:13px}
pre{background:#f5f5f5;border:1px solid rgba(0,0,0,.15);border-radius:4px;padding:9px;white-space:pre-wrap;word-break:break-all}
.footer{position:fixed;bottom:0;left:0;right:0}.footerText{color:#999;justify-content:center;align-items:center}
.action-links a.fas{color:#333;font-style:normal}.action-links a.fa-play::before{content:"\\25B6"}.action-links a.fa-stop::before{content:"\\25A0"}
.fa-check.green::before{content:"\\2714";color:#468847}.fa-times.grey::before{content:"\\2716";color:#999}i.fa{font-style:normal}
.text-success{color:#468847}.text-error{color:#b94a48}.muted{color:#999}
.modal{position:fixed;top:10%;left:50%;width:560px;margin-left:-280px;background:#fff;border:1px solid rgba(0,0,0,.3);border-radius:6px;z-index:1050;
  box-shadow:0 3px 7px rgba(0,0,0,.3)}.modal-header,.modal-body,.modal-footer{padding:9px 15px}.modal-footer{text-align:right;border-top:1px solid #ddd}
`;
