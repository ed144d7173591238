export { MembersSettings } from './members-settings';
export { ProvidersSettings } from './providers-settings';
export { SettingsLayout } from './settings-tabs';
export { assignableRoles, roleDescriptions, workspaceRoles } from './roles';
