import { z } from 'zod';
import type { RetrievalTestInput } from '../knowledge-types';

export const retrievalModes = ['hybrid', 'vector', 'keyword'] as const;

export const retrievalModeLabels: Record<(typeof retrievalModes)[number], string> = {
  hybrid: 'Hybrid (vector + keyword)',
  vector: 'Vector (meaning)',
  keyword: 'Keyword (BM25)',
};

/** What the retrieval test panel edits; the threshold is text so it can be left empty (no threshold). */
export interface RetrievalTestForm {
  query: string;
  mode: RetrievalTestInput['mode'];
  topK: number;
  scoreThreshold: string;
}

export const defaultRetrievalTestForm: RetrievalTestForm = { query: '', mode: 'hybrid', topK: 4, scoreThreshold: '' };

const formSchema = z.object({
  query: z.string().trim().min(1, 'Type a question or some words to search for.').max(2000, 'Keep the query under 2,000 characters.'),
  mode: z.enum(retrievalModes),
  topK: z.number({ error: 'Enter how many passages to return (1–50).' }).int('Top K is a whole number.').min(1, 'Top K is at least 1.').max(50, 'Top K is at most 50.'),
  scoreThreshold: z
    .string()
    .trim()
    .transform((text) => (text === '' ? undefined : Number(text)))
    .pipe(z.number({ error: 'The minimum score is a number between 0 and 1, or empty.' }).min(0, 'The minimum score is at least 0.').max(1, 'The minimum score is at most 1.').optional()),
});

export type RetrievalTestFormResult = { ok: true; input: RetrievalTestInput } | { ok: false; problems: Partial<Record<keyof RetrievalTestForm, string>> };

export function toRetrievalTestInput(knowledgeBaseId: string, form: RetrievalTestForm): RetrievalTestFormResult {
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) {
    const problems: Partial<Record<keyof RetrievalTestForm, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof RetrievalTestForm;
      problems[field] ??= issue.message;
    }
    return { ok: false, problems };
  }
  const { query, mode, topK, scoreThreshold } = parsed.data;
  return { ok: true, input: { knowledgeBaseId, query, mode, topK, ...(scoreThreshold === undefined ? {} : { scoreThreshold }) } };
}

/** Scores are 0..1 for the built-in modes; shown with two decimals. */
export function formatScore(score: number): string {
  return Number.isFinite(score) ? score.toFixed(2) : '—';
}
