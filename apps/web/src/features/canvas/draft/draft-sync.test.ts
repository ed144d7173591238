import { describe, expect, it } from 'vitest';
import type { Workflow } from '@weft/workflow-engine/spec';
import { createEditor } from '../store/editor-context';
import { createDraftSync, type DraftApi } from './draft-sync';

/** The conditional save of drafts-service (update only when the version matches), kept in memory. */
class DraftServer implements DraftApi {
  saves = 0;
  constructor(
    public graph: Workflow,
    public version = 1,
  ) {}
  async load() {
    return { graph: structuredClone(this.graph), version: this.version };
  }
  async save(graph: Workflow, baseVersion: number) {
    if (baseVersion !== this.version) {
      const error = Object.assign(new Error('Saved by Ada at 10:00 UTC (version 2); reload or overwrite'), {
        data: { domainCode: 'draft_conflict', details: { baseVersion, currentVersion: this.version, savedBy: { id: 'u1', name: 'Ada' }, savedAt: '2025-01-01T10:00:00.000Z' } },
      });
      throw error;
    }
    this.saves++;
    this.graph = structuredClone(graph);
    this.version++;
    return { version: this.version, problems: [] };
  }
}

const base: Workflow = {
  nodes: [
    { id: 'start', type: 'start', title: 'Start', data: { variables: [] }, position: { x: 0, y: 0 } },
    { id: 'answer', type: 'answer', title: 'Answer', data: { answer: 'hi' }, position: { x: 300, y: 0 } },
  ],
  edges: [{ id: 'e', source: 'start', sourceHandle: 'source', target: 'answer' }],
};

async function openEditor(server: DraftServer) {
  const editor = createEditor('app', 'chatflow');
  const sync = createDraftSync(server, editor, 5);
  await sync.start();
  return { editor, sync };
}

const titles = (graph: Workflow) => Object.fromEntries(graph.nodes.map((node) => [node.id, node.title]));

describe('createDraftSync', () => {
  it('loads the draft, saves edits with the loaded version as base, and advances it', async () => {
    const server = new DraftServer(structuredClone(base));
    const { editor, sync } = await openEditor(server);
    expect(editor.store.getState().nodes.map((node) => node.id)).toEqual(['start', 'answer']);
    expect(sync.state.getState()).toMatchObject({ status: 'saved', version: 1 });
    editor.actions.updateTitle('answer', 'Reply');
    expect(sync.state.getState().status).toBe('dirty');
    await sync.flush();
    expect(sync.state.getState()).toMatchObject({ status: 'saved', version: 2 });
    expect(titles(server.graph).answer).toBe('Reply');
    sync.stop();
  });

  it('stops on a conflict with who and when, keeps the local edit, and "keep both" saves both edits', async () => {
    const server = new DraftServer(structuredClone(base));
    const first = await openEditor(server);
    const second = await openEditor(server);
    first.editor.actions.updateTitle('start', 'Begin');
    await first.sync.flush();
    second.editor.actions.updateTitle('answer', 'Reply');
    await second.sync.flush();
    const conflicted = second.sync.state.getState();
    expect(conflicted.status).toBe('conflict');
    expect(conflicted.conflict).toMatchObject({ savedBy: 'Ada', currentVersion: 2 });
    expect(second.editor.store.getState().nodes.find((node) => node.id === 'answer')?.data.title).toBe('Reply');
    // Further edits do not save while the conflict is open.
    second.editor.actions.updateTitle('answer', 'Reply!');
    await second.sync.flush();
    expect(server.version).toBe(2);
    await second.sync.keepBoth();
    expect(second.sync.state.getState()).toMatchObject({ status: 'saved', version: 3, mergeConflicts: [] });
    expect(titles(server.graph)).toEqual({ start: 'Begin', answer: 'Reply!' });
    first.sync.stop();
    second.sync.stop();
  });

  it('"reload" takes their draft and keeps mine one undo away; "overwrite" saves mine on top of theirs', async () => {
    const server = new DraftServer(structuredClone(base));
    const first = await openEditor(server);
    const second = await openEditor(server);
    first.editor.actions.updateTitle('answer', 'Theirs');
    await first.sync.flush();
    second.editor.actions.updateTitle('answer', 'Mine');
    await second.sync.flush();
    await second.sync.reload();
    expect(second.editor.store.getState().nodes.find((node) => node.id === 'answer')?.data.title).toBe('Theirs');
    second.editor.actions.undo();
    expect(second.editor.store.getState().nodes.find((node) => node.id === 'answer')?.data.title).toBe('Mine');

    first.editor.actions.updateTitle('start', 'Again theirs');
    await first.sync.flush();
    await second.sync.flush();
    expect(second.sync.state.getState().status).toBe('conflict');
    await second.sync.overwrite();
    expect(second.sync.state.getState().status).toBe('saved');
    expect(titles(server.graph)).toEqual({ start: 'Start', answer: 'Mine' });
    first.sync.stop();
    second.sync.stop();
  });
});
