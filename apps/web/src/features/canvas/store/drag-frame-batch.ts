import type { NodeChange } from '@xyflow/react';
import type { FlowNode } from '../model/flow-types';

/** Runs a callback before the next paint (requestAnimationFrame in the browser). */
export type ScheduleFrame = (callback: () => void) => void;

/** requestAnimationFrame where there is one; elsewhere (server render, tests without a scheduler) the next macrotask. */
export const nextAnimationFrame: ScheduleFrame = (callback) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 0);
};

/** A position change React Flow sends for every pointer move while a node is dragged. */
export function isDragFrame(change: NodeChange<FlowNode>): boolean {
  return change.type === 'position' && change.dragging === true;
}

/**
 * Collects drag moves and applies them once per frame, keeping only each node's latest position. The pointer can
 * report several moves per frame; applying each would re-render the canvas for positions nobody ever sees.
 * `flush()` applies what is pending now: call it before any other change so the order of edits is kept.
 */
export function createDragFrameBatch(apply: (changes: NodeChange<FlowNode>[]) => void, scheduleFrame: ScheduleFrame) {
  let pending = new Map<string, NodeChange<FlowNode>>();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (pending.size === 0) return;
    const changes = [...pending.values()];
    pending = new Map();
    apply(changes);
  };

  return {
    push(changes: readonly NodeChange<FlowNode>[]) {
      for (const change of changes) if (change.type === 'position') pending.set(change.id, change);
      if (!scheduled) {
        scheduled = true;
        scheduleFrame(flush);
      }
    },
    flush,
    get pendingCount() {
      return pending.size;
    },
  };
}
