import { phpEmpty } from '../../engine/php.ts';
import { defineTrigger } from './define-trigger.ts';

export const postAfterSaveTrigger = defineTrigger({
  id: 'post-after-save',
  scope: 'post',
  name: 'Post After Save',
  description: 'This trigger is called after a Post has been saved in the database',
  icon: 'comment',
  blocking: false,
  misp_core_format: false,
  trigger_overhead: 1,
  // MISP adds the post's Thread (and its Event) from the database; the engine has no thread
  // lookup, so the data goes on as given once it is known to hold a Post.
  async normalizeData(data) {
    return phpEmpty(data.Post) ? false : data;
  },
});
