/** Phrase → replacement, applied to normalised text on word boundaries, longest phrase first. */
export type SynonymMap = Readonly<Record<string, string>>;

export interface NormaliseOptions {
  synonyms?: SynonymMap;
}

const punctuation = /\p{P}+/gu;
const whitespace = /\s+/gu;
const noSynonyms: SynonymMap = Object.freeze({});

/**
 * Normalises one text for cache keys, so questions that differ only in form share an entry:
 * 1. Unicode NFKC (full-width letters, ligatures, compatibility forms fold to their plain form);
 * 2. case fold: `toLowerCase()` plus the two full-folding differences that matter in practice
 *    (`ß` → `ss`, final sigma `ς` → `σ`); it is not the complete Unicode CaseFolding table;
 * 3. punctuation (Unicode `\p{P}`) removed, so `what's` and `whats` meet;
 * 4. whitespace collapsed to single spaces and trimmed;
 * 5. synonyms replaced on word boundaries (longest phrase first, one pass, so replacements are not
 *    themselves rewritten); phrases are normalised with steps 1-4 before matching.
 */
export function normaliseText(text: string, options: NormaliseOptions = {}): string {
  const base = baseNormalise(text);
  const synonyms = options.synonyms ?? noSynonyms;
  const compiled = compileSynonyms(synonyms);
  if (!compiled) return base;
  return collapse(base.replace(compiled.pattern, (phrase) => compiled.replacements.get(phrase) ?? phrase));
}

/** Normalises every string inside `value` (arrays and object values, recursively); other values are kept. */
export function normalise(value: unknown, options: NormaliseOptions = {}): unknown {
  if (typeof value === 'string') return normaliseText(value, options);
  if (Array.isArray(value)) return value.map((item) => normalise(item, options));
  if (value !== null && typeof value === 'object' && !hasToJson(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = normalise(item, options);
    return result;
  }
  return value;
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function baseNormalise(text: string): string {
  let result = text.normalize('NFKC').toLowerCase();
  if (result.includes('ß')) result = result.replaceAll('ß', 'ss');
  if (result.includes('ς')) result = result.replaceAll('ς', 'σ');
  return collapse(result.replace(punctuation, ''));
}

function collapse(text: string): string {
  return text.replace(whitespace, ' ').trim();
}

interface CompiledSynonyms {
  pattern: RegExp;
  replacements: Map<string, string>;
}

const compiledCache = new WeakMap<SynonymMap, CompiledSynonyms | null>();

function compileSynonyms(synonyms: SynonymMap): CompiledSynonyms | null {
  const cached = compiledCache.get(synonyms);
  if (cached !== undefined) return cached;
  const replacements = new Map<string, string>();
  for (const [phrase, replacement] of Object.entries(synonyms)) {
    const key = baseNormalise(phrase);
    if (key !== '') replacements.set(key, baseNormalise(replacement));
  }
  const phrases = [...replacements.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const compiled =
    phrases.length === 0
      ? null
      : {
          // \b is ASCII-only in JS; word characters here are any letter, mark, number or underscore.
          pattern: new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])(?:${phrases.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\p{N}_])`, 'gu'),
          replacements,
        };
  compiledCache.set(synonyms, compiled);
  return compiled;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
