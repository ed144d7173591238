import { fileProblem } from '../document-progress';

/** A file picked or dropped, waiting to be uploaded; `problem` says why it cannot go (it stays listed, greyed). */
export interface StagedFile<F extends { name: string; size: number } = File> {
  key: string;
  file: F;
  problem: string | undefined;
}

/** Adds newly picked files to the staged list; the same file (name and size) picked twice is listed once. */
export function stageFiles<F extends { name: string; size: number }>(staged: readonly StagedFile<F>[], picked: Iterable<F>, maxBytes?: number): StagedFile<F>[] {
  const next = [...staged];
  for (const file of picked) {
    const key = `${file.name}:${file.size}`;
    if (next.some((entry) => entry.key === key)) continue;
    next.push({ key, file, problem: fileProblem(file.name, file.size, maxBytes) });
  }
  return next;
}

const textExtensions = new Set(['txt', 'md', 'markdown', 'csv']);

/** Files whose chunks can be previewed in the browser (read as text); PDF, DOCX and HTML are parsed by the server. */
export function isPreviewable(name: string): boolean {
  return textExtensions.has(/\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '');
}
