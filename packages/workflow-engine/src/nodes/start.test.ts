import { describe, expect, it } from 'vitest';
import { EngineError } from '../spec/errors';
import { startNode } from './start';
import { configIssuePaths, createTestNodeContext, runNode } from './test-support/node-context';

const formVariables = [
  { variable: 'name', type: 'text-input', required: true, maxLength: 5 },
  { variable: 'bio', type: 'paragraph' },
  { variable: 'tone', type: 'select', options: ['formal', 'casual'], default: 'casual' },
  { variable: 'age', type: 'number' },
  { variable: 'subscribe', type: 'checkbox' },
  { variable: 'settings', type: 'json' },
  { variable: 'avatar', type: 'file' },
  { variable: 'attachments', type: 'file-list', maxLength: 2 },
];

async function start(runInputs: Record<string, unknown>, variables: unknown[] = formVariables) {
  return runNode(startNode, { variables }, {}, createTestNodeContext({ runInputs }));
}

async function startError(runInputs: Record<string, unknown>, variables: unknown[] = formVariables): Promise<EngineError> {
  const error = await start(runInputs, variables).then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('start node config', () => {
  it('declares one output per variable with the matching value type', () => {
    const config = startNode.config.parse({ variables: formVariables });
    expect(startNode.outputs(config)).toEqual([
      { name: 'name', type: 'string' },
      { name: 'bio', type: 'string' },
      { name: 'tone', type: 'string' },
      { name: 'age', type: 'number' },
      { name: 'subscribe', type: 'boolean' },
      { name: 'settings', type: 'object' },
      { name: 'avatar', type: 'file' },
      { name: 'attachments', type: 'array[file]' },
    ]);
    expect(startNode.references(config)).toEqual([]);
    expect(config.variables[1]?.required).toBe(false);
  });

  it('accepts a start node without variables', () => {
    expect(startNode.outputs(startNode.config.parse({}))).toEqual([]);
  });

  it('reports bad variables at their path', () => {
    expect(configIssuePaths(startNode, { variables: [{ variable: 'a', type: 'date' }] })).toEqual([['variables', 0, 'type']]);
    expect(configIssuePaths(startNode, { variables: [{ variable: '1st', type: 'number' }] })).toEqual([['variables', 0, 'variable']]);
    expect(
      configIssuePaths(startNode, {
        variables: [
          { variable: 'a', type: 'number' },
          { variable: 'a', type: 'paragraph' },
        ],
      }),
    ).toEqual([['variables', 1, 'variable']]);
    expect(configIssuePaths(startNode, { variables: [{ variable: 'pick', type: 'select' }] })).toEqual([['variables', 0, 'options']]);
    expect(configIssuePaths(startNode, { variables: [{ variable: 'n', type: 'number', default: 'many' }] })).toEqual([['variables', 0, 'default']]);
  });
});

describe('start node run', () => {
  it('outputs valid inputs, coercing numeric strings and applying defaults', async () => {
    const result = await start({
      name: 'Ada',
      age: '36',
      subscribe: 'true',
      settings: '{"theme":"dark"}',
      avatar: { id: 'f1', name: 'me.png' },
      attachments: [{ id: 'f2' }],
      unrelated: 'ignored',
    });
    expect(result.outputs).toEqual({
      name: 'Ada',
      bio: undefined,
      tone: 'casual',
      age: 36,
      subscribe: true,
      settings: { theme: 'dark' },
      avatar: { id: 'f1', name: 'me.png' },
      attachments: [{ id: 'f2' }],
    });
  });

  it('treats an empty string as missing, so defaults fill it', async () => {
    const result = await start({ name: 'Bo', tone: '' });
    expect(result.outputs.tone).toBe('casual');
    expect(result.outputs.subscribe).toBeUndefined();
  });

  it('keeps false and 0 as real values', async () => {
    const result = await start({ name: 'Bo', subscribe: false, age: 0 });
    expect(result.outputs.subscribe).toBe(false);
    expect(result.outputs.age).toBe(0);
  });

  it('rejects a missing required input, naming it and the fix', async () => {
    const error = await startError({ name: '' });
    expect(error.code).toBe('invalid_input');
    expect(error.nodeId).toBe('node');
    expect(error.message).toContain('"name" is required: pass inputs.name');
  });

  it('rejects values of the wrong type', async () => {
    const error = await startError({ name: 42, age: 'forty', subscribe: 'yes', settings: '[1]', avatar: 'x.png', attachments: ['a'] });
    expect(error.message).toContain('"name" must be text');
    expect(error.message).toContain('"age" must be a number, got "forty"');
    expect(error.message).toContain('"subscribe" must be a boolean');
    expect(error.message).toContain('"settings" must be a JSON object');
    expect(error.message).toContain('"avatar" must be a file object');
    expect(error.message).toContain('"attachments" must be a list of file objects');
  });

  it('rejects a select value outside its options and values over maxLength', async () => {
    const error = await startError({ name: 'Alexander', tone: 'angry', attachments: [{}, {}, {}] });
    expect(error.message).toContain('"tone" must be one of ["formal","casual"]');
    expect(error.message).toContain('"name" is 9 characters long, more than its limit of 5');
    expect(error.message).toContain('"attachments" is 3 items long, more than its limit of 2');
  });

  it('rejects numbers that are not finite or blank', async () => {
    const variables = [{ variable: 'n', type: 'number', required: true }];
    expect((await startError({ n: '  ' }, variables)).message).toContain('"n" must be a number');
    expect((await startError({ n: Number.NaN }, variables)).message).toContain('"n" must be a number');
    expect((await start({ n: ' 2.5 ' }, variables)).outputs).toEqual({ n: 2.5 });
  });
});
