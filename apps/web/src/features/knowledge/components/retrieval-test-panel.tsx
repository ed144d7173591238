'use client';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../lib/describe-error';
import { formatDuration } from '../../../lib/format';
import { useTRPC } from '../../../lib/trpc';
import { Button, Field, Input, Select, TextArea } from '../../../ui';
import { RetrievalHitCard } from './retrieval-hit-card';
import { defaultRetrievalTestForm, retrievalModeLabels, retrievalModes, toRetrievalTestInput, type RetrievalTestForm } from '../model/retrieval-test-form';

/** Ask the knowledge base a question and see what a retrieval node would get: passages, scores, documents. */
export function RetrievalTestPanel({ knowledgeBaseId }: { knowledgeBaseId: string }) {
  const trpc = useTRPC();
  const [form, setForm] = useState<RetrievalTestForm>(defaultRetrievalTestForm);
  const [problems, setProblems] = useState<Partial<Record<keyof RetrievalTestForm, string>>>({});
  const search = useMutation(trpc.knowledge.retrievalTest.mutationOptions());
  const set = <K extends keyof RetrievalTestForm>(key: K, value: RetrievalTestForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toRetrievalTestInput(knowledgeBaseId, form);
    setProblems(result.ok ? {} : result.problems);
    if (result.ok) search.mutate(result.input);
  };

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[22rem_1fr]" data-testid="retrieval-test">
      <form onSubmit={submit} className="flex flex-col gap-3 self-start rounded-lg border border-slate-200 bg-white p-4">
        <Field label="Query" error={problems.query}>
          {(id) => (
            <TextArea
              id={id}
              rows={4}
              value={form.query}
              placeholder="What would a user ask?"
              onChange={(event) => set('query', event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit(event);
              }}
              data-testid="retrieval-test-query"
            />
          )}
        </Field>
        <Field label="Mode" error={problems.mode}>
          {(id) => (
            <Select id={id} value={form.mode} onChange={(event) => set('mode', event.target.value as RetrievalTestForm['mode'])} data-testid="retrieval-test-mode">
              {retrievalModes.map((mode) => (
                <option key={mode} value={mode}>
                  {retrievalModeLabels[mode]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Top K" error={problems.topK}>
            {(id) => <Input id={id} type="number" min={1} max={50} value={Number.isNaN(form.topK) ? '' : form.topK} onChange={(event) => set('topK', event.target.valueAsNumber)} data-testid="retrieval-test-top-k" />}
          </Field>
          <Field label="Min score (0–1)" error={problems.scoreThreshold}>
            {(id) => <Input id={id} inputMode="decimal" placeholder="none" value={form.scoreThreshold} onChange={(event) => set('scoreThreshold', event.target.value)} data-testid="retrieval-test-threshold" />}
          </Field>
        </div>
        <Button type="submit" busy={search.isPending} data-testid="retrieval-test-submit">
          Test retrieval
        </Button>
      </form>
      <section className="flex min-w-0 flex-col gap-2" aria-live="polite">
        {search.error ? (
          <p className="rounded-md bg-red-50 p-3 text-sm text-red-700" role="alert" data-testid="retrieval-test-error">
            {describeError(search.error)}
          </p>
        ) : search.data ? (
          <>
            <p className="text-xs text-slate-500" data-testid="retrieval-test-summary">
              {search.data.hits.length} {search.data.hits.length === 1 ? 'hit' : 'hits'} in {formatDuration(search.data.elapsedMs)}
            </p>
            {search.data.hits.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500" data-testid="retrieval-test-no-hits">
                Nothing matched. Try other words, keyword or hybrid mode, a lower minimum score, or check that the documents finished indexing.
              </p>
            ) : (
              <ol className="flex flex-col gap-2" data-testid="retrieval-hits">
                {search.data.hits.map((hit, index) => (
                  <RetrievalHitCard key={hit.source.segmentId} hit={hit} rank={index + 1} />
                ))}
              </ol>
            )}
          </>
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">Hits appear here with their score and the document they come from.</p>
        )}
      </section>
    </div>
  );
}
