import type { RetrievalQuery } from '@weft/workflow-engine/spec';
import type { KnowledgeRetriever } from '../src/retrieval/create-knowledge-retriever';
import type { LabelledQuestion } from './labelled-set';

export interface RecallFigures {
  recall: number;
  /** Recall per question language and kind (`en`, `zh`, `paraphrase`, `exact`, `plain`). */
  byGroup: Record<string, number>;
  missed: string[];
}

/** Recall@k: the share of questions whose labelled document is among the documents of the top k hits. */
export async function measureRecall(options: {
  retriever: KnowledgeRetriever;
  knowledgeBaseId: string;
  questions: LabelledQuestion[];
  mode: RetrievalQuery['mode'];
  k: number;
}): Promise<RecallFigures> {
  const found = new Map<string, boolean>();
  for (const question of options.questions) {
    const hits = await options.retriever.retrieve({ knowledgeBaseIds: [options.knowledgeBaseId], query: question.question, topK: options.k, mode: options.mode });
    found.set(question.id, hits.some((hit) => hit.source.documentId === question.document));
  }
  const share = (questions: LabelledQuestion[]) => (questions.length === 0 ? Number.NaN : questions.filter((question) => found.get(question.id)).length / questions.length);
  const byGroup: Record<string, number> = {};
  for (const group of ['en', 'zh', 'paraphrase', 'exact', 'plain']) {
    byGroup[group] = share(options.questions.filter((question) => question.language === group || question.kind === group));
  }
  return { recall: share(options.questions), byGroup, missed: options.questions.filter((question) => !found.get(question.id)).map((question) => question.id) };
}
