import { getDraft, saveDraft, saveDraftInputSchema } from '../../services/drafts-service';
import { router } from '../init';
import { appProcedure } from '../procedures';

export const draftsRouter = router({
  get: appProcedure('viewer').query(({ ctx }) => getDraft(ctx.services, ctx.access)),
  /** CONFLICT (`draft_conflict`, with who/when/currentVersion in `data.details`) when `baseVersion` is stale. */
  save: appProcedure('editor')
    .input(saveDraftInputSchema)
    .mutation(({ ctx, input }) => saveDraft(ctx.services, ctx.access, input)),
});
