import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InvalidationEvent } from '../../services/contracts';
import { describeBothDatabases } from '../../test-support/test-services';
import { seedWorkspaces, type SeededWorkspaces } from '../test-support/seed-workspaces';
import { expectTrpcError } from '../test-support/test-caller';

const graph = (answer: string, extra = false) => ({
  nodes: [
    { id: 'start', type: 'start', title: 'Start', data: { variables: [] } },
    { id: 'answer', type: 'answer', title: 'Answer', data: { answer } },
    ...(extra ? [{ id: 'tpl', type: 'template-transform', title: 'Format', data: { template: 'x', variables: [] } }] : []),
  ],
  edges: [{ source: 'start', target: 'answer' }, ...(extra ? [{ source: 'start', target: 'tpl' }] : [])],
});

describeBothDatabases('versions router', ({ services }) => {
  let seed: SeededWorkspaces;
  let appId: string;
  const events: InvalidationEvent[] = [];
  let unsubscribe: () => void = () => undefined;
  beforeAll(async () => {
    seed = await seedWorkspaces(services());
    appId = (await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'chatflow', name: 'Versioned' })).id;
    unsubscribe = services().bus.subscribe((event) => events.push(event));
  });
  afterAll(() => unsubscribe());

  it('refuses to publish a draft that does not compile, listing every problem', async () => {
    await seed.editor.caller.drafts.save({ appId, graph: graph('{{#ghost.text#}} and {{#start.nope#}}'), baseVersion: 1 });
    const error = await expectTrpcError(seed.editor.caller.versions.publish({ appId, note: 'broken' }), 'BAD_REQUEST', 'compile_failed');
    expect(error.message).toMatch(/^The draft has 2 problems and was not published: node "answer": .*ghost.*; node "answer": .*nope/);
    const problems = (error.cause as { details?: { problems?: unknown[] } }).details?.problems;
    expect(problems).toEqual([
      expect.objectContaining({ code: 'unknown_variable_node', nodeId: 'answer' }),
      expect.objectContaining({ code: 'unknown_output', nodeId: 'answer' }),
    ]);
    expect(await services().prisma.workflowVersion.count({ where: { appId } })).toBe(0);
    expect(events).toEqual([]);
  });

  it('publishes immutable numbered versions with a note and author, and announces each on the bus', async () => {
    await seed.editor.caller.drafts.save({ appId, graph: graph('v1: {{#sys.query#}}'), baseVersion: 2 });
    const first = await seed.editor.caller.versions.publish({ appId, note: 'First release' });
    expect(first).toMatchObject({ number: 1, note: 'First release', author: { id: seed.editor.id, name: 'Grace' } });
    expect(events).toEqual([{ type: 'app-published', appId }]);

    await seed.editor.caller.drafts.save({ appId, graph: graph('v2: {{#sys.query#}}'), baseVersion: 3 });
    const second = await seed.admin.caller.versions.publish({ appId });
    expect(second).toMatchObject({ number: 2, note: '', author: { id: seed.admin.id } });

    // Editing the draft afterwards leaves published versions as they were.
    await seed.editor.caller.drafts.save({ appId, graph: graph('draft: {{#sys.query#}}', true), baseVersion: 4 });
    const v1 = await seed.viewer.caller.versions.get({ appId, number: 1 });
    expect(v1.graph.nodes[1]?.data).toEqual({ answer: 'v1: {{#sys.query#}}' });
    expect((await seed.viewer.caller.versions.list({ appId })).map((version) => version.number)).toEqual([2, 1]);
    await expectTrpcError(seed.viewer.caller.versions.get({ appId, number: 9 }), 'NOT_FOUND', 'not_found');
  });

  it('gives concurrent publishes distinct consecutive numbers', async () => {
    const published = await Promise.all([1, 2, 3].map((index) => seed.editor.caller.versions.publish({ appId, note: `burst ${index}` })));
    expect(published.map((version) => version.number).sort()).toEqual([3, 4, 5]);
  });

  it('diffs two versions, and a version against the draft', async () => {
    const between = await seed.viewer.caller.versions.diff({ appId, from: 1, to: 2 });
    expect(between).toEqual({
      nodes: { added: [], removed: [], changed: [{ id: 'answer', type: 'answer', title: 'Answer', fields: ['data.answer'] }] },
      edges: { added: [], removed: [] },
    });
    const toDraft = await seed.viewer.caller.versions.diff({ appId, from: 2 });
    expect(toDraft.nodes.added).toEqual([{ id: 'tpl', type: 'template-transform', title: 'Format' }]);
    expect(toDraft.edges.added).toEqual([{ source: 'start', sourceHandle: 'source', target: 'tpl' }]);
    expect(toDraft.nodes.changed.map((node) => node.id)).toEqual(['answer']);
    await expectTrpcError(seed.viewer.caller.versions.diff({ appId, from: 1, to: 42 }), 'NOT_FOUND');
  });

  it('restores a version into the draft as a new draft version, so stale editors get a conflict', async () => {
    const before = await seed.editor.caller.drafts.get({ appId });
    const restored = await seed.admin.caller.versions.restore({ appId, number: 1 });
    expect(restored).toMatchObject({ version: before.version + 1, restoredFrom: 1 });
    const draft = await seed.viewer.caller.drafts.get({ appId });
    expect(draft).toMatchObject({ version: before.version + 1, updatedBy: { id: seed.admin.id } });
    expect(draft.graph).toEqual((await seed.viewer.caller.versions.get({ appId, number: 1 })).graph);
    expect(await seed.viewer.caller.versions.diff({ appId, from: 1, to: 'draft' })).toEqual({
      nodes: { added: [], removed: [], changed: [] },
      edges: { added: [], removed: [] },
    });
    await expectTrpcError(seed.editor.caller.drafts.save({ appId, graph: before.graph, baseVersion: before.version }), 'CONFLICT', 'draft_conflict');
  });

  it('lets viewers read versions but not publish or restore', async () => {
    await expectTrpcError(seed.viewer.caller.versions.publish({ appId, note: 'nope' }), 'FORBIDDEN', 'forbidden');
    await expectTrpcError(seed.viewer.caller.versions.restore({ appId, number: 1 }), 'FORBIDDEN', 'forbidden');
    await expectTrpcError(seed.editor.caller.versions.publish({ appId, note: 'x'.repeat(501) }), 'BAD_REQUEST');
  });
});
