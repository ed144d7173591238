import { z } from 'zod';
import type { Prisma } from '@weft/db';
import { AppError } from '../errors';
import type { AppServices } from './app-services';
import { entityIdSchema, type AppAccess } from './members-access';

type Services = Pick<AppServices, 'prisma'>;

export const listRunsInputSchema = z
  .object({
    status: z.enum(['running', 'succeeded', 'failed', 'cancelled']).optional(),
    source: z.enum(['debugger', 'api', 'webapp']).optional(),
    /** Runs created at or after this instant (ISO 8601). */
    from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-01-31T00:00:00Z' }).optional(),
    /** Runs created before this instant (ISO 8601). */
    to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-02-01T00:00:00Z' }).optional(),
    /** `nextCursor` of the previous page. */
    cursor: entityIdSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .refine((input) => input.from === undefined || input.to === undefined || Date.parse(input.from) < Date.parse(input.to), {
    message: '"from" must be before "to"',
    path: ['from'],
  });
export const getRunInputSchema = z.object({ runId: entityIdSchema });

const summarySelect = {
  id: true,
  versionId: true,
  version: { select: { number: true } },
  source: true,
  status: true,
  error: true,
  elapsedMs: true,
  inputTokens: true,
  outputTokens: true,
  conversationId: true,
  createdById: true,
  endUser: true,
  createdAt: true,
  finishedAt: true,
} as const satisfies Prisma.RunSelect;

export type RunSummary = Prisma.RunGetPayload<{ select: typeof summarySelect }>;

/** Newest first; `nextCursor` is set while more runs match. */
export async function listRuns(
  services: Services,
  access: AppAccess,
  input: z.infer<typeof listRunsInputSchema>,
): Promise<{ items: RunSummary[]; nextCursor: string | null }> {
  const where: Prisma.RunWhereInput = {
    appId: access.appId,
    ...(input.status ? { status: input.status } : {}),
    ...(input.source ? { source: input.source } : {}),
    ...(input.from || input.to
      ? { createdAt: { ...(input.from ? { gte: new Date(input.from) } : {}), ...(input.to ? { lt: new Date(input.to) } : {}) } }
      : {}),
  };
  if (input.cursor !== undefined) {
    const cursorRun = await services.prisma.run.findFirst({ where: { id: input.cursor, appId: access.appId }, select: { id: true } });
    if (!cursorRun) throw new AppError('invalid_param', 'The cursor does not point to a run of this app; start again from the first page.');
  }
  const rows = await services.prisma.run.findMany({
    where,
    select: summarySelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor === undefined ? {} : { cursor: { id: input.cursor }, skip: 1 }),
  });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}

/** One run with inputs, outputs and its node traces in execution order. */
export async function getRun(services: Services, access: AppAccess, input: z.infer<typeof getRunInputSchema>) {
  const run = await services.prisma.run.findFirst({
    where: { id: input.runId, appId: access.appId },
    select: {
      ...summarySelect,
      inputs: true,
      outputs: true,
      nodeRuns: {
        orderBy: { index: 'asc' },
        select: {
          id: true,
          nodeId: true,
          nodeType: true,
          title: true,
          status: true,
          inputs: true,
          outputs: true,
          error: true,
          elapsedMs: true,
          inputTokens: true,
          outputTokens: true,
          cached: true,
          index: true,
        },
      },
    },
  });
  if (!run) throw new AppError('not_found', `Run "${input.runId}" does not exist in this app (traces are written right after a run ends; retry in a moment).`);
  return run;
}
