import { z } from 'zod';

const user = z.string().trim().min(1, 'pass the end user\'s id as "user"').max(255);
const inputs = z.record(z.string(), z.unknown()).nullish().transform((value) => value ?? {});
const responseMode = z.enum(['blocking', 'streaming']).nullish().transform((value) => value ?? 'blocking');

/** Dify's file reference in run requests. */
export const fileReferenceSchema = z.object({
  type: z.enum(['image', 'document', 'audio', 'video', 'custom']).default('document'),
  transfer_method: z.enum(['remote_url', 'local_file']),
  url: z.string().url().max(2048).optional(),
  upload_file_id: z.string().max(64).optional(),
});
const files = z.array(fileReferenceSchema).max(20).nullish().transform((value) => value ?? []);

export const chatMessageSchema = z.object({
  query: z.string().max(100_000, 'the query is limited to 100,000 characters'),
  inputs,
  response_mode: responseMode,
  conversation_id: z.string().max(64).nullish().transform((value) => value || undefined),
  user,
  files,
  auto_generate_name: z.boolean().optional(),
});

export const completionMessageSchema = z.object({ inputs, response_mode: responseMode, user, files, query: z.string().max(100_000).optional() });

export const workflowRunSchema = z.object({ inputs, response_mode: responseMode, user, files });

export const stopSchema = z.object({ user });

export const conversationsQuerySchema = z
  .object({
    user,
    last_id: z.string().max(64).optional(),
    /** dify-client (2.x) sends the cursor as `first_id`; Dify's API names it `last_id`. Both are accepted. */
    first_id: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    sort_by: z.enum(['created_at', '-created_at', 'updated_at', '-updated_at']).default('-updated_at'),
  })
  .transform(({ first_id, last_id, ...query }) => ({ ...query, last_id: last_id || first_id || undefined }));

export const messagesQuerySchema = z.object({
  user,
  conversation_id: z.string().min(1, 'pass the conversation_id whose messages to list').max(64),
  first_id: z.string().max(64).optional().transform((value) => value || undefined),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const renameSchema = z
  .object({ name: z.string().trim().max(255).nullish(), auto_generate: z.boolean().default(false), user })
  .refine((body) => body.auto_generate || (body.name ?? '') !== '', { message: 'pass a non-empty "name", or "auto_generate": true', path: ['name'] });

export const deleteConversationSchema = z.object({ user });

export const feedbackSchema = z.object({
  rating: z.enum(['like', 'dislike']).nullish().transform((value) => value ?? null),
  user,
  content: z.string().max(10_000).nullish(),
});

export const userQuerySchema = z.object({ user: z.string().max(255).optional() });

export const idempotencyKeySchema = z.string().trim().min(1).max(255, 'Idempotency-Key is limited to 255 characters').optional();

export type FileReference = z.infer<typeof fileReferenceSchema>;
