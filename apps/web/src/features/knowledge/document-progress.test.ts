import { describe, expect, it } from 'vitest';
import { applyProgress, documentsSummary, fileProblem, isSettled, progressPollInterval } from './document-progress';
import type { DocumentView } from './knowledge-types';

const document = (overrides: Partial<DocumentView> = {}): DocumentView => ({
  id: 'doc_1',
  knowledgeBaseId: 'kb_1',
  name: 'faq.md',
  source: 'upload',
  status: 'queued',
  progress: 0,
  error: null,
  tags: [],
  segmentCount: 0,
  tokens: 0,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...overrides,
});
const event = (status: DocumentView['status'], progress: number, extra: object = {}) => ({ documentId: 'doc_1', knowledgeBaseId: 'kb_1', status, progress, ...extra });

describe('applyProgress', () => {
  it('moves the matching document forward and leaves the others (and the list) alone', () => {
    const other = document({ id: 'doc_2' });
    const list = [document(), other];
    const next = applyProgress(list, event('embedding', 60));
    expect(next[0]).toMatchObject({ status: 'embedding', progress: 60 });
    expect(next[1]).toBe(other);
    expect(applyProgress(list, { ...event('embedding', 60), documentId: 'unknown' })).toBe(list);
  });

  it('ignores a late event that would move progress back or reopen a finished document', () => {
    const embedding = [document({ status: 'embedding', progress: 70 })];
    expect(applyProgress(embedding, event('chunking', 40))).toBe(embedding);
    expect(applyProgress(embedding, event('embedding', 65))[0]).toMatchObject({ status: 'embedding', progress: 70 });
    const completed = [document({ status: 'completed', progress: 100 })];
    expect(applyProgress(completed, event('indexing', 90))).toBe(completed);
  });

  it('restarts on a retry and carries the error of a failure', () => {
    const failed = applyProgress([document({ status: 'parsing', progress: 20 })], event('error', 20, { error: { code: 'corrupt_file', message: 'bad pdf' } }));
    expect(failed[0]).toMatchObject({ status: 'error', error: { code: 'corrupt_file' } });
    expect(applyProgress(failed, event('queued', 0))[0]).toMatchObject({ status: 'queued', progress: 0, error: null });
    expect(isSettled('error')).toBe(true);
    expect(isSettled('indexing')).toBe(false);
  });
});

describe('fileProblem', () => {
  it('accepts supported files within the limit', () => {
    expect(fileProblem('Guide.PDF', 1000)).toBeUndefined();
  });
  it('names the file and what to do otherwise', () => {
    expect(fileProblem('notes.exe', 10)).toMatch(/notes\.exe: unsupported file type.*md/);
    expect(fileProblem('empty.txt', 0)).toBe('empty.txt is empty.');
    expect(fileProblem('big.txt', 20 * 1_048_576)).toMatch(/20\.0 MB; the limit is 15 MB/);
  });
});

describe('progressPollInterval and documentsSummary', () => {
  it('polls only while a document is in progress, faster without the live stream', () => {
    expect(progressPollInterval(undefined, false)).toBe(false);
    expect(progressPollInterval([document({ status: 'completed', progress: 100 })], false)).toBe(false);
    const busy = [document({ status: 'completed', progress: 100 }), document({ id: 'doc_2', status: 'embedding', progress: 40 })];
    expect(progressPollInterval(busy, false)).toBe(1_500);
    expect(progressPollInterval(busy, true)).toBe(10_000);
  });
  it('counts indexed and failed documents', () => {
    expect(documentsSummary([document({ status: 'completed' }), document({ status: 'error' }), document()])).toBe('1 of 3 indexed · 1 failed');
    expect(documentsSummary([])).toBe('0 of 0 indexed');
  });
});
