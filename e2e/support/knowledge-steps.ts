import { expect, type Locator, type Page } from '@playwright/test';

/** Knowledge → Create knowledge base (default embedding model `local:use-lite`); returns its id (its page opens). */
export async function createKnowledgeBase(page: Page, name: string, description = ''): Promise<string> {
  await page.getByTestId('nav-knowledge').click();
  await expect(page.getByTestId('knowledge-page')).toBeVisible();
  await page.getByTestId('create-knowledge-base').click();
  const dialog = page.getByTestId('create-knowledge-base-dialog');
  await dialog.getByTestId('knowledge-base-name').fill(name);
  if (description !== '') await dialog.getByTestId('knowledge-base-description').fill(description);
  await expect(dialog.getByTestId('knowledge-base-embedding-model')).toHaveValue('local:use-lite');
  await dialog.getByTestId('create-knowledge-base-submit').click();
  await expect(page).toHaveURL(/\/knowledge\/[^/?]+$/);
  await expect(page.getByTestId('knowledge-base-page')).toBeVisible();
  const id = await page.getByTestId('knowledge-base-page').getAttribute('data-knowledge-base-id');
  if (!id) throw new Error(`No knowledge base id on ${page.url()}`);
  return id;
}

export function documentRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="document-row"][data-document-name="${name}"]`);
}

/** On a knowledge base page: picks a file in the upload area, optionally previews its chunks, uploads it. */
export async function uploadDocument(page: Page, file: { name: string; content: string }, options: { preview?: boolean } = {}): Promise<Locator> {
  await page.getByTestId('knowledge-tab-documents').click();
  await page.getByTestId('add-source-files').click();
  await page.getByTestId('document-file-input').setInputFiles({ name: file.name, mimeType: 'text/plain', buffer: Buffer.from(file.content) });
  await expect(page.getByTestId('staged-file').filter({ hasText: file.name })).toBeVisible();
  if (options.preview) {
    await page.getByTestId('chunk-preview-run').click();
    await expect(page.getByTestId('chunk-preview-item').first()).toBeVisible();
  }
  await page.getByTestId('upload-documents').click();
  const row = documentRow(page, file.name);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('staged-file')).toHaveCount(0);
  return row;
}

/** Waits for a document row to reach `completed` (parsed, chunked, embedded, indexed) with at least one chunk. */
export async function waitForDocumentCompleted(row: Locator): Promise<void> {
  await expect(row.getByTestId('document-error')).toHaveCount(0);
  await expect(row).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
  await expect(row.getByTestId('document-segments')).toHaveText(/^[1-9]\d*$/);
}

/** Retrieval test tab: runs a query and returns the hits list. */
export async function testRetrieval(page: Page, query: string, mode: 'hybrid' | 'vector' | 'keyword' = 'hybrid'): Promise<Locator> {
  await page.getByTestId('knowledge-tab-retrieval').click();
  await page.getByTestId('retrieval-test-query').fill(query);
  await page.getByTestId('retrieval-test-mode').selectOption(mode);
  await page.getByTestId('retrieval-test-submit').click();
  await expect(page.getByTestId('retrieval-test-summary')).toBeVisible();
  return page.getByTestId('retrieval-hit');
}

/** Drops a file on the upload area the way a file manager does (a `drop` event carrying a DataTransfer). */
export async function dropFile(page: Page, file: { name: string; content: string; mimeType: string }): Promise<void> {
  const dataTransfer = await page.evaluateHandle(({ name, content, mimeType }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], name, { type: mimeType }));
    return transfer;
  }, file);
  await page.getByTestId('document-drop-zone').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('document-drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('staged-file').filter({ hasText: file.name })).toBeVisible();
}
