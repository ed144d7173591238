import { ApiAccessPage } from '../../../features/api-access';
import { WorkspaceShell } from '../../../features/shell';

export const metadata = { title: 'API access · weft' };

export default async function Page({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return (
    <WorkspaceShell>
      <ApiAccessPage appId={appId} />
    </WorkspaceShell>
  );
}
