import { describe, expect, it } from 'vitest';
import { renderJinjaTemplate } from './jinja.ts';

describe('renderJinjaTemplate', () => {
  const data = {
    Event: {
      info: 'x',
      Attribute: [
        { type: 'ip-src', value: '1.2.3.4' },
        { type: 'md5', value: 'abc' },
      ],
    },
  };

  it('renders Jinja2 syntax over the data, without escaping', () => {
    expect(renderJinjaTemplate('{{ Event.info }} <{{ Event["info"] }}>', data)).toBe('x <x>');
    expect(renderJinjaTemplate('{% for a in Event.Attribute %}- {{ a.value }}\n{% endfor %}', data)).toBe(
      '- 1.2.3.4\n- abc\n',
    );
    expect(renderJinjaTemplate('{{ Event.Attribute[0:1] | length }} {{ True }}', data)).toBe('1 true');
  });

  it('renders undefined values empty and failing templates as ""', () => {
    expect(renderJinjaTemplate('[{{ Event.nothing.deeper }}]', data)).toBe('[]');
    expect(renderJinjaTemplate('{% if %}', data)).toBe('');
  });

  it('does not let a template reach JavaScript internals', () => {
    expect(renderJinjaTemplate('{{ Event.info.constructor }}', data)).toBe('');
    expect(renderJinjaTemplate('{{ range.constructor("return 1")() }}', data)).toBe('');
  });
});
