import { createApiKey, createApiKeyInputSchema, listApiKeys, revokeApiKey, revokeApiKeyInputSchema } from '../../services/api-keys-service';
import { router } from '../init';
import { appProcedure } from '../procedures';

/** Keys of one app's published API. */
export const apiKeysRouter = router({
  list: appProcedure('editor').query(({ ctx }) => listApiKeys(ctx.services, ctx.access)),
  /** Returns the whole key once (`key`); afterwards only its prefix is shown. */
  create: appProcedure('admin')
    .input(createApiKeyInputSchema)
    .mutation(({ ctx, input }) => createApiKey(ctx.services, ctx.access, input)),
  revoke: appProcedure('admin')
    .input(revokeApiKeyInputSchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.services, ctx.access, input)),
});
