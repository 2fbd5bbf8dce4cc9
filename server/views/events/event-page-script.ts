/**
 * The event page's behaviour, after what MISP 2.5.1 does (fixtures/misp-samples-observed/
 * workshop-pages.json): a `[data-popover-popup]` control loads its URL into a div.popover beside
 * it; pills (a.pill-pre-picker) load their endpoint into the picker's .generic-picker-wrapper;
 * every select of a picker gets a chosen-like box (#<select id>_chosen: type to filter, Enter
 * picks); the tag picker's Submit fetches MISP's addTag form for its CSRF token and posts the
 * chosen tag ids as a JSON list; a popover's #PromptYesButton posts its #PromptForm. MISP then
 * reloads the tag row over AJAX; this page reloads itself, which shows the same result.
 */
export const EVENT_PAGE_SCRIPT = `(function(){
function closePopovers(){document.querySelectorAll('div.popover').forEach(function(p){p.remove();});}
function load(url){return fetch(url,{credentials:'same-origin',headers:{'X-Requested-With':'XMLHttpRequest'}}).then(function(r){return r.text();});}
function postForm(form){return fetch(form.getAttribute('action'),{method:'POST',credentials:'same-origin',
  headers:{'X-Requested-With':'XMLHttpRequest','Content-Type':'application/x-www-form-urlencoded'},
  body:new URLSearchParams(new FormData(form)).toString()}).then(function(r){return r.json();});}
function answered(box,answer){if(answer&&answer.saved){location.reload();return;}
  var p=document.createElement('p');p.className='text-error';p.textContent=(answer&&(answer.errors||answer.message))||'Failed';box.appendChild(p);}
function openPopover(anchor,markup){closePopovers();var r=anchor.getBoundingClientRect();
  var box=document.createElement('div');box.className='popover fade right in';box.setAttribute('role','tooltip');
  box.style.cssText='position:absolute;display:block;z-index:1010;top:'+(window.scrollY+r.top-10)+'px;left:'+(window.scrollX+r.right+8)+'px';
  box.innerHTML='<div class="arrow"></div><h3 class="popover-title"></h3><div class="popover-content"></div>';
  var content=box.querySelector('.popover-content');content.innerHTML=markup;
  var titled=content.querySelector('[data-popover-title]');var title=box.querySelector('.popover-title');
  title.textContent=titled?titled.getAttribute('data-popover-title'):'';
  var close=document.createElement('button');close.className='close';close.textContent='\\u00d7';close.onclick=closePopovers;title.appendChild(close);
  document.body.appendChild(box);setUpPickers(box);return box;}
function chosenFor(select){if(!select.id||document.getElementById(select.id+'_chosen'))return;
  var multi=select.multiple;var box=document.createElement('div');box.id=select.id+'_chosen';
  box.className='chosen-container '+(multi?'chosen-container-multi':'chosen-container-single')+' chosen-with-drop';
  box.innerHTML='<ul class="chosen-choices"><li class="search-field"><input class="chosen-search-input" type="text" autocomplete="off"></li></ul><div class="chosen-drop"><ul class="chosen-results"></ul></div>';
  var results=box.querySelector('.chosen-results');var input=box.querySelector('input');
  Array.prototype.forEach.call(select.options,function(o,i){if(o.value==='')return;var li=document.createElement('li');
    li.className='active-result';li.setAttribute('data-option-array-index',String(i));li.textContent=o.textContent;results.appendChild(li);});
  function visible(){return Array.prototype.filter.call(results.children,function(li){return li.style.display!=='none';});}
  function highlight(){Array.prototype.forEach.call(results.children,function(li){li.classList.remove('highlighted');});var v=visible();if(v[0])v[0].classList.add('highlighted');}
  function pick(li){var o=select.options[Number(li.getAttribute('data-option-array-index'))];o.selected=true;
    if(multi){var c=document.createElement('li');c.className='search-choice';c.innerHTML='<span></span>';c.firstChild.textContent=o.textContent;
      box.querySelector('.chosen-choices').insertBefore(c,box.querySelector('.search-field'));li.style.display='none';input.value='';filter();}
    else{select.dispatchEvent(new Event('change',{bubbles:true}));}}
  function filter(){var q=input.value.toLowerCase();Array.prototype.forEach.call(results.children,function(li){
    var o=select.options[Number(li.getAttribute('data-option-array-index'))];
    li.style.display=(!o.selected||!multi)&&li.textContent.toLowerCase().indexOf(q)>=0?'':'none';});highlight();}
  input.addEventListener('input',filter);
  input.addEventListener('keydown',function(e){if(e.key==='Enter'){e.preventDefault();var h=results.querySelector('li.highlighted');if(h)pick(h);}});
  results.addEventListener('click',function(e){var li=e.target.closest('li.active-result');if(li)pick(li);});
  box.addEventListener('click',function(){input.focus();});
  select.parentNode.insertBefore(box,select.nextSibling);filter();}
function setUpPickers(root){root.querySelectorAll('select[data-chosen]').forEach(chosenFor);
  root.querySelectorAll('select[data-chosen]:not([multiple])').forEach(function(select){select.addEventListener('change',function(){
    var fn=select.getAttribute('data-functionname');
    if(fn==='redirectAddObject'){location.href=select.getAttribute('data-redirect')+select.value;return;}
    var wrapper=select.closest('.generic_picker').querySelector('.generic-picker-wrapper');
    load(select.value).then(function(m){wrapper.innerHTML=m;wrapper.classList.remove('hidden');setUpPickers(wrapper);});});});}
document.addEventListener('click',function(e){
  var opener=e.target.closest('[data-popover-popup]');
  if(opener&&!opener.closest('.popover')){e.preventDefault();load(opener.getAttribute('data-popover-popup')).then(function(m){openPopover(opener,m);});return;}
  var pill=e.target.closest('a.pill-pre-picker');
  if(pill){e.preventDefault();var wrapper=pill.closest('.generic_picker').querySelector('.generic-picker-wrapper');
    load(pill.getAttribute('data-endpoint')).then(function(m){wrapper.innerHTML=m;wrapper.classList.remove('hidden');setUpPickers(wrapper);});return;}
  var submit=e.target.closest('button[data-tag-submit]');
  if(submit){e.preventDefault();var picker=submit.closest('.generic_picker');var select=picker.querySelector('select');
    var ids=Array.prototype.filter.call(select.options,function(o){return o.selected&&o.value!=='';}).map(function(o){return o.value;});
    load(submit.getAttribute('data-tag-submit')).then(function(m){var holder=document.createElement('div');holder.innerHTML=m;
      var form=holder.querySelector('form');form.querySelector('[name="'+submit.getAttribute('data-tag-field')+'"]').value=JSON.stringify(ids);
      return postForm(form);}).then(function(a){answered(picker,a);});return;}
  var yes=e.target.closest('.popover #PromptYesButton');
  if(yes){e.preventDefault();var form=yes.closest('form');postForm(form).then(function(a){answered(form,a);});return;}
  if(e.target.closest('.popover #PromptNoButton')){closePopovers();}
});
})()`;

/** Bootstrap's popover and pills and chosen's box, as the tag picker needs them. */
export const EVENT_PAGE_STYLE = `
.popover{background:#fff;border:1px solid rgba(0,0,0,.2);border-radius:6px;box-shadow:0 5px 10px rgba(0,0,0,.2);min-width:320px;max-width:60%}
.popover-title{margin:0;padding:8px 14px;font-size:14px;font-weight:normal;background:#f7f7f7;border-bottom:1px solid #ebebeb;border-radius:5px 5px 0 0}
.popover-title .close{float:right;border:0;background:none;font-size:18px;line-height:18px;cursor:pointer}
.popover-content{padding:9px 14px}
.nav-pills{list-style:none;margin:0 0 6px;padding:0;display:flex;gap:4px}
.nav-pills a{display:block;padding:6px 10px;border-radius:5px;text-decoration:none}
.nav-pills a:hover{background:#eee}
.hidden{display:none}
.generic_picker .chosen-container{position:relative;width:85%;margin-bottom:6px;font-size:13px}
.generic_picker .chosen-choices{list-style:none;margin:0;padding:2px;border:1px solid #aaa;display:flex;flex-wrap:wrap;gap:3px;background:#fff}
.generic_picker .chosen-choices .search-choice{background:#eee;border:1px solid #aaa;border-radius:3px;padding:1px 5px}
.generic_picker .chosen-search-input{border:0;outline:0;width:160px}
.generic_picker .chosen-results{list-style:none;margin:0;padding:0;max-height:200px;overflow-y:auto;border:1px solid #aaa;border-top:0}
.generic_picker .chosen-results li{padding:4px 6px;cursor:pointer}
.generic_picker .chosen-results li.highlighted{background:#3875d7;color:#fff}
.tag-container .black-white.tag{background:#000;color:#fff;padding:1px 4px;border-radius:3px 0 0 3px;font-size:11px}
.tag-container a.tag{padding:1px 5px;font-weight:bold;text-decoration:none;font-size:12px}
.tag-container span[title="Remove tag"]{background:#000;color:#fff;padding:1px 5px;border-radius:0 3px 3px 0;cursor:pointer;font-size:11px}
.addButton{padding:1px 6px;font-size:11px;background:#222;color:#fff;border:0;border-radius:3px;cursor:pointer}
`;
