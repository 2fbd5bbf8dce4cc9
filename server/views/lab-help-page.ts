/** The lab's help page (our own words, not MISP's): reading the log after a blocked publish. */
import type { RequestContext } from '../http/context.ts';
import { html, type Html } from './html.ts';
import { page } from './layout.ts';

export type HelpLanguage = 'en' | 'pt-BR';

interface HelpText {
  title: string;
  intro: string;
  rows: Array<[string, string]>;
  check: string;
  other: string;
}

const TEXTS: Record<HelpLanguage, HelpText> = {
  en: {
    title: 'Lab help: reading the log after a blocked publish',
    intro:
      'When a blocking workflow (Example A) stops a publish, MISP 2.5.1 writes three log lines in a row. Read them newest last:',
    rows: [
      [
        'Workflow · execute_workflow · "Execution stopped."',
        'The workflow ran and its "Stop execution" node stopped it: this is Example A working.',
      ],
      [
        'Event · publish · "Publishing stopped by a blocking workflow."',
        'MISP refused the publish. The Change column names the node and the workflow that refused it.',
      ],
      [
        'Event · publish · "Event (N): published."',
        'Written by the publish request itself, whatever the outcome. It does not mean the event was published.',
      ],
    ],
    check:
      'To know for sure, open the event: "Published" still says "No" and the event list shows it unpublished.',
    other: 'Português',
  },
  'pt-BR': {
    title: 'Ajuda do laboratório: como ler o log depois de uma publicação bloqueada',
    intro:
      'Quando um workflow bloqueante (Exemplo A) impede uma publicação, o MISP 2.5.1 grava três linhas seguidas no log. Leia-as da mais antiga para a mais nova:',
    rows: [
      [
        'Workflow · execute_workflow · "Execution stopped."',
        'O workflow rodou e o nó "Stop execution" o interrompeu: é o Exemplo A funcionando.',
      ],
      [
        'Event · publish · "Publishing stopped by a blocking workflow."',
        'O MISP recusou a publicação. A coluna Change diz qual nó e qual workflow recusaram.',
      ],
      [
        'Event · publish · "Event (N): published."',
        'Gravada pelo próprio pedido de publicação, seja qual for o resultado. Não quer dizer que o evento foi publicado.',
      ],
    ],
    check:
      'Para ter certeza, abra o evento: "Published" continua "No" e a lista de eventos o mostra como não publicado.',
    other: 'English',
  },
};

export function labHelpPage(ctx: RequestContext, lang: HelpLanguage): Html {
  const text = TEXTS[lang];
  const otherLang = lang === 'en' ? 'pt-BR' : 'en';
  return page(ctx, {
    title: text.title,
    content: html`<div class="lab-help" lang="${lang}" id="labHelp">
      <p><a href="/lab/help?lang=${otherLang}" id="labHelpLanguage">${text.other}</a></p>
      <h2>${text.title}</h2>
      <p>${text.intro}</p>
      <table class="table table-striped table-condensed" id="labHelpBlockedPublish">
        ${text.rows.map(
          ([line, meaning]) =>
            html`<tr>
              <th>${line}</th>
              <td>${meaning}</td>
            </tr>`,
        )}
      </table>
      <p>${text.check}</p>
    </div>`,
  });
}
