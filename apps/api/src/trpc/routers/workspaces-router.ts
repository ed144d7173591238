import { createWorkspace, createWorkspaceInputSchema, listWorkspaces, renameWorkspace, renameWorkspaceInputSchema } from '../../services/workspaces-service';
import { router } from '../init';
import { authedProcedure, workspaceProcedure } from '../procedures';

export const workspacesRouter = router({
  /** The workspaces the signed-in user belongs to, with their role in each. */
  list: authedProcedure.query(({ ctx }) => listWorkspaces(ctx.services, ctx.user.id)),
  create: authedProcedure.input(createWorkspaceInputSchema).mutation(({ ctx, input }) => createWorkspace(ctx.services, ctx.user.id, input)),
  rename: workspaceProcedure('admin')
    .input(renameWorkspaceInputSchema)
    .mutation(({ ctx, input }) => renameWorkspace(ctx.services, ctx.access, input)),
});
