import { evaluateCondition } from '../../engine/conditions.ts';
import { hashGet } from '../../engine/hash-path.ts';
import { isPhpArray, phpEmpty, phpIntval } from '../../engine/php.ts';
import { defineLogic, IF_DESCRIPTION_SUFFIX } from './define-logic.ts';

/** Version 0.1 of the module saved equals/not_equals; they mean in/not_in. */
const LEGACY_OPERATORS: Record<string, string> = { equals: 'in', not_equals: 'not_in' };

export const organisationIf = defineLogic({
  id: 'organisation-if',
  name: 'IF :: Organisation',
  version: '0.2',
  description: `Organisation IF / ELSE condition block. ${IF_DESCRIPTION_SUFFIX}`,
  icon: 'code-branch',
  html_template: 'if',
  expect_misp_core_format: true,
  params: [
    {
      id: 'org_type',
      label: 'Organisation Type',
      type: 'select',
      options: { org: 'Owner Organisation', orgc: 'Creator Organisation' },
      default: 'orgc',
    },
    {
      id: 'condition',
      label: 'Condition',
      type: 'select',
      default: 'in',
      options: { in: 'Is any of (OR)', not_in: 'Is not any of (OR)' },
    },
    {
      id: 'org_id',
      type: 'picker',
      multiple: true,
      options: { dynamic: 'organisations' },
      default: [1],
      placeholder: 'Pick an organisation',
    },
  ],
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const condition = String(params.condition?.value);
    const operator = LEGACY_OPERATORS[condition] ?? condition;
    const picked = !phpEmpty(params.org_id?.value) ? params.org_id?.value : [];
    const selected = isPhpArray(picked) ? picked : [picked];
    const path = params.org_type?.value === 'orgc' ? 'Event.orgc_id' : 'Event.org_id';
    return evaluateCondition(selected, operator, phpIntval(hashGet(data, path)));
  },
});
