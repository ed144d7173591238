import type { Workflow } from '@weft/workflow-engine/spec';

/**
 * The graph a new app starts with: the smallest one that compiles and runs. A workflow takes one text input and
 * returns it (start → end); a chatflow echoes the user's message (start → answer).
 */
export function initialGraph(mode: 'workflow' | 'chatflow'): Workflow {
  if (mode === 'workflow') {
    return {
      nodes: [
        {
          id: 'start',
          type: 'start',
          title: 'Start',
          data: { variables: [{ variable: 'input', label: 'Input', type: 'paragraph', required: false }] },
          position: { x: 80, y: 240 },
        },
        { id: 'end', type: 'end', title: 'End', data: { outputs: [{ variable: 'output', valueSelector: ['start', 'input'] }] }, position: { x: 400, y: 240 } },
      ],
      edges: [{ id: 'start-end', source: 'start', sourceHandle: 'source', target: 'end' }],
    };
  }
  return {
    nodes: [
      { id: 'start', type: 'start', title: 'Start', data: { variables: [] }, position: { x: 80, y: 240 } },
      { id: 'answer', type: 'answer', title: 'Answer', data: { answer: '{{#sys.query#}}' }, position: { x: 400, y: 240 } },
    ],
    edges: [{ id: 'start-answer', source: 'start', sourceHandle: 'source', target: 'answer' }],
  };
}
