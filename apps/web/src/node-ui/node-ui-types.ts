import type { ComponentType } from 'react';
import type { OutputType } from '@weft/workflow-engine/spec';
import type { BuiltinNodeType } from './builtin-node-types';

export type AppMode = 'workflow' | 'chatflow';

/** A value a node may read: an upstream node's declared output, or a run-wide root (`sys.*`). */
export interface UpstreamVariable {
  selector: string[];
  /** Node id, or `sys` for system variables. */
  sourceId: string;
  sourceTitle: string;
  field: string;
  type: OutputType;
}

/** An outgoing handle of a node, with the label drawn next to it. */
export interface SourceHandle {
  id: string;
  label?: string;
}

/** Problems by field path inside the node's data (`promptTemplate.0.text`); `''` is the node as a whole. */
export type FieldIssues = ReadonlyMap<string, string>;

export interface NodeBodyProps {
  config: Record<string, unknown>;
}

export interface NodePanelProps {
  nodeId: string;
  config: Record<string, unknown>;
  /** Replaces the node's data; panels spread `config` so keys they do not edit (settings) are kept. */
  onChange(config: Record<string, unknown>): void;
  /** Upstream nodes' declared outputs and the run's system variables, nearest first. */
  upstream: UpstreamVariable[];
  issues: FieldIssues;
  readOnly: boolean;
}

/** Everything the canvas and the config panel need to know about one engine node type. */
export interface NodeUi {
  type: BuiltinNodeType;
  label: string;
  description: string;
  /** One or two characters drawn in the node's colour square. */
  glyph: string;
  /** Tailwind background class of the colour square. */
  accentClass: string;
  /** App modes the palette offers the type in. */
  modes: readonly AppMode[];
  /** False for start: nothing connects into it. */
  hasTarget: boolean;
  /** At most one per graph. */
  singleton?: boolean;
  /** Data of a freshly added node. */
  defaultConfig(mode: AppMode): Record<string, unknown>;
  /** Outgoing handles besides fail-branch; default one `source` handle. Must match the engine's `handles`. */
  branches?(config: Record<string, unknown>): SourceHandle[];
  /** A short summary drawn inside the node card (node.tsx). */
  Body: ComponentType<NodeBodyProps>;
  /** The type's config form (panel.tsx). */
  Panel: ComponentType<NodePanelProps>;
}
