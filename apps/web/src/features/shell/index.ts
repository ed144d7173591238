export { AppHeader } from './app-header';
export { PageHeader, WorkspaceShell, type WorkspaceShellProps } from './workspace-shell';
