import { debugRun, debugRunInputSchema } from '../../services/run-queries-debug-run';
import { getRun, getRunInputSchema, listRuns, listRunsInputSchema } from '../../services/run-queries-service';
import { router } from '../init';
import { appProcedure } from '../procedures';

export const runsRouter = router({
  list: appProcedure('viewer')
    .input(listRunsInputSchema)
    .query(({ ctx, input }) => listRuns(ctx.services, ctx.access, input)),
  get: appProcedure('viewer')
    .input(getRunInputSchema)
    .query(({ ctx, input }) => getRun(ctx.services, ctx.access, input)),
  /** Runs the draft and streams `debug-run-started`, then every engine event; unsubscribing stops the run. */
  debugRun: appProcedure('editor')
    .input(debugRunInputSchema)
    .subscription(({ ctx, input }) => debugRun(ctx.services, ctx.access, input)),
});
