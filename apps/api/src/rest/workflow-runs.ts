import { AppError } from '../errors';
import { difyRunStatus } from './dify-shapes';
import { parseWith, readJson, sendJson, unixSeconds } from './http-io';
import { stopSchema } from './request-schemas';
import type { RestHandler } from './rest-context';

/** `GET /v1/workflows/run/:runId`: a run of the key's app, in progress (from memory) or stored. */
export const getWorkflowRun: RestHandler = async ({ runs, services, key, params, response }) => {
  const runId = params.runId!;
  const active = runs.activeRun(runId);
  if (active && active.appId === key.app.id) {
    sendJson(response, 200, {
      id: runId,
      workflow_id: key.app.id,
      status: 'running',
      inputs: active.inputs,
      outputs: null,
      error: null,
      total_steps: 0,
      total_tokens: 0,
      created_at: unixSeconds(active.createdAt),
      finished_at: null,
      elapsed_time: (Date.now() - active.createdAt) / 1000,
    });
    return;
  }
  await runs.flush();
  const run = await services.prisma.run.findFirst({
    where: { id: runId, appId: key.app.id },
    select: { id: true, status: true, inputs: true, outputs: true, error: true, inputTokens: true, outputTokens: true, elapsedMs: true, createdAt: true, finishedAt: true, _count: { select: { nodeRuns: { where: { status: { not: 'skipped' } } } } } },
  });
  if (!run) throw new AppError('not_found', `Workflow run "${runId}" does not exist for this app. Use the workflow_run_id a run of this app returned.`);
  const error = run.error as { message?: unknown } | null;
  sendJson(response, 200, {
    id: run.id,
    workflow_id: key.app.id,
    status: difyRunStatus(run.status),
    inputs: run.inputs,
    outputs: run.status === 'succeeded' ? run.outputs : null,
    error: typeof error?.message === 'string' ? error.message : null,
    total_steps: run._count.nodeRuns,
    total_tokens: run.inputTokens + run.outputTokens,
    created_at: unixSeconds(run.createdAt),
    finished_at: run.finishedAt ? unixSeconds(run.finishedAt) : null,
    elapsed_time: run.elapsedMs / 1000,
  });
};

/**
 * `POST /v1/chat-messages/:taskId/stop`, `/v1/completion-messages/:taskId/stop`, `/v1/workflows/tasks/:taskId/stop`.
 * Answers `{ result: 'success' }` like Dify whether or not the task was still running (only the key's app's tasks stop).
 */
export const postStop: RestHandler = async ({ request, runs, services, key, params, response }) => {
  parseWith(stopSchema, await readJson(request, services.env.WEFT_MAX_BODY_BYTES));
  await runs.stop(params.taskId!, key.app.id);
  sendJson(response, 200, { result: 'success' });
};
