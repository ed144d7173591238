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

/** Hex SHA-256 of the canonical JSON of `{ type, version, config, inputs, generations }` (plus `namespace` if set). */
export function cacheKey(parts: CacheKeyParts, options: CacheKeyOptions): string {
  const inputs = options.normalise ? normalise(parts.inputs, { synonyms: options.synonyms }) : parts.inputs;
  const namespace = parts.namespace ? parts.namespace : undefined;
  const text = canonicalJson({ type: parts.type, version: parts.version, config: parts.config, inputs, generations: parts.generations, namespace });
  return createHash('sha256').update(text).digest('hex');
}

/** The invalidation tag of a dependency: `kb:<id>` for a knowledge base. */
export function dependencyTag(dependency: CacheDependency): string {
  return dependency.scope === 'knowledge-base' ? `kb:${dependency.id}` : `${dependency.scope}:${dependency.id}`;
}

/** The name a dependency's generation is keyed and stored under: `<scope>:<id>`. */
export function dependencyName(dependency: CacheDependency): string {
  return `${dependency.scope}:${dependency.id}`;
}
