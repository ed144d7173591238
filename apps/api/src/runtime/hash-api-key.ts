import { createHash } from 'node:crypto';

/**
 * How an app API key is stored and looked up: SHA-256 of the whole key (`app-…`), lower-case hex. Keys are long
 * random strings, so a fast unsalted hash is enough and lets a lookup be one indexed equality.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
