import type { NodeTypes } from '@xyflow/react';
import { nodeUis } from '../../../node-ui';
import { createFlowNodeComponent } from './flow-node';

/** React Flow's component per node type; built once so React Flow never sees a new map. */
export const flowNodeTypes: NodeTypes = Object.fromEntries(Object.values(nodeUis).map((ui) => [ui.type, createFlowNodeComponent(ui)]));
