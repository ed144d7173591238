import { z } from 'zod';
import { isUniqueViolation } from '@weft/db';
import type { CompileProblem, Workflow } from '@weft/workflow-engine/spec';
import { AppError } from '../errors';
import type { AppServices } from './app-services';
import { checkGraph, getDraft, graphToJson } from './drafts-service';
import type { AppAccess } from './members-access';
import { diffWorkflows, type WorkflowDiff } from './versions-diff';

type Services = Pick<AppServices, 'prisma' | 'bus'>;

export const publishInputSchema = z.object({ note: z.string().trim().max(500, 'must be at most 500 characters').default('') });
export const versionNumberSchema = z.number().int().positive();
/** A version number, or `draft` for the current draft. */
export const versionRefSchema = z.union([versionNumberSchema, z.literal('draft')]);
export const getVersionInputSchema = z.object({ number: versionNumberSchema });
export const diffInputSchema = z.object({ from: versionRefSchema, to: versionRefSchema.default('draft') });
export const restoreInputSchema = z.object({ number: versionNumberSchema });

export interface VersionSummary {
  id: string;
  number: number;
  note: string;
  createdAt: Date;
  author: { id: string; name: string } | null;
}

const summarySelect = { id: true, number: true, note: true, createdAt: true, author: { select: { id: true, name: true } } } as const;
const publishAttempts = 3;

function describeProblems(problems: CompileProblem[]): string {
  const shown = problems.slice(0, 5).map((problem) => (problem.nodeId ? `node "${problem.nodeId}": ${problem.message}` : problem.message));
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * Publishes the draft as the next immutable version. A draft that does not compile is refused with every problem
 * listed. Numbers come from max+1 inside a transaction; two concurrent publishes collide on (appId, number) and
 * the loser retries with the next number.
 */
export async function publishVersion(services: Services, access: AppAccess, input: z.infer<typeof publishInputSchema>): Promise<VersionSummary> {
  const draft = await getDraft(services, access);
  const problems = checkGraph(draft.graph);
  if (problems.length > 0) {
    throw new AppError(
      'compile_failed',
      `The draft has ${problems.length} problem${problems.length === 1 ? '' : 's'} and was not published: ${describeProblems(problems)}. Fix them in the editor and publish again.`,
      { details: { problems } },
    );
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const version = await services.prisma.$transaction(async (tx) => {
        const last = await tx.workflowVersion.aggregate({ where: { appId: access.appId }, _max: { number: true } });
        return tx.workflowVersion.create({
          data: { appId: access.appId, number: (last._max.number ?? 0) + 1, graph: graphToJson(draft.graph), note: input.note, authorId: access.userId },
          select: summarySelect,
        });
      });
      await services.bus.publish({ type: 'app-published', appId: access.appId });
      return version;
    } catch (error) {
      if (attempt >= publishAttempts || !isUniqueViolation(error)) throw error;
    }
  }
}

export async function listVersions(services: Services, access: AppAccess): Promise<VersionSummary[]> {
  return services.prisma.workflowVersion.findMany({ where: { appId: access.appId }, select: summarySelect, orderBy: { number: 'desc' } });
}

export async function getVersion(services: Services, access: AppAccess, input: z.infer<typeof getVersionInputSchema>): Promise<VersionSummary & { graph: Workflow }> {
  const version = await services.prisma.workflowVersion.findUnique({
    where: { appId_number: { appId: access.appId, number: input.number } },
    select: { ...summarySelect, graph: true },
  });
  if (!version) throw new AppError('not_found', `This app has no version ${input.number}. List the versions to see which exist.`);
  return { ...version, graph: version.graph as Workflow };
}

async function loadGraph(services: Services, access: AppAccess, ref: z.infer<typeof versionRefSchema>): Promise<Workflow> {
  return ref === 'draft' ? (await getDraft(services, access)).graph : (await getVersion(services, access, { number: ref })).graph;
}

/** What changed from one version (or the draft) to another. */
export async function diffVersions(services: Services, access: AppAccess, input: z.infer<typeof diffInputSchema>): Promise<WorkflowDiff> {
  const [before, after] = await Promise.all([loadGraph(services, access, input.from), loadGraph(services, access, input.to)]);
  return diffWorkflows(before, after);
}

/**
 * Copies a version's graph into the draft as a new draft version. Editors holding an older draft version get a
 * conflict on their next save instead of silently undoing the restore.
 */
export async function restoreVersion(
  services: Services,
  access: AppAccess,
  input: z.infer<typeof restoreInputSchema>,
): Promise<{ version: number; updatedAt: Date; restoredFrom: number }> {
  const source = await getVersion(services, access, input);
  const draft = await services.prisma.workflowDraft.update({
    where: { appId: access.appId },
    data: { graph: graphToJson(source.graph), version: { increment: 1 }, updatedById: access.userId, updatedAt: new Date() },
    select: { version: true, updatedAt: true },
  });
  return { ...draft, restoredFrom: input.number };
}
