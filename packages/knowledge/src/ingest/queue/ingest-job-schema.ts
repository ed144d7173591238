import { z } from 'zod';
import { chunkSettingsSchema, KnowledgeError, type IngestJob } from '../../spec';

/** An IngestJob as it crosses a queue: checked on enqueue, and again when a worker reads it back from Redis. */
export const ingestJobSchema = z.object({
  knowledgeBaseId: z.string().min(1),
  documentId: z.string().min(1),
  documentName: z.string(),
  kind: z.string().min(1),
  tags: z.array(z.string()),
  chunkSettings: chunkSettingsSchema,
  embeddingModel: z.string().regex(/^[^:]+:.+$/, 'expected "provider:model"'),
}) satisfies z.ZodType<IngestJob, unknown>;

/** Validates a job (defaults of the chunk settings applied); `invalid_settings` names the fields to fix. */
export function parseIngestJob(value: unknown): IngestJob {
  const parsed = ingestJobSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'job'}: ${issue.message}`).join('; ');
  throw new KnowledgeError('invalid_settings', `Invalid ingestion job: ${problems}. Build jobs from the document and its knowledge base settings.`);
}
