import { SessionGate } from '../../../features/session';
import { EditorScreen } from './editor-screen';

export const metadata = { title: 'Editor · weft' };

/** The workflow editor of one app: canvas, node panels, debug runs, publish and versions. */
export default async function EditorPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return (
    <SessionGate>
      <EditorScreen appId={appId} />
    </SessionGate>
  );
}
