import { z } from 'zod';
import type { Prisma } from '@weft/db';
import { AppError } from '../errors';
import type { AppServices } from './app-services';
import { initialGraph } from './apps-initial-graph';
import { graphToJson } from './drafts-service';
import type { AppAccess, WorkspaceAccess } from './members-access';

type Services = Pick<AppServices, 'prisma' | 'bus'>;

const appFields = {
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  icon: z.string().max(64, 'must be at most 64 characters (an emoji or an icon name)'),
  iconBackground: z.string().max(32, 'must be at most 32 characters (a CSS color)'),
  description: z.string().max(2000, 'must be at most 2,000 characters'),
};

export const appModeSchema = z.enum(['workflow', 'chatflow']);
export const createAppInputSchema = z.object({
  mode: appModeSchema,
  name: appFields.name,
  icon: appFields.icon.default(''),
  iconBackground: appFields.iconBackground.default(''),
  description: appFields.description.default(''),
});
export const updateAppInputSchema = z.object({
  name: appFields.name.optional(),
  icon: appFields.icon.optional(),
  iconBackground: appFields.iconBackground.optional(),
  description: appFields.description.optional(),
});

const appSelect = {
  id: true,
  workspaceId: true,
  mode: true,
  name: true,
  icon: true,
  iconBackground: true,
  description: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.AppSelect;

export type AppSummary = Prisma.AppGetPayload<{ select: typeof appSelect }>;

export async function listApps(services: Services, access: WorkspaceAccess): Promise<AppSummary[]> {
  return services.prisma.app.findMany({ where: { workspaceId: access.workspaceId }, select: appSelect, orderBy: { updatedAt: 'desc' } });
}

export async function getApp(services: Services, access: AppAccess): Promise<AppSummary> {
  const app = await services.prisma.app.findUnique({ where: { id: access.appId }, select: appSelect });
  if (!app) throw new AppError('app_not_found', `App "${access.appId}" was just deleted. Go back to the app list.`);
  return app;
}

/** Creates the app with its first draft (a minimal valid graph for its mode), in one insert. */
export async function createApp(services: Services, access: WorkspaceAccess, input: z.infer<typeof createAppInputSchema>): Promise<AppSummary> {
  return services.prisma.app.create({
    data: {
      mode: input.mode,
      name: input.name,
      icon: input.icon,
      iconBackground: input.iconBackground,
      description: input.description,
      workspaceId: access.workspaceId,
      createdById: access.userId,
      draft: { create: { graph: graphToJson(initialGraph(input.mode)), updatedById: access.userId } },
    },
    select: appSelect,
  });
}

export async function updateApp(services: Services, access: AppAccess, input: z.infer<typeof updateAppInputSchema>): Promise<AppSummary> {
  // Field by field: the procedure's input also carries appId.
  const { name, icon, iconBackground, description } = input;
  const app = await services.prisma.app.update({ where: { id: access.appId }, data: { name, icon, iconBackground, description }, select: appSelect });
  await services.bus.publish({ type: 'app-updated', appId: access.appId });
  return app;
}

/** Deletes the app with its draft, versions, keys, runs and conversations (cascades). */
export async function deleteApp(services: Services, access: AppAccess): Promise<{ id: string }> {
  await services.prisma.app.delete({ where: { id: access.appId } });
  await services.bus.publish({ type: 'app-deleted', appId: access.appId });
  return { id: access.appId };
}
