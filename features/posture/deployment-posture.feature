@posture
Feature: A deployment's posture, audited without touching it
  An auditor cannot create users, flip settings or publish events on a production MISP. Every
  control here only reads: settings, users (each one's TOTP status), auth keys and the saved
  workflows, and judges them as the workshop teaches. After each scenario the target's audit log,
  settings, users, events and workflows are read again and must be unchanged. One exception, only
  with --allow-mutations: MISP counts and logs every executeWorkflow run, so the Example A probe
  runs only then, and the proof names what it wrote.

  Background:
    Given the auditor has read the deployment's settings, users, auth keys and workflows

  @control:MISP-POSTURE-001
  Scenario: OTP is mandatory and not disabled
    pt-BR: O OTP é obrigatório e não está desativado
    Then OTP is mandatory and not disabled

  @control:MISP-POSTURE-002
  Scenario: Every active user has a second factor
    pt-BR: Todo usuário ativo tem um segundo fator
    Then every active user has TOTP enrolled

  @control:MISP-POSTURE-003
  Scenario: Brute-force limits are at least MISP's defaults
    pt-BR: Os limites contra força bruta são pelo menos os padrões do MISP
    Then the brute-force lockout is at least MISP's default

  @control:MISP-POSTURE-004
  Scenario: Auth keys are advanced, expire and are not older than the policy
    pt-BR: As chaves de API são avançadas, expiram e não são mais antigas que a política
    Then every usable auth key expires and none is older than the key policy

  @control:MISP-POSTURE-005
  Scenario: The tlp:red publish guard of the workshop is installed and would block
    pt-BR: A proteção tlp:red de publicação do workshop está instalada e bloquearia
    When the auditor runs the event-publish workflow on synthetic tlp:red events where writes are allowed
    Then the enabled event-publish trigger blocks with a workflow that means Example A

  @control:MISP-POSTURE-006
  Scenario: The IDS-flag workflow of the workshop is installed
    pt-BR: O workflow da flag IDS do workshop está instalado
    Then the enabled event-publish trigger runs a workflow that means Example B

  @control:MISP-POSTURE-007
  Scenario: The workflow prerequisites are on
    pt-BR: Os pré-requisitos dos workflows estão ativos
    Then the workflow plugin, live background workers and misp-modules are there

  @control:MISP-POSTURE-008
  Scenario: MISP's own security audit finds nothing the API can show
    pt-BR: A auditoria de segurança do próprio MISP não aponta nada que a API mostre
    Then the security audit items readable over the API are set
