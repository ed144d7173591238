import { z } from 'zod';
import { EngineError } from '../spec/errors';
import { defineNode } from '../spec/node';
import { compileJinja, jinjaSyntaxError } from './shared/compile-jinja';
import { namedSelectorListSchema, reportDuplicateNames } from './shared/named-variables';
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
    variables: namedSelectorListSchema,
  })
  .superRefine((config, ctx) => reportDuplicateNames(config.variables, 'variables', ctx, (name) => `template variable "${name}"`));
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
