export { compile } from './compile';
export { execute, runToCompletion, type RunExecution } from './execute';
export type { AnswerSegment, AnswerStreamPlan, CompileResult, Plan, PlanEdge, PlanInput, PlanNode } from './plan';
