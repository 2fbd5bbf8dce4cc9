import { phpIntval } from '../../engine/php.ts';
import { defineLogic } from './define-logic.ts';

export const concurrentTask = defineLogic({
  id: 'concurrent-task',
  name: 'Concurrent Task',
  description:
    'Allow breaking the execution process and running concurrent tasks. You can connect multiple nodes the `concurrent` output.',
  icon: 'random',
  outputs: 1,
  multiple_output_connection: true,
  html_template: 'concurrent',
  params: [],
  // The walker calls this once per connection, with the target in `__node_id_to_exec`; each call
  // queues a background walk from that node over a copy of the data.
  async exec(node, roamingData, ctx) {
    const data = roamingData.getData();
    const nodeId = phpIntval(data.__node_id_to_exec);
    delete data.__node_id_to_exec;
    roamingData.setData(data);
    ctx.defer({
      workflowId: roamingData.getWorkflow().id,
      fromNodeId: node.id,
      nodeId,
      data: roamingData.getData(),
    });
    return true;
  },
});
