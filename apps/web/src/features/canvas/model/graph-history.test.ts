import { describe, expect, it } from 'vitest';
import { emptyHistory, historyLimit, recordStep, redoStep, undoStep } from './graph-history';
import type { FlowGraph } from './flow-types';

const graphWith = (...ids: string[]): FlowGraph => ({ nodes: ids.map((id) => ({ id, type: 'llm', position: { x: 0, y: 0 }, data: { title: id, config: {} } })), edges: [] });
const ids = (graph: FlowGraph | undefined) => graph?.nodes.map((node) => node.id);

describe('graph history', () => {
  it('undoes and redoes steps in order, and a new step clears redo', () => {
    let history = recordStep(emptyHistory(), graphWith('a'), 0);
    history = recordStep(history, graphWith('a', 'b'), 5000);
    const undone = undoStep(history, graphWith('a', 'b', 'c'));
    expect(ids(undone?.graph)).toEqual(['a', 'b']);
    const undoneTwice = undoStep(undone!.history, undone!.graph);
    expect(ids(undoneTwice?.graph)).toEqual(['a']);
    expect(undoStep(undoneTwice!.history, undoneTwice!.graph)).toBeUndefined();
    const redone = redoStep(undoneTwice!.history, undoneTwice!.graph);
    expect(ids(redone?.graph)).toEqual(['a', 'b']);
    expect(recordStep(redone!.history, redone!.graph, 9000).future).toEqual([]);
  });

  it('coalesces same-key edits within a second into one step, and strips selection from snapshots', () => {
    const selected: FlowGraph = { nodes: [{ id: 'a', position: { x: 0, y: 0 }, data: { title: 'a', config: {} }, selected: true }], edges: [] };
    let history = recordStep(emptyHistory(), selected, 0, 'config:a');
    history = recordStep(history, graphWith('x'), 500, 'config:a');
    history = recordStep(history, graphWith('y'), 900, 'config:a');
    expect(history.past).toHaveLength(1);
    expect(history.past[0]?.nodes[0]?.selected).toBe(false);
    history = recordStep(history, graphWith('z'), 2500, 'config:a');
    expect(history.past).toHaveLength(2);
  });

  it(`keeps at most ${historyLimit} steps`, () => {
    let history = emptyHistory();
    for (let step = 0; step < historyLimit + 20; step++) history = recordStep(history, graphWith(`n${step}`), step * 2000);
    expect(history.past).toHaveLength(historyLimit);
    expect(ids(history.past[0])).toEqual(['n20']);
  });
});
