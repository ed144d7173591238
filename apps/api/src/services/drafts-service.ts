import { z } from 'zod';
import type { Prisma } from '@weft/db';
import { compile, builtinNodes } from '@weft/workflow-engine';
import { createNodeRegistry, workflowSchema, type CompileProblem, type Workflow } from '@weft/workflow-engine/spec';
import { AppError } from '../errors';
import type { AppServices } from './app-services';
import type { AppAccess } from './members-access';

type Services = Pick<AppServices, 'prisma'>;

/** The node types a draft is checked against (the same registry the run service compiles with). */
export const builtinRegistry = createNodeRegistry(builtinNodes);

export const saveDraftInputSchema = z.object({
  graph: workflowSchema,
  /** The draft version the editor loaded; the save only applies if nobody saved since. */
  baseVersion: z.number().int().positive(),
});

export interface DraftEditor {
  id: string;
  name: string;
}

export interface Draft {
  appId: string;
  graph: Workflow;
  version: number;
  updatedAt: Date;
  updatedBy: DraftEditor | null;
}

export interface SavedDraft {
  version: number;
  updatedAt: Date;
  /** What `compile` finds wrong with the saved graph; the save is kept either way (publish refuses them). */
  problems: CompileProblem[];
}

const draftSelect = { appId: true, graph: true, version: true, updatedAt: true, updatedBy: { select: { id: true, name: true } } } as const;

/** A parsed graph as a JSON column value (it came from JSON, so it is JSON). */
export function graphToJson(graph: Workflow): Prisma.InputJsonObject {
  return graph as unknown as Prisma.InputJsonObject;
}

/** The compile problems of a graph, checked against the built-in node types. */
export function checkGraph(graph: unknown): CompileProblem[] {
  const result = compile(graph, builtinRegistry);
  return result.ok ? [] : result.problems;
}

export async function getDraft(services: Services, access: AppAccess): Promise<Draft> {
  const draft = await services.prisma.workflowDraft.findUnique({ where: { appId: access.appId }, select: draftSelect });
  if (!draft) throw new AppError('not_found', `App "${access.appId}" has no draft (it was just deleted). Go back to the app list.`);
  return { ...draft, graph: draft.graph as Workflow };
}

function formatUtcTime(date: Date): string {
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')} UTC`;
}

/**
 * Saves the graph only if the stored version still equals `baseVersion` (one conditional UPDATE), so two editors
 * never overwrite each other silently: the later save fails with who saved, when, and the current version.
 */
export async function saveDraft(services: Services, access: AppAccess, input: z.infer<typeof saveDraftInputSchema>): Promise<SavedDraft> {
  const updatedAt = new Date();
  const { count } = await services.prisma.workflowDraft.updateMany({
    where: { appId: access.appId, version: input.baseVersion },
    data: { graph: graphToJson(input.graph), version: { increment: 1 }, updatedById: access.userId, updatedAt },
  });
  if (count === 0) throw await conflictError(services, access, input.baseVersion);
  return { version: input.baseVersion + 1, updatedAt, problems: checkGraph(input.graph) };
}

async function conflictError(services: Services, access: AppAccess, baseVersion: number): Promise<AppError> {
  const current = await services.prisma.workflowDraft.findUnique({ where: { appId: access.appId }, select: draftSelect });
  if (!current) return new AppError('not_found', `App "${access.appId}" has no draft (it was just deleted). Go back to the app list.`);
  const who = current.updatedBy?.name ?? 'a deleted user';
  return new AppError('draft_conflict', `Saved by ${who} at ${formatUtcTime(current.updatedAt)} (version ${current.version}); reload or overwrite`, {
    details: {
      baseVersion,
      currentVersion: current.version,
      savedBy: current.updatedBy,
      savedAt: current.updatedAt.toISOString(),
    },
  });
}
