import { KnowledgeBasesList } from '../../features/knowledge';
import { WorkspaceShell } from '../../features/shell';

export const metadata = { title: 'Knowledge · weft' };

export default function KnowledgePage() {
  return (
    <WorkspaceShell>
      <KnowledgeBasesList />
    </WorkspaceShell>
  );
}
