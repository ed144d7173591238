import { randomUUID } from 'node:crypto';
import type { RunErrorInfo, RunEvent, RunResult } from '@weft/workflow-engine/spec';
import { difyRunStatus, difyUsage, passagesOf, retrieverResources, runFailure } from './dify-shapes';
import { unixSeconds } from './http-io';

/** Which of Dify's stream dialects to speak. */
export type DifyStreamMode = 'workflow' | 'advanced-chat' | 'completion';

export interface DifyStreamContext {
  mode: DifyStreamMode;
  taskId: string;
  runId: string;
  /** Dify's workflow_id; weft reports the app id (versions are weft's own concept). */
  workflowId: string;
  conversationId?: string;
  /** Chat and completion streams; for completion without a stored message, the run id. */
  messageId?: string;
  createdAt: number;
  /** Completion streams of workflow apps have no answer node: their text is the outputs, sent at the end. */
  answerOf?: (outputs: Record<string, unknown>) => string;
}

type Payload = Record<string, unknown>;

/**
 * Translates weft's run events into Dify's SSE payloads, in Dify's order: workflow_started, node_started /
 * node_finished (skipped nodes are not reported, retries are one node), text_chunk (workflow) or message (chat),
 * workflow_finished, then message_end (chat) or error (failed runs).
 */
export function createDifyEventMapper(context: DifyStreamContext): (event: RunEvent) => Payload[] {
  const { mode, taskId, runId } = context;
  const started = new Map<string, { id: string; index: number; at: number }>();
  const nodeTypes = new Map<string, string>();
  const events: RunEvent[] = [];
  let steps = 0;
  const chatFields = mode === 'advanced-chat' ? { conversation_id: context.conversationId, message_id: context.messageId, created_at: unixSeconds(context.createdAt) } : {};
  const workflowEvent = (event: string, data: Payload): Payload => ({ event, task_id: taskId, workflow_run_id: runId, data, ...chatFields });
  const messageEvent = (event: string, fields: Payload): Payload => ({
    event,
    task_id: taskId,
    id: context.messageId,
    message_id: context.messageId,
    ...(mode === 'advanced-chat' ? { conversation_id: context.conversationId } : {}),
    ...fields,
    created_at: unixSeconds(context.createdAt),
  });

  function finished(event: Extract<RunEvent, { type: 'run-finished' | 'run-failed' }>): Payload[] {
    const error: RunErrorInfo | undefined = event.type === 'run-failed' ? event.error : undefined;
    const status = event.type === 'run-finished' ? 'succeeded' : error?.code === 'cancelled' ? 'cancelled' : 'failed';
    const usage = event.usage;
    const payloads: Payload[] = [];
    if (mode !== 'completion') {
      payloads.push(
        workflowEvent('workflow_finished', {
          id: runId,
          workflow_id: context.workflowId,
          status: difyRunStatus(status),
          outputs: event.type === 'run-finished' ? event.outputs : null,
          error: error?.message ?? null,
          elapsed_time: event.elapsedMs / 1000,
          total_tokens: usage.inputTokens + usage.outputTokens,
          total_steps: steps,
          created_at: unixSeconds(context.createdAt),
          finished_at: unixSeconds(event.at),
          files: [],
        }),
      );
    }
    if (mode === 'completion' && event.type === 'run-finished' && context.answerOf) {
      payloads.push(messageEvent('message', { answer: context.answerOf(event.outputs) }));
    }
    if (status === 'failed') {
      const failure = runFailure(error);
      payloads.push({ event: 'error', task_id: taskId, ...(context.messageId ? { message_id: context.messageId } : {}), status: failure.status, code: failure.code, message: failure.message });
    } else if (mode !== 'workflow') {
      payloads.push(messageEvent('message_end', { metadata: { usage: difyUsage(usage, event.elapsedMs), retriever_resources: retrieverResources(passagesOf(events)) }, files: [] }));
    }
    return payloads;
  }

  return (event) => {
    switch (event.type) {
      case 'run-started':
        return mode === 'completion'
          ? []
          : [workflowEvent('workflow_started', { id: runId, workflow_id: context.workflowId, inputs: event.inputs, created_at: unixSeconds(event.at) })];
      case 'node-started': {
        nodeTypes.set(event.nodeId, event.nodeType);
        if (event.attempt > 1 || mode === 'completion') return [];
        const node = { id: randomUUID(), index: started.size + 1, at: event.at };
        started.set(event.nodeId, node);
        return [
          workflowEvent('node_started', {
            id: node.id,
            node_id: event.nodeId,
            node_type: event.nodeType,
            title: event.title,
            index: node.index,
            predecessor_node_id: null,
            inputs: null,
            created_at: unixSeconds(event.at),
            extras: {},
          }),
        ];
      }
      case 'node-finished': {
        events.push(event);
        if (event.status === 'skipped') return [];
        steps++;
        const node = started.get(event.nodeId);
        if (!node || mode === 'completion') return [];
        const tokens = event.usage ? event.usage.inputTokens + event.usage.outputTokens : 0;
        return [
          workflowEvent('node_finished', {
            id: node.id,
            node_id: event.nodeId,
            node_type: event.nodeType,
            title: event.title,
            index: node.index,
            predecessor_node_id: null,
            inputs: event.inputs,
            process_data: null,
            outputs: event.outputs,
            status: event.status === 'cached' ? 'succeeded' : event.status,
            error: event.error?.message ?? null,
            elapsed_time: event.elapsedMs / 1000,
            execution_metadata: { total_tokens: tokens, total_price: '0', currency: 'USD', ...(event.status === 'cached' ? { cached: true } : {}) },
            created_at: unixSeconds(node.at),
            finished_at: unixSeconds(event.at),
            files: [],
          }),
        ];
      }
      case 'text-chunk': {
        if (mode === 'workflow') return [{ event: 'text_chunk', task_id: taskId, workflow_run_id: runId, data: { text: event.text, from_variable_selector: [event.nodeId, 'text'] } }];
        // Chat text is what answer nodes stream; a replayed run's single chunk comes from no known node.
        if (context.answerOf || (nodeTypes.get(event.nodeId) ?? 'answer') !== 'answer') return [];
        return [messageEvent('message', { answer: event.text })];
      }
      case 'run-finished':
      case 'run-failed':
        return finished(event);
    }
  };
}

/** The text a completion-style answer of a workflow app shows: its one string output, else its outputs as JSON. */
export function outputsAsText(outputs: Record<string, unknown>): string {
  const values = Object.values(outputs);
  if (values.length === 1 && typeof values[0] === 'string') return values[0];
  for (const name of ['text', 'answer', 'result', 'output']) if (typeof outputs[name] === 'string') return outputs[name];
  return JSON.stringify(outputs);
}

/** A blocking answer's text: the chat answer, or for workflow apps their outputs as text. */
export function answerOf(result: RunResult, mode: 'workflow' | 'chatflow'): string {
  return mode === 'chatflow' ? result.answer : outputsAsText(result.outputs);
}
