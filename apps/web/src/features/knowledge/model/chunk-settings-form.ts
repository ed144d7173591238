import { chunkSettingsSchema, type ChunkSettings, type ChunkSettingsInput } from '@weft/knowledge/spec';
import { formatSeparators, parseSeparators } from './separators';

/** What the chunk settings form edits: both modes' fields at once, so switching mode keeps what was typed. */
export interface ChunkSettingsForm {
  mode: ChunkSettings['mode'];
  /** Escaped separator lines (see separators.ts). */
  separators: string;
  maxTokens: number;
  overlapTokens: number;
  parentScope: 'paragraph' | 'full-doc';
  parentSeparators: string;
  parentMaxTokens: number;
  childSeparators: string;
  childMaxTokens: number;
}

type GeneralSettings = Extract<ChunkSettings, { mode: 'general' }>;
type ParentChildSettings = Extract<ChunkSettings, { mode: 'parent-child' }>;
const [generalSchema, parentChildSchema] = chunkSettingsSchema.options;
const defaults: { general: GeneralSettings; parentChild: ParentChildSettings } = {
  general: generalSchema.parse({ mode: 'general' }),
  parentChild: parentChildSchema.parse({ mode: 'parent-child', parent: {}, child: {} }),
};

function formFrom(general: GeneralSettings, parentChild: ParentChildSettings, mode: ChunkSettings['mode']): ChunkSettingsForm {
  return {
    mode,
    separators: formatSeparators(general.separators),
    maxTokens: general.maxTokens,
    overlapTokens: general.overlapTokens,
    parentScope: parentChild.parent.scope,
    parentSeparators: formatSeparators(parentChild.parent.separators),
    parentMaxTokens: parentChild.parent.maxTokens,
    childSeparators: formatSeparators(parentChild.child.separators),
    childMaxTokens: parentChild.child.maxTokens,
  };
}

/** The package's defaults (general: 500 tokens, 50 overlap; parent-child: 1000 / 200). */
export const defaultChunkSettingsForm: ChunkSettingsForm = formFrom(defaults.general, defaults.parentChild, 'general');

/** The form for stored settings (missing fields take the defaults); undefined settings give the defaults. */
export function chunkSettingsToForm(settings: ChunkSettingsInput | undefined): ChunkSettingsForm {
  const parsed = chunkSettingsSchema.safeParse(settings ?? { mode: 'general' });
  if (!parsed.success) return defaultChunkSettingsForm;
  const value = parsed.data;
  return value.mode === 'general' ? formFrom(value, defaults.parentChild, 'general') : formFrom(defaults.general, value, 'parent-child');
}

export type ChunkSettingsResult = { ok: true; settings: ChunkSettings } | { ok: false; problems: Partial<Record<keyof ChunkSettingsForm, string>> };

const fieldOfPath: Record<string, keyof ChunkSettingsForm> = {
  separators: 'separators',
  maxTokens: 'maxTokens',
  overlapTokens: 'overlapTokens',
  'parent.separators': 'parentSeparators',
  'parent.maxTokens': 'parentMaxTokens',
  'parent.scope': 'parentScope',
  'child.separators': 'childSeparators',
  'child.maxTokens': 'childMaxTokens',
};

/** Validates the form with the package's schema; problems are keyed by form field, worded for the user. */
export function formToChunkSettings(form: ChunkSettingsForm): ChunkSettingsResult {
  const problems: Partial<Record<keyof ChunkSettingsForm, string>> = {};
  const separatorsOf = (field: 'separators' | 'parentSeparators' | 'childSeparators'): string[] => {
    try {
      const list = parseSeparators(form[field]);
      if (list.length === 0) problems[field] = 'Give at least one separator, e.g. \\n\\n for paragraphs.';
      return list;
    } catch (error) {
      problems[field] = (error as Error).message;
      return [];
    }
  };
  const candidate =
    form.mode === 'general'
      ? { mode: 'general' as const, separators: separatorsOf('separators'), maxTokens: form.maxTokens, overlapTokens: form.overlapTokens }
      : {
          mode: 'parent-child' as const,
          parent: { scope: form.parentScope, separators: separatorsOf('parentSeparators'), maxTokens: form.parentMaxTokens },
          child: { separators: separatorsOf('childSeparators'), maxTokens: form.childMaxTokens },
        };
  if (form.mode === 'general' && form.overlapTokens >= form.maxTokens) {
    problems.overlapTokens = `Overlap (${form.overlapTokens}) must be smaller than the chunk size (${form.maxTokens}).`;
  }
  if (form.mode === 'parent-child' && form.parentScope === 'paragraph' && form.childMaxTokens > form.parentMaxTokens) {
    problems.childMaxTokens = `Child chunks (${form.childMaxTokens} tokens) must fit in a parent (${form.parentMaxTokens}).`;
  }
  const parsed = chunkSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath[issue.path.filter((part) => typeof part === 'string').join('.')];
      if (field && problems[field] === undefined) problems[field] = readableIssue(issue);
    }
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, settings: parsed.data };
}

function readableIssue(issue: { code: string; message: string; minimum?: unknown; maximum?: unknown }): string {
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') return `At least ${issue.minimum}.`;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `At most ${issue.maximum}.`;
  if (issue.code === 'invalid_type') return 'Enter a whole number.';
  return issue.message;
}

/** One line describing settings, for the knowledge base header (`General · 500 tokens · 50 overlap`). */
export function describeChunkSettings(settings: ChunkSettingsInput | undefined): string {
  const form = chunkSettingsToForm(settings);
  return form.mode === 'general'
    ? `General · ${form.maxTokens} tokens · ${form.overlapTokens} overlap`
    : `Parent-child · ${form.parentScope === 'full-doc' ? 'whole document' : `${form.parentMaxTokens}-token`} parents · ${form.childMaxTokens}-token children`;
}
