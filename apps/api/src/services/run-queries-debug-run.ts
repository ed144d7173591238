import { z } from 'zod';
import type { RunEvent } from '@weft/workflow-engine/spec';
import { AppError } from '../errors';
import type { AppServices } from './app-services';
import type { StartedRun } from './contracts';
import { entityIdSchema, type AppAccess } from './members-access';

export const debugRunInputSchema = z.object({
  /** Values for the start node's variables. */
  inputs: z.record(z.string(), z.unknown()).default({}),
  /** Chat apps: the user's message. */
  query: z.string().max(100_000, 'must be at most 100,000 characters').optional(),
  /** Chat apps: continue this conversation (from an earlier `debug-run-started`). */
  conversationId: entityIdSchema.optional(),
});

/** First event of a debug run, then the engine's events (`run-started` … `run-finished` / `run-failed`). */
export type DebugRunEvent =
  | { type: 'debug-run-started'; runId: string; taskId: string; conversationId: string | undefined; messageId: string | undefined }
  | RunEvent;

/**
 * Starts a run of the app's current draft as the signed-in user (bad input and refusals fail here, before any
 * event) and returns its events as they happen. If the consumer goes away before the run ends (closed tab,
 * unsubscribe), the run is stopped.
 */
export async function debugRun(
  services: Pick<AppServices, 'runs'>,
  access: AppAccess,
  input: z.infer<typeof debugRunInputSchema>,
): Promise<AsyncGenerator<DebugRunEvent>> {
  if (access.appMode === 'chatflow' && (input.query === undefined || input.query.trim() === '')) {
    throw new AppError('invalid_param', 'This is a chat app: pass "query", the user message to answer.');
  }
  const started = await services.runs.start({
    appId: access.appId,
    source: 'debugger',
    target: 'draft',
    inputs: input.inputs,
    ...(input.query === undefined ? {} : { query: input.query }),
    ...(input.conversationId === undefined ? {} : { conversationId: input.conversationId }),
    user: access.userId,
  });
  return streamEvents(services, started);
}

async function* streamEvents(services: Pick<AppServices, 'runs'>, started: StartedRun): AsyncGenerator<DebugRunEvent> {
  let ended = false;
  try {
    yield { type: 'debug-run-started', runId: started.runId, taskId: started.taskId, conversationId: started.conversationId, messageId: started.messageId };
    for await (const event of started.events) {
      if (event.type === 'run-finished' || event.type === 'run-failed') ended = true;
      yield event;
    }
    ended = true;
  } finally {
    if (!ended) await services.runs.stop(started.taskId, started.appId).catch(() => false);
  }
}
