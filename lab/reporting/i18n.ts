/**
 * The words of the compliance report in English and in Brazilian Portuguese (the workshop's
 * language). Control titles come from the catalogue (title / titlePtBr); everything else is here.
 */
import type { Area, ControlKind, Severity } from './catalogue.ts';
import type { ControlStatus } from './verdicts.ts';

export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Messages {
  reportTitle: string;
  generatedAt: string;
  verdict: Record<0 | 1 | 2, string>;
  exitCode: string;
  runDetails: string;
  target: string;
  mispUrl: string;
  mispVersion: string;
  tool: string;
  started: string;
  finished: string;
  settings: string;
  unknown: string;
  byArea: string;
  severityLadder: string;
  controls: string;
  id: string;
  title: string;
  severity: string;
  impact: string;
  status: string;
  mappings: string;
  scenarios: string;
  scenario: string;
  rationale: string;
  waiver: string;
  approver: string;
  justification: string;
  validity: string;
  residualRisk: string;
  waiverExpired: (date: string) => string;
  waiverNotYet: (date: string) => string;
  notInCatalogue: string;
  flakyTitle: string;
  flakyNone: string;
  attempts: string;
  untaggedTitle: string;
  workflowGraphs: string;
  evidence: string;
  statuses: Record<ControlStatus, string>;
  severities: Record<Severity, string>;
  areas: Record<Area, string>;
  kinds: Record<ControlKind, string>;
}

const en: Messages = {
  reportTitle: 'MISP compliance report',
  generatedAt: 'Generated at',
  verdict: {
    0: 'Every non-waived control passed',
    1: 'At least one control failed',
    2: 'The tool or the target failed: no verdict',
  },
  exitCode: 'Exit code',
  runDetails: 'Run details',
  target: 'Target',
  mispUrl: 'MISP URL',
  mispVersion: 'MISP version',
  tool: 'Tool',
  started: 'Started',
  finished: 'Finished',
  settings: 'Settings snapshot',
  unknown: 'unknown',
  byArea: 'Controls by area',
  severityLadder: 'Severity ladder',
  controls: 'Controls',
  id: 'Id',
  title: 'Title',
  severity: 'Severity',
  impact: 'Impact',
  status: 'Status',
  mappings: 'Mappings',
  scenarios: 'Scenarios',
  scenario: 'Scenario',
  rationale: 'Rationale',
  waiver: 'Waiver',
  approver: 'Approver',
  justification: 'Justification',
  validity: 'Valid',
  residualRisk: 'Residual risk',
  waiverExpired: (date) => `The waiver expired on ${date}: the control counts again.`,
  waiverNotYet: (date) => `The waiver is not effective until ${date}: the control counts.`,
  notInCatalogue: 'This @control tag is not in the catalogue.',
  flakyTitle: 'Flaky scenarios (passed after a retry, not failures)',
  flakyNone: 'No scenario needed a retry.',
  attempts: 'attempts',
  untaggedTitle: 'Failed scenarios without a control tag',
  workflowGraphs: 'Workflow graphs',
  evidence: 'Evidence',
  statuses: {
    passed: 'passed',
    failed: 'failed',
    waived: 'waived',
    finding: 'finding',
    'not-run': 'not run',
    planned: 'planned',
  },
  severities: { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' },
  areas: { auth: 'Authentication', workflows: 'Workflows', notifications: 'Notifications', lab: 'Lab' },
  kinds: { control: 'control', 'informational finding': 'informational finding' },
};

const ptBR: Messages = {
  reportTitle: 'Relatório de conformidade do MISP',
  generatedAt: 'Gerado em',
  verdict: {
    0: 'Todos os controles não dispensados passaram',
    1: 'Pelo menos um controle falhou',
    2: 'A ferramenta ou o alvo falhou: sem veredito',
  },
  exitCode: 'Código de saída',
  runDetails: 'Detalhes da execução',
  target: 'Alvo',
  mispUrl: 'URL do MISP',
  mispVersion: 'Versão do MISP',
  tool: 'Ferramenta',
  started: 'Início',
  finished: 'Fim',
  settings: 'Configurações no momento',
  unknown: 'desconhecido',
  byArea: 'Controles por área',
  severityLadder: 'Escala de severidade',
  controls: 'Controles',
  id: 'Id',
  title: 'Título',
  severity: 'Severidade',
  impact: 'Impacto',
  status: 'Situação',
  mappings: 'Mapeamentos',
  scenarios: 'Cenários',
  scenario: 'Cenário',
  rationale: 'Justificativa do controle',
  waiver: 'Dispensa',
  approver: 'Aprovador',
  justification: 'Justificativa',
  validity: 'Vigência',
  residualRisk: 'Risco residual',
  waiverExpired: (date) => `A dispensa expirou em ${date}: o controle volta a contar.`,
  waiverNotYet: (date) => `A dispensa só vale a partir de ${date}: o controle conta.`,
  notInCatalogue: 'Esta tag @control não está no catálogo.',
  flakyTitle: 'Cenários instáveis (passaram após nova tentativa, não são falhas)',
  flakyNone: 'Nenhum cenário precisou de nova tentativa.',
  attempts: 'tentativas',
  untaggedTitle: 'Cenários com falha sem tag de controle',
  workflowGraphs: 'Grafos dos workflows',
  evidence: 'Evidências',
  statuses: {
    passed: 'aprovado',
    failed: 'reprovado',
    waived: 'dispensado',
    finding: 'constatação',
    'not-run': 'não executado',
    planned: 'planejado',
  },
  severities: { critical: 'crítica', high: 'alta', medium: 'média', low: 'baixa', info: 'informativa' },
  areas: { auth: 'Autenticação', workflows: 'Workflows', notifications: 'Notificações', lab: 'Laboratório' },
  kinds: { control: 'controle', 'informational finding': 'constatação informativa' },
};

export function messages(locale: Locale): Messages {
  return locale === 'pt-BR' ? ptBR : en;
}
