import { RunsList } from '../../../features/runs-list';
import { WorkspaceShell } from '../../../features/shell';

export const metadata = { title: 'Runs · weft' };

export default async function Page({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return (
    <WorkspaceShell>
      <RunsList appId={appId} />
    </WorkspaceShell>
  );
}
