'use client';

import { useState } from 'react';
import { CopyButton } from '../../ui';
import type { Snippet } from './snippets';

export function SnippetTabs({ snippets }: { snippets: Snippet[] }) {
  const [selectedId, setSelectedId] = useState<Snippet['id']>('curl');
  const selected = snippets.find((snippet) => snippet.id === selectedId) ?? snippets[0];
  if (!selected) return null;
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200" data-testid="snippets">
      <div className="flex items-center gap-1 border-b border-slate-200 bg-slate-50 px-2 py-1">
        {snippets.map((snippet) => (
          <button
            key={snippet.id}
            type="button"
            onClick={() => setSelectedId(snippet.id)}
            data-testid={`snippet-tab-${snippet.id}`}
            aria-pressed={snippet.id === selected.id}
            className={`rounded px-2 py-1 text-xs ${snippet.id === selected.id ? 'bg-white font-medium shadow-xs' : 'text-slate-500 hover:text-slate-800'}`}
          >
            {snippet.label}
          </button>
        ))}
        <CopyButton className="ml-auto" text={selected.code} data-testid="snippet-copy" />
      </div>
      <pre className="overflow-x-auto bg-slate-900 p-4 text-xs leading-relaxed text-slate-100" data-testid={`snippet-${selected.id}`}>
        <code>{selected.code}</code>
      </pre>
    </div>
  );
}
