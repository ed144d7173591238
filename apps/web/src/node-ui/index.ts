export { builtinDefinitions, builtinNodeTypes, definitionOf, isBuiltinNodeType, type BuiltinNodeType } from './builtin-node-types';
export { nodeUis, nodeUiOf, sourceHandlesOf } from './node-uis';
export type { AppMode, FieldIssues, NodeBodyProps, NodePanelProps, NodeUi, SourceHandle, UpstreamVariable } from './node-ui-types';
export { FieldIssuesProvider, Field, NumberInput, PanelSection, SelectInput, SmallButton, TextInput, Toggle, fieldTestId } from './shared/form-controls';
export { PanelOptionsProvider, usePanelOptions, type PanelOptions } from './shared/panel-options';
export { VariablePicker } from './shared/variable-picker';
export { TemplateEditor } from './shared/template-editor';
export { insertReference } from './shared/insert-reference';
export { readStartDraft, type StartVariableDraft } from './start/draft';
