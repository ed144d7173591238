import type { RunEvent } from '../../spec/events';

/** One line per event, terse enough to read a whole run in a golden file. */
export function traceLine(event: RunEvent): string {
  switch (event.type) {
    case 'run-started':
    case 'run-finished':
      return event.type;
    case 'run-failed':
      return `run-failed ${event.error.code}`;
    case 'node-started':
      return `start ${event.nodeId} #${event.attempt}`;
    case 'text-chunk':
      return `text ${event.nodeId} ${JSON.stringify(event.text)}`;
    case 'node-finished': {
      const parts = ['finish', event.nodeId, event.status];
      if (event.handle !== undefined) parts.push(event.handle);
      if (event.retries > 0) parts.push(`retries=${event.retries}`);
      if (event.error) parts.push(`error=${event.error.code}`);
      return parts.join(' ');
    }
  }
}

/** Checks what must hold for every run, whatever the graph: framing, pairing, one finish per node. */
export function structuralViolations(events: RunEvent[]): string[] {
  const violations: string[] = [];
  if (events[0]?.type !== 'run-started') violations.push('first event is not run-started');
  const last = events[events.length - 1]?.type;
  if (last !== 'run-finished' && last !== 'run-failed') violations.push('last event is not run-finished or run-failed');
  const started = new Set<string>();
  const finished = new Set<string>();
  for (const event of events.slice(1, -1)) {
    if (event.type === 'run-started' || event.type === 'run-finished' || event.type === 'run-failed') violations.push(`${event.type} in the middle`);
    if (event.type === 'node-started') {
      if (finished.has(event.nodeId)) violations.push(`${event.nodeId} started after it finished`);
      started.add(event.nodeId);
    }
    if (event.type === 'node-finished') {
      if (finished.has(event.nodeId)) violations.push(`${event.nodeId} finished twice`);
      if (event.status !== 'skipped' && !started.has(event.nodeId)) violations.push(`${event.nodeId} finished without starting`);
      if (event.status === 'skipped' && started.has(event.nodeId)) violations.push(`${event.nodeId} was skipped after starting`);
      finished.add(event.nodeId);
    }
  }
  for (const nodeId of started) if (!finished.has(nodeId)) violations.push(`${nodeId} started but never finished`);
  return violations;
}
