import { evaluateCondition } from '../../engine/conditions.ts';
import { hashGet } from '../../engine/hash-path.ts';
import { phpEmpty } from '../../engine/php.ts';
import { defineLogic, IF_DESCRIPTION_SUFFIX } from './define-logic.ts';

export const publishedIf = defineLogic({
  id: 'published-if',
  name: 'IF :: Published',
  description: `Published IF / ELSE condition block. ${IF_DESCRIPTION_SUFFIX}`,
  icon: 'code-branch',
  html_template: 'if',
  expect_misp_core_format: true,
  params: [
    {
      id: 'condition',
      label: 'Condition',
      type: 'select',
      default: 'equals',
      options: { equals: 'Event is published', not_equals: 'Event is not published' },
    },
  ],
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const params = ctx.params(node, data);
    const isPublished = !phpEmpty(hashGet(data, 'Event.published'));
    return evaluateCondition(isPublished, String(params.condition?.value), true);
  },
});
