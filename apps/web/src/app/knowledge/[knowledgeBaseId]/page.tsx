import { KnowledgeBasePage } from '../../../features/knowledge';
import { WorkspaceShell } from '../../../features/shell';

export const metadata = { title: 'Knowledge base · weft' };

export default async function Page({ params }: { params: Promise<{ knowledgeBaseId: string }> }) {
  const { knowledgeBaseId } = await params;
  return (
    <WorkspaceShell>
      <KnowledgeBasePage knowledgeBaseId={knowledgeBaseId} />
    </WorkspaceShell>
  );
}
