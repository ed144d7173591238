import {
  diffInputSchema,
  diffVersions,
  getVersion,
  getVersionInputSchema,
  listVersions,
  publishInputSchema,
  publishVersion,
  restoreInputSchema,
  restoreVersion,
} from '../../services/versions-service';
import { router } from '../init';
import { appProcedure } from '../procedures';

export const versionsRouter = router({
  /** BAD_REQUEST (`compile_failed`, problems in `data.details.problems`) when the draft does not compile. */
  publish: appProcedure('editor')
    .input(publishInputSchema)
    .mutation(({ ctx, input }) => publishVersion(ctx.services, ctx.access, input)),
  list: appProcedure('viewer').query(({ ctx }) => listVersions(ctx.services, ctx.access)),
  get: appProcedure('viewer')
    .input(getVersionInputSchema)
    .query(({ ctx, input }) => getVersion(ctx.services, ctx.access, input)),
  diff: appProcedure('viewer')
    .input(diffInputSchema)
    .query(({ ctx, input }) => diffVersions(ctx.services, ctx.access, input)),
  restore: appProcedure('editor')
    .input(restoreInputSchema)
    .mutation(({ ctx, input }) => restoreVersion(ctx.services, ctx.access, input)),
});
