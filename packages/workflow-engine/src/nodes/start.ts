import { z } from 'zod';
import { EngineError } from '../spec/errors';
import { defineNode, type OutputType } from '../spec/node';
import { reportDuplicateNames, variableNameSchema } from './shared/named-variables';

const startVariableTypes = ['text-input', 'paragraph', 'select', 'number', 'checkbox', 'json', 'file', 'file-list'] as const;
type StartVariableType = (typeof startVariableTypes)[number];

const outputTypeByVariableType: Record<StartVariableType, OutputType> = {
  'text-input': 'string',
  paragraph: 'string',
  select: 'string',
  number: 'number',
  checkbox: 'boolean',
  json: 'object',
  file: 'file',
  'file-list': 'array[file]',
};

const startVariableSchema = z.object({
  variable: variableNameSchema,
  label: z.string().optional(),
  type: z.enum(startVariableTypes),
  required: z.boolean().default(false),
  maxLength: z.number().int().positive().optional(),
  options: z.array(z.string()).optional(),
  default: z.unknown().optional(),
});
export type StartVariable = z.infer<typeof startVariableSchema>;

export const startConfigSchema = z
  .object({ variables: z.array(startVariableSchema).default([]) })
  .superRefine((config, ctx) => {
    reportDuplicateNames(config.variables, 'variables', ctx, (name) => `input variable "${name}"`);
    config.variables.forEach((variable, index) => {
      if (variable.type === 'select' && (variable.options ?? []).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['variables', index, 'options'], message: `Select input "${variable.variable}" needs at least one option` });
      } else if (!isMissing(variable.default)) {
        const checked = checkVariable(variable, variable.default);
        if (!checked.ok) ctx.addIssue({ code: 'custom', path: ['variables', index, 'default'], message: `Invalid default: ${checked.problem}` });
      }
    });
  });
export type StartConfig = z.infer<typeof startConfigSchema>;

type Checked = { ok: true; value: unknown } | { ok: false; problem: string };

const isMissing = (value: unknown) => value === undefined || value === null || value === '';
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkType(variable: StartVariable, value: unknown): Checked {
  const name = variable.variable;
  switch (variable.type) {
    case 'text-input':
    case 'paragraph':
    case 'select':
      return typeof value === 'string' ? { ok: true, value } : { ok: false, problem: `"${name}" must be text, got ${describe(value)}: send a string` };
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof number === 'number' && Number.isFinite(number)
        ? { ok: true, value: number }
        : { ok: false, problem: `"${name}" must be a number, got ${describe(value)}: send a number or a numeric string` };
    }
    case 'checkbox':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return { ok: false, problem: `"${name}" must be a boolean, got ${describe(value)}: send true or false` };
    case 'json': {
      const parsed = typeof value === 'string' ? parseJson(value) : value;
      return isPlainObject(parsed) ? { ok: true, value: parsed } : { ok: false, problem: `"${name}" must be a JSON object, got ${describe(value)}: send an object or its JSON text` };
    }
    case 'file':
      return isPlainObject(value) ? { ok: true, value } : { ok: false, problem: `"${name}" must be a file object, got ${describe(value)}: upload a file` };
    case 'file-list':
      return Array.isArray(value) && value.every(isPlainObject)
        ? { ok: true, value }
        : { ok: false, problem: `"${name}" must be a list of file objects, got ${describe(value)}: upload files as an array` };
  }
}

function checkLimits(variable: StartVariable, value: unknown): string | undefined {
  const name = variable.variable;
  if (variable.type === 'select' && !(variable.options ?? []).includes(value as string)) {
    return `"${name}" must be one of ${JSON.stringify(variable.options)}, got ${describe(value)}: pick a listed option`;
  }
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
  if (variable.maxLength !== undefined && length !== undefined && length > variable.maxLength) {
    const unit = Array.isArray(value) ? 'items' : 'characters';
    return `"${name}" is ${length} ${unit} long, more than its limit of ${variable.maxLength}: shorten it`;
  }
  return undefined;
}

function checkVariable(variable: StartVariable, supplied: unknown): Checked {
  const value = isMissing(supplied) ? variable.default : supplied;
  if (isMissing(value)) {
    return variable.required
      ? { ok: false, problem: `"${variable.variable}" is required: pass inputs.${variable.variable}` }
      : { ok: true, value: undefined };
  }
  const checked = checkType(variable, value);
  if (!checked.ok) return checked;
  const problem = checkLimits(variable, checked.value);
  return problem === undefined ? checked : { ok: false, problem };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Entry of a workflow: checks the run's user inputs against the declared variables and outputs them. */
export const startNode = defineNode<StartConfig>({
  type: 'start',
  version: 1,
  config: startConfigSchema,
  outputs: (config) => config.variables.map((variable) => ({ name: variable.variable, type: outputTypeByVariableType[variable.type] })),
  references: () => [],
  run: async ({ node, config, ctx }) => {
    const outputs: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const variable of config.variables) {
      const checked = checkVariable(variable, ctx.runInputs[variable.variable]);
      if (checked.ok) outputs[variable.variable] = checked.value;
      else problems.push(checked.problem);
    }
    if (problems.length > 0) {
      throw new EngineError({ code: 'invalid_input', nodeId: node.id, message: `Invalid run inputs: ${problems.join('; ')}` });
    }
    return { outputs };
  },
});
