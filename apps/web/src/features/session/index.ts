export { HomeRedirect } from './home-redirect';
export { safeNextPath } from './safe-next-path';
export { SessionGate } from './session-gate';
export { SetupForm } from './setup-form';
export { SignInForm } from './sign-in-form';
export { SignOutButton } from './sign-out-button';
export { hasRole, useSession, type Me, type WorkspaceRole, type WorkspaceSummary } from './use-session';
export { useWorkspace, type WorkspaceContextValue } from './workspace-context';
