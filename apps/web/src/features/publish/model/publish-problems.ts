import { z } from 'zod';
import { compileProblemCodes, type CompileProblem } from '@weft/workflow-engine/spec';

const problemSchema = z.object({
  code: z.enum(compileProblemCodes),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
const compileFailedSchema = z.object({ domainCode: z.literal('compile_failed'), details: z.object({ problems: z.array(problemSchema) }) });

/** The compile problems a refused publish carries in `error.data`, or undefined for other failures. */
export function readPublishProblems(error: unknown): CompileProblem[] | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const parsed = compileFailedSchema.safeParse(error.data);
  return parsed.success ? parsed.data.details.problems : undefined;
}
