/** As palavras dos relatórios em português do Brasil (ver i18n.ts). */
import type { Messages } from './i18n.ts';
import type { NotRunReason } from './not-run.ts';

function motivo(reason: NotRunReason): string {
  const d = reason.detail ?? '';
  switch (reason.code) {
    case 'mutates-left-out':
      return '@mutates deixado de fora: no alvo externo, cenários que alteram configurações ou dados só rodam com --allow-mutations';
    case 'not-selected':
      return d ? `não selecionado (--tags ${d})` : 'não selecionado';
    case 'not-in-profile':
      return `fora do perfil ${d}`;
    case 'out-of-scope':
      return `fora do escopo do perfil ${d}: não faz parte do que este perfil verifica, então não torna a execução incompleta`;
    case 'not-applicable':
      return 'não se aplica a este alvo (o motivo, em inglês, está nas evidências), então não torna a execução incompleta';
    case 'other-shard':
      return `deixado para outro shard (esta execução foi --shard ${d})`;
    case 'cucumber-filter':
      return `não selecionado pelas opções do Cucumber ${d}`;
    case 'no-console':
      return 'sem console do MISP: o alvo não dá acesso ao cake Admin (defina MISP_CONSOLE)';
    case 'no-enrichment-module':
      return 'o alvo não tem um módulo de enriquecimento com URL configurável';
    case 'skipped':
      return 'ignorado pelo próprio cenário (o motivo, em inglês, está nas evidências)';
    case 'no-scenario':
      return 'nenhum cenário desta execução cobre o controle';
  }
}

export const ptBR: Messages = {
  reportTitle: 'Relatório de conformidade do MISP',
  generatedAt: 'Gerado em',
  verdict: {
    0: 'Todos os controles não dispensados foram aprovados',
    1: 'Pelo menos um controle foi reprovado',
    2: 'A ferramenta ou o alvo falhou: sem veredito',
    3: 'Nada foi reprovado, mas alguns controles não foram executados: não é uma aprovação completa',
  },
  exitCode: 'código de saída',
  runDetails: 'Detalhes da execução',
  runId: 'Identificador da execução',
  target: 'Alvo',
  targetLabel: (target, version) =>
    target === 'external'
      ? `uma instalação real do MISP, versão ${version ?? 'desconhecida'} (conforme informada pela própria instalação)`
      : target === 'embedded' || target === 'containers'
        ? `o servidor de referência deste laboratório (${target === 'embedded' ? 'embutido' : 'em contêineres'}) simulando o MISP ${version ?? '2.5.1'}: não é um MISP real`
        : 'desconhecido',
  mispUrl: 'URL do MISP',
  mispVersion: 'Versão do MISP',
  tool: 'Ferramenta',
  started: 'Início',
  finished: 'Fim',
  timeZone: 'Fuso horário',
  settings: 'Configurações no momento da execução',
  unknown: 'desconhecido',
  byArea: 'Controles por área',
  severityLadder: 'Escala de severidade',
  controls: 'Controles',
  id: 'Código',
  title: 'Título',
  severity: 'Severidade',
  impact: 'Impacto',
  status: 'Situação',
  mappings: 'Correspondências',
  scenarioNoun: { one: 'cenário', other: 'cenários' },
  controlNoun: { one: 'controle', other: 'controles' },
  attemptNoun: { one: 'tentativa', other: 'tentativas' },
  scenarios: 'Cenários',
  rationale: 'Por que importa',
  remediation: 'Como corrigir',
  notRunTitle: 'Não executado',
  notRunReason: motivo,
  waiver: 'Dispensa',
  approver: 'Aprovador',
  justification: 'Justificativa',
  validity: 'Vigência',
  residualRisk: 'Risco residual',
  waiverExpired: (date) => `A dispensa expirou em ${date}: o controle volta a contar.`,
  waiverNotYet: (date) => `A dispensa só vale a partir de ${date}: o controle conta.`,
  notInCatalogue: 'Esta tag @control não está no catálogo.',
  flaky: { one: 'instável', other: 'instáveis' },
  flakyTitle: 'Cenários instáveis (aprovados após nova tentativa; não são falhas)',
  flakyNone: 'Nenhum cenário precisou de nova tentativa.',
  untaggedTitle: 'Cenários reprovados sem tag de controle',
  workflowGraphs: 'Grafos dos workflows como o alvo os gravou',
  workflowSavedBy: (scenarios, n) =>
    `Lido de volta do MISP depois de gravado ${n === 1 ? 'no cenário' : 'nos cenários'} ${scenarios}.`,
  evidence: 'Evidências',
  page: 'Página',
  of: 'de',
  statuses: {
    passed: 'aprovado',
    failed: 'reprovado',
    waived: 'dispensado',
    finding: 'constatação',
    'not-run': 'não executado',
    planned: 'planejado',
  },
  statusCounts: {
    passed: { one: 'aprovado', other: 'aprovados' },
    failed: { one: 'reprovado', other: 'reprovados' },
    waived: { one: 'dispensado', other: 'dispensados' },
    finding: { one: 'constatação', other: 'constatações' },
    'not-run': { one: 'não executado', other: 'não executados' },
    planned: { one: 'planejado', other: 'planejados' },
  },
  scenarioStatuses: {
    passed: 'aprovado',
    failed: 'reprovado',
    skipped: 'não executado',
    pending: 'pendente',
    undefined: 'passo não definido',
    ambiguous: 'passo ambíguo',
    unknown: 'desconhecido',
  },
  severities: { critical: 'crítica', high: 'alta', medium: 'média', low: 'baixa', info: 'informativa' },
  areas: {
    auth: 'Autenticação',
    workflows: 'Workflows',
    notifications: 'Notificações',
    posture: 'Postura da instalação',
    lab: 'Laboratório',
  },
  kinds: { control: 'controle', 'informational finding': 'constatação informativa' },
};
