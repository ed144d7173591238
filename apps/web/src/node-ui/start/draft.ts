import { z } from 'zod';

export const startVariableTypes = ['text-input', 'paragraph', 'select', 'number', 'checkbox', 'json', 'file', 'file-list'] as const;
export type StartVariableType = (typeof startVariableTypes)[number];

const variableDraftSchema = z.looseObject({
  variable: z.string().catch(''),
  label: z.string().optional().catch(undefined),
  type: z.enum(startVariableTypes).catch('text-input'),
  required: z.boolean().catch(false),
  maxLength: z.number().optional().catch(undefined),
  options: z.array(z.string()).optional().catch(undefined),
});

/** The start node's data as the panel edits it: never throws, half-typed values fall back to blanks. */
export const startDraftSchema = z.object({ variables: z.array(variableDraftSchema.catch({ variable: '', type: 'text-input', required: false })).catch([]) });
export type StartDraft = z.infer<typeof startDraftSchema>;
export type StartVariableDraft = StartDraft['variables'][number];

export const readStartDraft = (config: Record<string, unknown>): StartDraft => startDraftSchema.parse(config);
