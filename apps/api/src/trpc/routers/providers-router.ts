import {
  createProvider,
  createProviderInputSchema,
  deleteProvider,
  listProviders,
  providerIdInputSchema,
  updateProvider,
  updateProviderInputSchema,
} from '../../services/providers-service';
import { testConnectionInputSchema, testProviderConnection } from '../../services/providers-test-connection';
import { router } from '../init';
import { workspaceProcedure } from '../procedures';

/** Model providers of a workspace. Secrets go in, never come out (only a masked hint). */
export const providersRouter = router({
  list: workspaceProcedure('viewer').query(({ ctx }) => listProviders(ctx.services, ctx.access)),
  create: workspaceProcedure('admin')
    .input(createProviderInputSchema)
    .mutation(({ ctx, input }) => createProvider(ctx.services, ctx.access, input)),
  update: workspaceProcedure('admin')
    .input(updateProviderInputSchema)
    .mutation(({ ctx, input }) => updateProvider(ctx.services, ctx.access, input)),
  delete: workspaceProcedure('admin')
    .input(providerIdInputSchema)
    .mutation(({ ctx, input }) => deleteProvider(ctx.services, ctx.access, input)),
  testConnection: workspaceProcedure('admin')
    .input(testConnectionInputSchema)
    .mutation(({ ctx, input }) => testProviderConnection(ctx.services, ctx.access, input)),
});
