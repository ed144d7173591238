/** Event types of a debug run of the seeded start → answer chat draft, in order, over any transport. */
export const startAnswerDebugRunEventTypes = [
  'debug-run-started',
  'run-started',
  'node-started',
  'node-finished',
  'node-started',
  'text-chunk',
  'node-finished',
  'run-finished',
];
