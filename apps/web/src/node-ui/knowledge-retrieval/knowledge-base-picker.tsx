'use client';
import Link from 'next/link';
import { routes } from '../../lib/routes';
import { SmallButton } from '../shared/form-controls';
import { knowledgeBaseChoices, toggleKnowledgeBase } from './knowledge-base-choices';
import { useKnowledgeBaseOptions } from './use-knowledge-base-options';

interface KnowledgeBasePickerProps {
  id: string;
  value: string[];
  readOnly: boolean;
  onChange(knowledgeBaseIds: string[]): void;
}

/** Check the workspace's knowledge bases to search; selected ones that no longer exist are flagged for removal. */
export function KnowledgeBasePicker({ id, value, readOnly, onChange }: KnowledgeBasePickerProps) {
  const { options, error } = useKnowledgeBaseOptions();
  if (options === undefined) {
    return <p className="text-xs text-slate-400">{error ? 'Could not load the knowledge bases; reopen the panel to try again.' : 'Loading knowledge bases…'}</p>;
  }
  const { options: choices, missing } = knowledgeBaseChoices(value, options);
  return (
    <div id={id} role="group" className="flex flex-col gap-1.5" data-testid="retrieval-knowledge-bases">
      {choices.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-2 text-xs text-slate-500">
          No knowledge bases yet.{' '}
          <Link href={routes.knowledge} className="text-brand-600 hover:underline">
            Create one under Knowledge
          </Link>
          , then pick it here.
        </p>
      ) : (
        choices.map((base) => (
          <label
            key={base.id}
            className={`flex cursor-pointer items-start gap-2 rounded border px-2 py-1.5 text-sm ${base.selected ? 'border-brand-500 bg-brand-50' : 'border-slate-200 hover:border-slate-300'}`}
          >
            <input
              type="checkbox"
              className="mt-0.5"
              checked={base.selected}
              disabled={readOnly}
              data-testid={`retrieval-knowledge-base-${base.name}`}
              data-knowledge-base-id={base.id}
              onChange={(event) => onChange(toggleKnowledgeBase(value, base.id, event.target.checked))}
            />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-slate-800">{base.name}</span>
              {(base.description || base.documentCount !== undefined) && (
                <span className="block truncate text-xs text-slate-500">
                  {base.documentCount !== undefined ? `${base.documentCount} docs` : ''}
                  {base.description && base.documentCount !== undefined ? ' · ' : ''}
                  {base.description}
                </span>
              )}
            </span>
          </label>
        ))
      )}
      {missing.map((missingId) => (
        <div key={missingId} className="flex items-center gap-2 rounded bg-red-50 px-2 py-1 text-xs text-red-700" data-testid="retrieval-missing-knowledge-base">
          <span className="min-w-0 flex-1 truncate">Knowledge base {missingId} no longer exists.</span>
          {!readOnly && (
            <SmallButton tone="danger" onClick={() => onChange(value.filter((existing) => existing !== missingId))}>
              Remove
            </SmallButton>
          )}
        </div>
      ))}
    </div>
  );
}
