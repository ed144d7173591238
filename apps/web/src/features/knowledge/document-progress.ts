import { documentStatuses, supportedExtensions, type DocumentStatus, type IngestProgress } from '@weft/knowledge/spec';
import type { BadgeTone } from '../../ui';
import type { DocumentView } from './knowledge-types';

/** Whether ingestion of a document has stopped (nothing more will change without a retry). */
export function isSettled(status: DocumentStatus): boolean {
  return status === 'completed' || status === 'error';
}

export function statusTone(status: DocumentStatus): BadgeTone {
  return status === 'completed' ? 'success' : status === 'error' ? 'danger' : status === 'queued' ? 'neutral' : 'info';
}

/** Stage order (queued → … → completed); `error` can end any stage. */
const stageRank = (status: DocumentStatus): number => (status === 'error' ? documentStatuses.length : documentStatuses.indexOf(status));

/**
 * Folds one progress event into the document list. A document never moves back a stage or loses progress
 * (events can arrive late, e.g. the list was refetched meanwhile), except when it is queued again (retry).
 */
export function applyProgress(documents: DocumentView[], event: IngestProgress): DocumentView[] {
  let changed = false;
  const next = documents.map((document) => {
    if (document.id !== event.documentId) return document;
    const restarted = event.status === 'queued' && isSettled(document.status);
    if (!restarted && (isSettled(document.status) || stageRank(event.status) < stageRank(document.status))) return document;
    const progress = restarted || isSettled(event.status) ? event.progress : Math.max(document.progress, event.progress);
    changed = true;
    return { ...document, status: event.status, progress, error: event.error ?? null };
  });
  return changed ? next : documents;
}

/** The upload limit the API applies by default (WEFT_MAX_UPLOAD_BYTES); the server has the last word. */
export const defaultMaxUploadBytes = 15 * 1_048_576;

/** Why a file cannot be uploaded, checked before reading it; undefined when it may go. */
export function fileProblem(name: string, size: number, maxBytes = defaultMaxUploadBytes): string | undefined {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!extension || !(supportedExtensions as readonly string[]).includes(extension)) {
    return `${name}: unsupported file type. Upload ${supportedExtensions.join(', ')} files.`;
  }
  if (size === 0) return `${name} is empty.`;
  if (size > maxBytes) return `${name} is ${(size / 1_048_576).toFixed(1)} MB; the limit is ${Math.round(maxBytes / 1_048_576)} MB.`;
  return undefined;
}

/** Refetch interval of the documents list: off once everything settled; frequent while the live stream is down. */
export function progressPollInterval(documents: readonly DocumentView[] | undefined, streamLive: boolean): number | false {
  if (!documents?.some((document) => !isSettled(document.status))) return false;
  return streamLive ? 10_000 : 1_500;
}

/** `3 of 5 indexed · 1 failed`, for the documents header. */
export function documentsSummary(documents: readonly DocumentView[]): string {
  const completed = documents.filter((document) => document.status === 'completed').length;
  const failed = documents.filter((document) => document.status === 'error').length;
  const parts = [`${completed} of ${documents.length} indexed`];
  if (failed > 0) parts.push(`${failed} failed`);
  return parts.join(' · ');
}
