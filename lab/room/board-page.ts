/**
 * The trainer's board page: one row per attendee, one column per workshop step, re-drawn from
 * the server's event stream. Everything from an attendee (names, e-mails, details) is set as
 * text by the script, never as HTML; the page loads nothing from elsewhere.
 */
import type { BoardSnapshot } from './board-state.ts';
import type { TickId } from './workshop-ticks.ts';

export const TICK_LABELS: Record<TickId, string> = {
  totpEnrolled: 'TOTP enrolled',
  paperTokensSeen: 'Paper tokens',
  otpRequired: 'otp_required on',
  recoveryDone: 'Recovery done',
  exampleA: 'Example A blocking',
  exampleB: 'Example B working',
  notificationReceived: 'Notification',
};

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1d2327}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #dcdcde;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f7f7;font-size:.85em}td.tick{text-align:center;font-size:1.1em}td.done{background:#e6f4ea;color:#1e6b30}
td.todo{color:#8c8f94}.actions a,.actions button{margin-right:.4rem}#status{color:#646970;font-size:.85em}
.count{font-weight:600}`;

export function boardPage(snapshot: BoardSnapshot, nonce: string): string {
  const data = JSON.stringify({ snapshot, labels: TICK_LABELS }).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trainer's board · MISP workshop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head><body>
<h1>Trainer's board</h1>
<p id="status">Live: <span id="generated"></span> <button type="button" id="reset-all">Reset every lab</button></p>
<table id="board"><thead><tr><th>Attendee</th></tr></thead><tbody></tbody></table>
<script type="application/json" id="board-data">${data}</script>
<script nonce="${nonce}">${CLIENT_SCRIPT}</script></body></html>`;
}

// Runs in the trainer's browser. Kept in plain ES2020 so no build step is needed.
const CLIENT_SCRIPT = `
const initial = JSON.parse(document.getElementById('board-data').textContent);
const labels = initial.labels;
const ids = Object.keys(labels);
const head = document.querySelector('#board thead tr');
for (const id of ids) { const th = document.createElement('th'); th.textContent = labels[id]; head.append(th); }
head.append(Object.assign(document.createElement('th'), { textContent: 'Lab' }));
function link(href, text) { const a = document.createElement('a'); a.href = href; a.textContent = text; a.target = '_blank'; a.rel = 'noopener'; return a; }
async function reset(path, what) {
  if (!confirm('Start ' + what + ' afresh? Everything done in it is lost.')) return;
  const answer = await fetch(path, { method: 'POST', headers: { 'x-requested-by': 'board' } });
  document.getElementById('generated').textContent = answer.ok ? what + ' reset' : 'reset failed: HTTP ' + answer.status;
}
function render(snapshot) {
  const body = document.querySelector('#board tbody');
  body.replaceChildren(...snapshot.attendees.map((row) => {
    const tr = document.createElement('tr'); tr.dataset.attendee = row.id;
    const who = document.createElement('td');
    const done = ids.filter((id) => row.ticks[id].done).length;
    who.append(Object.assign(document.createElement('div'), { textContent: row.name }),
      Object.assign(document.createElement('small'), { textContent: row.email }),
      Object.assign(document.createElement('div'), { className: 'count', textContent: done + '/' + ids.length }));
    tr.append(who);
    for (const id of ids) {
      const tick = row.ticks[id]; const td = document.createElement('td');
      td.className = 'tick ' + (tick.done ? 'done' : 'todo'); td.dataset.tick = id; td.dataset.done = String(tick.done);
      td.textContent = tick.done ? '✓' : '–'; td.title = tick.detail + ' (' + tick.controls.join(', ') + ')';
      tr.append(td);
    }
    const actions = document.createElement('td'); actions.className = 'actions';
    const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Reset' });
    button.dataset.reset = row.id;
    button.addEventListener('click', () => reset('/api/attendees/' + encodeURIComponent(row.id) + '/reset', row.name + "'s lab"));
    actions.append(link(row.mispUrl, 'Open MISP'), link(row.mailUrl, 'mail'), link(row.chatUrl, 'chat'),
      link('/handouts/' + row.id + '/en.html', 'hand-out'), link('/handouts/' + row.id + '/pt-BR.html', 'pt-BR'),
      link('/handouts/' + row.id + '/en.pdf', 'PDF'), button);
    tr.append(actions);
    return tr;
  }));
  document.getElementById('generated').textContent = 'read ' + new Date(snapshot.generatedAt).toLocaleTimeString();
}
render(initial.snapshot);
document.getElementById('reset-all').addEventListener('click', () => reset('/api/reset', 'every lab'));
const stream = new EventSource('/api/board/stream');
stream.addEventListener('board', (event) => render(JSON.parse(event.data)));
stream.onerror = () => { document.getElementById('generated').textContent = 'reconnecting…'; };
`;
