/** A knowledge base as the retrieval node's picker shows it. */
export interface KnowledgeBaseOption {
  id: string;
  name: string;
  description?: string;
  documentCount?: number;
}

export interface KnowledgeBaseChoices {
  /** Every base of the workspace, selected ones marked, in the workspace's order. */
  options: Array<KnowledgeBaseOption & { selected: boolean }>;
  /** Selected ids no longer in the workspace (deleted, or from another workspace): the node would fail on them. */
  missing: string[];
}

export function knowledgeBaseChoices(selectedIds: readonly string[], available: readonly KnowledgeBaseOption[]): KnowledgeBaseChoices {
  const known = new Set(available.map((base) => base.id));
  return {
    options: available.map((base) => ({ ...base, selected: selectedIds.includes(base.id) })),
    missing: selectedIds.filter((id) => !known.has(id)),
  };
}

/** The node card's summary: names of the selected bases, ids for unknown ones. */
export function selectedNames(selectedIds: readonly string[], available: readonly KnowledgeBaseOption[] | undefined): string[] {
  return selectedIds.map((id) => available?.find((base) => base.id === id)?.name ?? id);
}

/** Toggles one base, keeping the order the user picked them in. */
export function toggleKnowledgeBase(selectedIds: readonly string[], id: string, on: boolean): string[] {
  const without = selectedIds.filter((existing) => existing !== id);
  return on ? [...without, id] : without;
}
