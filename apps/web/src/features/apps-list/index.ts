export { AppsList } from './apps-list';
export type { AppSummary } from './app-card';
