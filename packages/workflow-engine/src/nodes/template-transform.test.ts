import { describe, expect, it } from 'vitest';
import { EngineError } from '../spec/errors';
import { templateTransformNode } from './template-transform';
import { cachedJinjaTemplateCount, compileJinja } from './shared/compile-jinja';
import { configIssuePaths, runNode } from './test-support/node-context';

const data = {
  template: 'Dear {{ name | upper }},{% for item in order.items %} {{ loop.index }}.{{ item.title }}{% endfor %} ({{ order.items | length }} items)',
  variables: [
    { variable: 'name', valueSelector: ['start', 'name'] },
    { variable: 'order', valueSelector: ['http', 'body', 'order'] },
  ],
};

describe('template-transform node config', () => {
  it('declares a string output and references each variable selector', () => {
    const config = templateTransformNode.config.parse(data);
    expect(templateTransformNode.outputs(config)).toEqual([{ name: 'output', type: 'string' }]);
    expect(templateTransformNode.references(config)).toEqual([
      ['start', 'name'],
      ['http', 'body', 'order'],
    ]);
  });

  it('reports a template that does not parse at ["template"] with the parser message', () => {
    const parsed = templateTransformNode.config.safeParse({ template: '{% for x in %}{{ x }}{% endfor %}', variables: [] });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue?.path).toEqual(['template']);
    expect(issue?.message).toContain('Jinja template does not parse: Unexpected token');
    expect(configIssuePaths(templateTransformNode, { template: '{{ name ', variables: [] })).toEqual([['template']]);
    expect(configIssuePaths(templateTransformNode, { template: '{% if a %}never closed', variables: [] })).toEqual([['template']]);
  });

  it('reports bad and duplicate variable names at their path', () => {
    expect(configIssuePaths(templateTransformNode, { template: '', variables: [{ variable: 'my-name', valueSelector: ['a', 'b'] }] })).toEqual([
      ['variables', 0, 'variable'],
    ]);
    expect(
      configIssuePaths(templateTransformNode, {
        template: '',
        variables: [
          { variable: 'a', valueSelector: ['a', 'b'] },
          { variable: 'a', valueSelector: ['a', 'c'] },
        ],
      }),
    ).toEqual([['variables', 1, 'variable']]);
  });
});

describe('template-transform node run', () => {
  it('renders with objects and arrays usable in loops and filters', async () => {
    const result = await runNode(templateTransformNode, data, {
      'start.name': 'ada',
      'http.body.order': { items: [{ title: 'tea' }, { title: 'cake' }] },
    });
    expect(result.outputs).toEqual({ output: 'Dear ADA, 1.tea 2.cake (2 items)' });
  });

  it('renders missing values as empty and supports conditionals', async () => {
    const template = '{% if score is defined and score > 5 %}high{% else %}low{% endif %}:{{ note }}';
    const variables = [
      { variable: 'score', valueSelector: ['code', 'score'] },
      { variable: 'note', valueSelector: ['code', 'note'] },
    ];
    expect((await runNode(templateTransformNode, { template, variables }, { 'code.score': 9 })).outputs.output).toBe('high:');
    expect((await runNode(templateTransformNode, { template, variables }, {})).outputs.output).toBe('low:');
  });

  it('fails with node_failed and the renderer message when rendering breaks', async () => {
    const failure = await runNode(
      templateTransformNode,
      { template: '{{ n | no_such_filter }}', variables: [{ variable: 'n', valueSelector: ['a', 'n'] }] },
      { 'a.n': 1 },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).code).toBe('node_failed');
    expect((failure as EngineError).message).toContain('no_such_filter');
  });

  it('parses each distinct template once and keeps the cache bounded', () => {
    const source = `cache probe {{ x }} ${Math.random()}`;
    expect(compileJinja(source)).toBe(compileJinja(source));
    for (let index = 0; index < 600; index += 1) compileJinja(`{{ x }} ${index}`);
    expect(cachedJinjaTemplateCount()).toBe(500);
    expect(compileJinja(`{{ x }} 599`)).toBe(compileJinja(`{{ x }} 599`));
  });
});
