import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InvalidationEvent } from '../../services/contracts';
import { checkGraph } from '../../services/drafts-service';
import { describeBothDatabases } from '../../test-support/test-services';
import { seedWorkspaces, type SeededWorkspaces } from '../test-support/seed-workspaces';
import { expectTrpcError } from '../test-support/test-caller';

const chatGraph = (answer: string) => ({
  nodes: [
    { id: 'start', type: 'start', title: 'Start', data: { variables: [] } },
    { id: 'answer', type: 'answer', title: 'Answer', data: { answer } },
  ],
  edges: [{ source: 'start', target: 'answer' }],
});

describeBothDatabases('apps and drafts routers', ({ services }) => {
  let seed: SeededWorkspaces;
  const events: InvalidationEvent[] = [];
  let unsubscribe: () => void = () => undefined;
  beforeAll(async () => {
    seed = await seedWorkspaces(services());
    unsubscribe = services().bus.subscribe((event) => events.push(event));
  });
  afterAll(() => unsubscribe());

  it('creates apps with a first draft that compiles: start → end for workflows, start → answer for chat', async () => {
    const workflow = await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'workflow', name: ' Summarise ', icon: '📝' });
    const chat = await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'chatflow', name: 'Support bot' });
    expect(workflow).toMatchObject({ name: 'Summarise', mode: 'workflow', icon: '📝', description: '', workspaceId: seed.workspaceId });

    const workflowDraft = await seed.viewer.caller.drafts.get({ appId: workflow.id });
    expect(workflowDraft).toMatchObject({ version: 1, updatedBy: { id: seed.editor.id, name: 'Grace' } });
    expect(workflowDraft.graph.nodes.map((node) => node.type)).toEqual(['start', 'end']);
    expect(checkGraph(workflowDraft.graph)).toEqual([]);
    const chatDraft = await seed.viewer.caller.drafts.get({ appId: chat.id });
    expect(chatDraft.graph.nodes.map((node) => node.type)).toEqual(['start', 'answer']);
    expect(checkGraph(chatDraft.graph)).toEqual([]);

    const listed = await seed.viewer.caller.apps.list({ workspaceId: seed.workspaceId });
    expect(listed.map((app) => app.name).sort()).toEqual(['Summarise', 'Support bot']);
    expect(await seed.outsider.caller.apps.list({ workspaceId: seed.otherWorkspaceId })).toEqual([]);
  });

  it('updates and deletes apps, telling every API process through the bus', async () => {
    const app = await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'workflow', name: 'Temporary' });
    expect(await seed.editor.caller.apps.update({ appId: app.id, description: 'Gone soon' })).toMatchObject({ name: 'Temporary', description: 'Gone soon' });
    expect(events).toContainEqual({ type: 'app-updated', appId: app.id });
    expect(events).not.toContainEqual({ type: 'app-published', appId: app.id });
    expect(await seed.viewer.caller.apps.get({ appId: app.id })).toMatchObject({ description: 'Gone soon' });

    await seed.editor.caller.apps.delete({ appId: app.id });
    expect(events).toContainEqual({ type: 'app-deleted', appId: app.id });
    expect(await services().prisma.workflowDraft.count({ where: { appId: app.id } })).toBe(0);
    await expectTrpcError(seed.editor.caller.apps.get({ appId: app.id }), 'NOT_FOUND', 'app_not_found');
  });

  it('keeps viewers read-only', async () => {
    const [app] = await seed.viewer.caller.apps.list({ workspaceId: seed.workspaceId });
    const draft = await seed.viewer.caller.drafts.get({ appId: app!.id });
    const error = await expectTrpcError(seed.viewer.caller.drafts.save({ appId: app!.id, graph: draft.graph, baseVersion: draft.version }), 'FORBIDDEN', 'forbidden');
    expect(error.message).toMatch(/You are a viewer .* needs the editor role/);
    await expectTrpcError(seed.viewer.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'workflow', name: 'Nope' }), 'FORBIDDEN');
    await expectTrpcError(seed.viewer.caller.apps.update({ appId: app!.id, name: 'Nope' }), 'FORBIDDEN');
    await expectTrpcError(seed.viewer.caller.apps.delete({ appId: app!.id }), 'FORBIDDEN');
    expect((await seed.viewer.caller.drafts.get({ appId: app!.id })).version).toBe(draft.version);
  });

  it('rejects bad input with every bad field named', async () => {
    const error = await expectTrpcError(seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'agent' as 'workflow', name: '' }), 'BAD_REQUEST');
    expect(error.message).toMatch(/mode: .*; name: is required/);
    const app = await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'chatflow', name: 'Shapes' });
    const bad = await expectTrpcError(
      seed.editor.caller.drafts.save({ appId: app.id, graph: { nodes: [{ type: 'start' }], edges: [] } as never, baseVersion: 0 }),
      'BAD_REQUEST',
    );
    expect(bad.message).toContain('graph.nodes.0.id');
    expect(bad.message).toContain('baseVersion');
  });

  it('saves when the base version is current, and reports compile problems without blocking the save', async () => {
    const app = await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'chatflow', name: 'Echo' });
    const saved = await seed.editor.caller.drafts.save({ appId: app.id, graph: chatGraph('You said: {{#sys.query#}}'), baseVersion: 1 });
    expect(saved).toMatchObject({ version: 2, problems: [] });

    const broken = await seed.editor.caller.drafts.save({ appId: app.id, graph: chatGraph('{{#missing.text#}}'), baseVersion: 2 });
    expect(broken.version).toBe(3);
    expect(broken.problems).toEqual([expect.objectContaining({ code: 'unknown_variable_node', nodeId: 'answer' })]);
    const draft = await seed.viewer.caller.drafts.get({ appId: app.id });
    expect(draft).toMatchObject({ version: 3, updatedBy: { id: seed.editor.id } });
    expect(draft.graph.nodes[1]?.data).toEqual({ answer: '{{#missing.text#}}' });
  });

  it('rejects the second of two saves from the same base version, saying who saved and when', async () => {
    const app = await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'chatflow', name: 'Contested' });
    const first = await seed.editor.caller.drafts.save({ appId: app.id, graph: chatGraph('first'), baseVersion: 1 });
    const error = await expectTrpcError(seed.admin.caller.drafts.save({ appId: app.id, graph: chatGraph('second'), baseVersion: 1 }), 'CONFLICT', 'draft_conflict');

    const at = first.updatedAt;
    const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')} UTC`;
    expect(error.message).toBe(`Saved by Grace at ${time} (version 2); reload or overwrite`);
    expect((error.cause as { details?: unknown }).details).toEqual({
      baseVersion: 1,
      currentVersion: 2,
      savedBy: { id: seed.editor.id, name: 'Grace' },
      savedAt: at.toISOString(),
    });
    const stored = await seed.viewer.caller.drafts.get({ appId: app.id });
    expect(stored.graph.nodes[1]?.data).toEqual({ answer: 'first' });

    // "Overwrite" is a save on top of the version the conflict reported.
    expect(await seed.admin.caller.drafts.save({ appId: app.id, graph: chatGraph('second'), baseVersion: 2 })).toMatchObject({ version: 3 });
  });

  it('lets exactly one of two simultaneous saves from one base version win', async () => {
    const app = await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'chatflow', name: 'Race' });
    const results = await Promise.allSettled([
      seed.editor.caller.drafts.save({ appId: app.id, graph: chatGraph('editor'), baseVersion: 1 }),
      seed.admin.caller.drafts.save({ appId: app.id, graph: chatGraph('admin'), baseVersion: 1 }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = results[0]?.status === 'fulfilled' ? 'editor' : 'admin';
    const stored = await seed.viewer.caller.drafts.get({ appId: app.id });
    expect(stored).toMatchObject({ version: 2 });
    expect(stored.graph.nodes[1]?.data).toEqual({ answer: winner });
  });
});
