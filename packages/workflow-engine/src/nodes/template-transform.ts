import { z } from 'zod';
import { EngineError } from '../spec/errors';
import { defineNode } from '../spec/node';
import { variableSelectorSchema } from '../spec/variables';
import { compileJinja, jinjaSyntaxError } from './shared/compile-jinja';
import { readInput } from './shared/read-input';
import { uniqueSelectors } from './shared/unique-selectors';

export const templateTransformConfigSchema = z
  .object({
    /** A Jinja2 template; its variables are the names listed in `variables`. */
    template: z.string().superRefine((template, ctx) => {
      const problem = jinjaSyntaxError(template);
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', message: `Jinja template does not parse: ${problem}. Fix the syntax there and close every {% … %} block.` });
      }
    }),
    variables: z
      .array(
        z.object({
          variable: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and _, not starting with a digit'),
          valueSelector: variableSelectorSchema,
        }),
      )
      .default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.variables.forEach((variable, index) => {
      if (seen.has(variable.variable)) {
        ctx.addIssue({ code: 'custom', path: ['variables', index, 'variable'], message: `Duplicate template variable "${variable.variable}": give each a unique name` });
      }
      seen.add(variable.variable);
    });
  });
export type TemplateTransformConfig = z.infer<typeof templateTransformConfigSchema>;

/** Renders a Jinja2 template over upstream values (objects and arrays usable in loops and filters). */
export const templateTransformNode = defineNode<TemplateTransformConfig>({
  type: 'template-transform',
  version: 1,
  config: templateTransformConfigSchema,
  outputs: () => [{ name: 'output', type: 'string' }],
  references: (config) => uniqueSelectors(config.variables.map((variable) => variable.valueSelector)),
  run: async ({ node, config, inputs }) => {
    const values = Object.fromEntries(config.variables.map((variable) => [variable.variable, readInput(inputs, variable.valueSelector)]));
    try {
      return { outputs: { output: compileJinja(config.template).render(values) } };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EngineError({
        code: 'node_failed',
        nodeId: node.id,
        message: `Template failed to render: ${reason}. Check the filters and attributes it uses against the values it receives.`,
        cause: error,
      });
    }
  },
});
