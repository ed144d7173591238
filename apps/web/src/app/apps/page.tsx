import { AppsList } from '../../features/apps-list';
import { WorkspaceShell } from '../../features/shell';

export const metadata = { title: 'Apps · weft' };

export default function AppsPage() {
  return (
    <WorkspaceShell>
      <AppsList />
    </WorkspaceShell>
  );
}
