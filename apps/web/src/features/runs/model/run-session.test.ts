import { describe, expect, it } from 'vitest';
import { createRunSessionStore, createTraceFeeder } from './run-session';

describe('createTraceFeeder', () => {
  it('streams the answer into the chat turn, keeps the conversation id, and repaints nodes only on status changes', () => {
    const session = createRunSessionStore();
    const paints: Record<string, string>[] = [];
    const feeder = createTraceFeeder(session, { setRunStatus: (statuses) => paints.push(statuses) }, new Set(['answer']), 'hello');
    feeder.push({ type: 'debug-run-started', runId: 'r1', taskId: 'r1', conversationId: 'c1' });
    feeder.push({ type: 'node-started', runId: 'r1', nodeId: 'answer', nodeType: 'answer', title: 'Answer', at: 1, attempt: 1 });
    feeder.push({ type: 'text-chunk', runId: 'r1', nodeId: 'answer', text: 'Hi ' });
    feeder.push({ type: 'text-chunk', runId: 'r1', nodeId: 'answer', text: 'there' });
    expect(session.getState().chat).toEqual([{ query: 'hello', answer: 'Hi there', status: 'running', runId: 'r1' }]);
    feeder.push({
      type: 'node-finished',
      runId: 'r1',
      nodeId: 'answer',
      nodeType: 'answer',
      title: 'Answer',
      at: 2,
      status: 'succeeded',
      inputs: {},
      outputs: { answer: 'Hi there' },
      elapsedMs: 1,
      retries: 0,
    });
    feeder.push({ type: 'run-finished', runId: 'r1', at: 3, outputs: {}, elapsedMs: 2, usage: { inputTokens: 0, outputTokens: 0 }, cachedNodeIds: [] });
    expect(session.getState()).toMatchObject({ running: false, conversationId: 'c1', source: 'live' });
    expect(session.getState().chat.at(-1)?.status).toBe('succeeded');
    expect(paints).toEqual([{}, { answer: 'running' }, { answer: 'succeeded' }]);
  });
});
