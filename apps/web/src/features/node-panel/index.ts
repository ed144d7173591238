export { NodePanel } from './components/node-panel';
export { upstreamVariables, ancestorsOf, declaredOutputs } from './model/upstream-variables';
export { configIssues, closestFieldPath } from './model/config-issues';
