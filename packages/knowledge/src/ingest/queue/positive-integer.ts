import { KnowledgeError } from '../../spec';

/** A queue setting that must be a whole number of at least 1 (`invalid_settings` otherwise). */
export function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new KnowledgeError('invalid_settings', `The ingest queue's ${name} must be a whole number of at least 1, got ${value}.`);
  }
  return value;
}
