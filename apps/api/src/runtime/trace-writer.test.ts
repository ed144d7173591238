import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../test-support/test-services';
import { chatGraph, seedApp, seedWorkspace, type SeededApp } from './test-support/seed-apps';
import { createTraceWriter, type RunTrace } from './trace-writer';
import { uuidV7 } from './uuid-v7';

function chatTrace(app: SeededApp, options: { conversationId?: string; newConversation?: boolean; appId?: string; at?: number } = {}): RunTrace {
  const runId = uuidV7();
  const conversationId = options.conversationId ?? uuidV7();
  const at = new Date(options.at ?? Date.now());
  const appId = options.appId ?? app.appId;
  return {
    run: {
      id: runId,
      appId,
      versionId: app.versionId,
      source: 'api',
      status: 'succeeded',
      inputs: { city: 'Rome' },
      outputs: {},
      error: null,
      elapsedMs: 12,
      inputTokens: 3,
      outputTokens: 5,
      conversationId,
      idempotencyKey: null,
      createdById: null,
      endUser: 'ann',
      createdAt: at,
      finishedAt: new Date(at.getTime() + 12),
    },
    reserved: false,
    nodeRuns: ['start', 'llm'].map((nodeId, index) => ({
      id: uuidV7(),
      runId,
      nodeId,
      nodeType: nodeId,
      title: nodeId.toUpperCase(),
      status: 'succeeded' as const,
      inputs: { 'sys.query': 'hi "there"' },
      outputs: { text: 'ünïcode ✓', nested: { list: [1, null, true] } },
      error: null,
      elapsedMs: 4,
      inputTokens: index,
      outputTokens: index * 2,
      cached: index === 1,
      index,
    })),
    conversation: {
      id: conversationId,
      ...(options.newConversation === false ? {} : { create: { id: conversationId, appId, endUser: 'ann', name: 'hi', inputs: { city: 'Rome' }, createdAt: at } }),
    },
    message: { id: uuidV7(), conversationId, runId, query: 'hi "there"', answer: 'ünïcode ✓', inputs: {}, usage: { inputTokens: 3 }, retrievalSources: [], createdAt: at },
  };
}

describeBothDatabases('createTraceWriter', ({ services }) => {
  let app: SeededApp;
  beforeAll(async () => {
    const { prisma, secrets } = services();
    app = await seedApp(prisma, await seedWorkspace(prisma, secrets, 'http://127.0.0.1:9/v1'), { mode: 'chatflow', graph: chatGraph() });
  });

  it('stores a batch of runs, node runs, conversations and messages with their JSON, enums and times intact', async () => {
    const { prisma, logger } = services();
    const writer = createTraceWriter({ prisma, logger, flushIntervalMs: 10_000 });
    const traces = [chatTrace(app), chatTrace(app)];
    const written = Promise.all(traces.map((trace) => writer.write(trace)));
    expect(await prisma.run.count({ where: { id: traces[0]!.run.id } })).toBe(0); // queued until the flush
    await writer.flush();
    await written;
    const run = await prisma.run.findUniqueOrThrow({ where: { id: traces[0]!.run.id }, include: { nodeRuns: { orderBy: { index: 'asc' } }, message: true, conversation: true } });
    expect(run).toMatchObject({ status: 'succeeded', source: 'api', inputs: { city: 'Rome' }, error: null, elapsedMs: 12, endUser: 'ann', versionId: app.versionId });
    expect(run.createdAt.getTime()).toBe(traces[0]!.run.createdAt.getTime());
    expect(run.nodeRuns.map((node) => [node.nodeId, node.cached, node.outputTokens])).toEqual([
      ['start', false, 0],
      ['llm', true, 2],
    ]);
    expect(run.nodeRuns[1]?.outputs).toEqual({ text: 'ünïcode ✓', nested: { list: [1, null, true] } });
    expect(run.message).toMatchObject({ query: 'hi "there"', answer: 'ünïcode ✓', usage: { inputTokens: 3 }, feedback: null });
    expect(run.conversation).toMatchObject({ name: 'hi', endUser: 'ann', inputs: { city: 'Rome' }, deletedAt: null });
    await writer.close();
  });

  it('updates a reserved run row and touches an existing conversation instead of creating them', async () => {
    const { prisma, logger } = services();
    const writer = createTraceWriter({ prisma, logger, flushIntervalMs: 5 });
    const first = chatTrace(app, { at: Date.now() - 60_000 });
    await writer.write(first);
    const next = chatTrace(app, { conversationId: first.conversation!.id, newConversation: false });
    next.reserved = true;
    await prisma.run.create({ data: { id: next.run.id, appId: app.appId, source: 'api', idempotencyKey: 'reserved-1', createdAt: next.run.createdAt } });
    await writer.write(next);
    const stored = await prisma.run.findUniqueOrThrow({ where: { id: next.run.id } });
    expect(stored).toMatchObject({ status: 'succeeded', idempotencyKey: 'reserved-1', conversationId: first.conversation!.id, inputTokens: 3 });
    const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: first.conversation!.id }, include: { messages: true } });
    expect(conversation.messages).toHaveLength(2);
    expect(conversation.updatedAt.getTime()).toBeGreaterThan(conversation.createdAt.getTime());
    // As of the turn, not of the (late, batched) write: conversation order must not depend on flush timing.
    expect(conversation.updatedAt.getTime()).toBe(next.message!.createdAt.getTime());

    // A late trace of an older turn never moves the conversation back in time.
    const older = chatTrace(app, { conversationId: first.conversation!.id, newConversation: false, at: Date.now() - 30_000 });
    await writer.write(older);
    const after = await prisma.conversation.findUniqueOrThrow({ where: { id: first.conversation!.id } });
    expect(after.updatedAt.getTime()).toBe(next.message!.createdAt.getTime());
    await writer.close();
  });

  it('keeps the good traces of a batch when one of them cannot be stored, and logs the one it dropped', async () => {
    const { prisma, logger, logs } = services();
    const writer = createTraceWriter({ prisma, logger, flushIntervalMs: 10_000 });
    const good = [chatTrace(app), chatTrace(app)];
    const bad = chatTrace(app, { appId: 'no-such-app' }); // violates the runs → apps foreign key
    const written = Promise.all([writer.write(good[0]!), writer.write(bad), writer.write(good[1]!)]);
    await writer.flush();
    await written;
    expect(await prisma.run.count({ where: { id: { in: good.map((trace) => trace.run.id) } } })).toBe(2);
    expect(await prisma.run.count({ where: { id: bad.run.id } })).toBe(0);
    expect(logs.some((entry) => entry.level === 'error' && entry.fields?.runId === bad.run.id)).toBe(true);
    await writer.close();
  });
});
