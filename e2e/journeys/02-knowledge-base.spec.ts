import { expect, test } from '../support/fixtures';
import { setUpOwner } from '../support/journey-steps';
import { refundPolicy } from '../support/knowledge-documents';
import { createKnowledgeBase, documentRow, dropFile, testRetrieval, uploadDocument, waitForDocumentCompleted } from '../support/knowledge-steps';
import { saveScreenshot } from '../support/screenshots';

test('knowledge: create a base, upload a document, watch it index, find it with a retrieval test', async ({ page }, testInfo) => {
  await setUpOwner(page);
  await page.getByTestId('nav-knowledge').click();
  await expect(page.getByTestId('knowledge-bases-empty')).toBeVisible();

  const knowledgeBaseId = await createKnowledgeBase(page, 'Customer handbook', 'Policies the support bot answers from');
  await expect(page.getByTestId('knowledge-base-chunking')).toHaveText('General · 500 tokens · 50 overlap');
  await expect(page.getByTestId('documents-empty')).toBeVisible();

  // A bad file is refused before upload, with the reason, and never reaches the server.
  await page.getByTestId('document-file-input').setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await expect(page.getByTestId('staged-file').filter({ hasText: 'setup.exe' })).toContainText('unsupported file type');
  await expect(page.getByTestId('upload-documents')).toBeDisabled();
  await page.getByRole('button', { name: 'Remove setup.exe' }).click();

  // Preview shows how the document will be cut, then it is uploaded and indexed in the background.
  const row = await uploadDocument(page, refundPolicy, { preview: true });
  await expect(page.getByTestId('chunk-preview-summary')).toHaveText(/^\d+ chunks? · \d+ tokens to embed/);
  // Progress comes live over the documents.progress subscription (not from polling).
  await expect(page.getByTestId('documents-summary')).toHaveAttribute('data-stream-live', 'true');
  await waitForDocumentCompleted(row);
  await expect(page.getByTestId('documents-summary')).toHaveText('1 of 1 indexed');

  // A dropped file that cannot be parsed ends in error with the reason; retry tries again, delete removes it.
  await dropFile(page, { name: 'scan.pdf', mimeType: 'application/pdf', content: 'this is not a PDF' });
  await page.getByTestId('upload-documents').click();
  const broken = documentRow(page, 'scan.pdf');
  await expect(broken).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(broken.getByTestId('document-error')).not.toBeEmpty();
  await expect(page.getByTestId('documents-summary')).toHaveText('1 of 2 indexed · 1 failed');
  await broken.getByTestId('document-retry').click();
  await expect(broken).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await broken.getByTestId('document-delete').click();
  await page.getByTestId('delete-document-dialog').getByTestId('confirm-submit').click();
  await expect(broken).toHaveCount(0);

  // Pasted text is a document too.
  await page.getByTestId('add-source-text').click();
  await page.getByTestId('paste-text-name').fill('Opening hours');
  await page.getByTestId('paste-text-content').fill('The support desk is open Monday to Friday from 9:00 to 17:00 CET.');
  await page.getByTestId('paste-text-submit').click();
  await waitForDocumentCompleted(documentRow(page, 'Opening hours'));
  await expect(page.getByTestId('documents-summary')).toHaveText('2 of 2 indexed');
  await saveScreenshot(page, testInfo, 'knowledge-documents');

  const hits = await testRetrieval(page, refundPolicy.query);
  await expect(hits.first()).toBeVisible();
  await expect(hits.first().getByTestId('retrieval-hit-document')).toHaveText(refundPolicy.name);
  await expect(hits.first().getByTestId('retrieval-hit-content')).toContainText(refundPolicy.fact);
  await expect(hits.first().getByTestId('retrieval-hit-score')).toHaveText(/score (0|1)\.\d\d/);
  await saveScreenshot(page, testInfo, 'knowledge-retrieval-test');

  // Settings: rename; the header and the list follow.
  await page.getByTestId('knowledge-tab-settings').click();
  await page.getByTestId('settings-name').fill('Customer handbook 2026');
  await page.getByTestId('settings-save').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Customer handbook 2026');

  // The list shows the base with its document count.
  await page.getByTestId('knowledge-back').click();
  const card = page.locator(`[data-testid="knowledge-base-card"][data-knowledge-base-id="${knowledgeBaseId}"]`);
  await expect(card).toContainText('Customer handbook 2026');
  await expect(card).toContainText('2 documents');
  await saveScreenshot(page, testInfo, 'knowledge-list');
});
