import { defineMispModule } from './define-misp-module.ts';

export const testaction = defineMispModule({
  name: 'testaction',
  description: 'This module is merely a test, always returning true. Triggers on event publishing.',
  config: {
    params: {
      foo: { type: 'string', description: 'blablabla', value: 'xyz' },
      'Data extraction path': {
        type: 'hash_path',
        description: 'Only post content extracted from this path',
        value: 'Attribute.{n}.AttributeTag.{n}.Tag.name',
      },
    },
    blocking: false,
    support_filters: false,
    expect_misp_core_format: false,
  },
  async handler() {
    return { data: true };
  },
});
