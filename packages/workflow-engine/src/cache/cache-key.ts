import { createHash } from 'node:crypto';
import type { CacheDependency } from '../spec';
import { canonicalJson } from './canonical-json';
import { normalise, type SynonymMap } from './normalise';

export interface CacheKeyParts {
  type: string;
  version: number;
  config: unknown;
  inputs: Readonly<Record<string, unknown>>;
  /** Current generation of each dependency, by `dependencyName`. */
  generations: Readonly<Record<string, number>>;
  /** Separates tenants; left out of the hashed object when empty. */
  namespace?: string;
}

export interface CacheKeyOptions {
  /** Normalise string inputs (see `normaliseText`); config is always keyed exactly. */
  normalise: boolean;
  synonyms?: SynonymMap;
}

/**
 * A compiled plan's node config is one deep-frozen object run after run: its canonical JSON is kept. Only frozen
 * configs are remembered, so a caller that mutates its config object between runs still gets fresh keys.
 */
const configTexts = new WeakMap<object, string>();

function configText(config: unknown): string {
  if (config === null || typeof config !== 'object' || !Object.isFrozen(config)) return canonicalJson(config);
  let text = configTexts.get(config);
  if (text === undefined) {
    text = canonicalJson(config);
    configTexts.set(config, text);
  }
  return text;
}

/**
 * Hex SHA-256 of the canonical JSON of `{ type, version, config, inputs, generations }` (plus `namespace` if set).
 * The text is assembled in canonical key order from the parts' own canonical JSON, so it is exactly
 * `canonicalJson` of the whole object, without re-serialising the config for every run.
 */
export function cacheKey(parts: CacheKeyParts, options: CacheKeyOptions): string {
  const inputs = options.normalise ? normalise(parts.inputs, { synonyms: options.synonyms }) : parts.inputs;
  const fields: string[] = [];
  if (parts.config !== undefined) fields.push(`"config":${configText(parts.config)}`);
  fields.push(`"generations":${canonicalJson(parts.generations)}`, `"inputs":${canonicalJson(inputs)}`);
  if (parts.namespace) fields.push(`"namespace":${canonicalJson(parts.namespace)}`);
  fields.push(`"type":${canonicalJson(parts.type)}`, `"version":${canonicalJson(parts.version)}`);
  return createHash('sha256').update(`{${fields.join(',')}}`).digest('hex');
}

/** The invalidation tag of a dependency: `kb:<id>` for a knowledge base. */
export function dependencyTag(dependency: CacheDependency): string {
  return dependency.scope === 'knowledge-base' ? `kb:${dependency.id}` : `${dependency.scope}:${dependency.id}`;
}

/** The name a dependency's generation is keyed and stored under: `<scope>:<id>`. */
export function dependencyName(dependency: CacheDependency): string {
  return `${dependency.scope}:${dependency.id}`;
}
