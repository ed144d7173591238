import { createApp, createAppInputSchema, deleteApp, getApp, listApps, updateApp, updateAppInputSchema } from '../../services/apps-service';
import { router } from '../init';
import { appProcedure, workspaceProcedure } from '../procedures';

export const appsRouter = router({
  list: workspaceProcedure('viewer').query(({ ctx }) => listApps(ctx.services, ctx.access)),
  get: appProcedure('viewer').query(({ ctx }) => getApp(ctx.services, ctx.access)),
  /** Also creates the first draft: start → end (workflow) or start → answer (chatflow). */
  create: workspaceProcedure('editor')
    .input(createAppInputSchema)
    .mutation(({ ctx, input }) => createApp(ctx.services, ctx.access, input)),
  update: appProcedure('editor')
    .input(updateAppInputSchema)
    .mutation(({ ctx, input }) => updateApp(ctx.services, ctx.access, input)),
  delete: appProcedure('editor').mutation(({ ctx }) => deleteApp(ctx.services, ctx.access)),
});
