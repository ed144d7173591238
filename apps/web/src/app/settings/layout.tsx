import type { ReactNode } from 'react';
import { SettingsLayout } from '../../features/settings';
import { WorkspaceShell } from '../../features/shell';

export default function Layout({ children }: { children: ReactNode }) {
  return (
    <WorkspaceShell>
      <SettingsLayout>{children}</SettingsLayout>
    </WorkspaceShell>
  );
}
