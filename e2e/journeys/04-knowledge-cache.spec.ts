import type { Page } from '@playwright/test';
import { routes } from '../../apps/web/src/lib/routes';
import { expect, test } from '../support/fixtures';
import { addTestModelProvider, createApp, setUpOwner, testChatModel, testProviderName } from '../support/journey-steps';
import { expressRefunds, refundPolicy } from '../support/knowledge-documents';
import { ragChatGraph, saveDraftGraph } from '../support/knowledge-rag-app';
import { createKnowledgeBase, uploadDocument, waitForDocumentCompleted } from '../support/knowledge-steps';
import { saveScreenshot } from '../support/screenshots';

/** Sends the chat message in the editor's debug panel and waits for the run to finish; returns the answer. */
async function ask(page: Page, question: string, turn: number): Promise<string> {
  await page.getByTestId('chat-input').fill(question);
  await page.getByTestId('chat-send').click();
  const answer = page.getByTestId('chat-message-assistant').nth(turn);
  await expect(answer).not.toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  await expect(answer).toHaveAttribute('data-status', 'succeeded');
  return (await answer.textContent()) ?? '';
}

const retrievalStatus = (page: Page) => page.getByTestId('canvas-node-retrieval').getByTestId('node-status');

test('knowledge in an app: retrieval is cached until the knowledge base changes', async ({ page, modelServer }, testInfo) => {
  await setUpOwner(page);
  await addTestModelProvider(page, modelServer);

  const knowledgeBaseId = await createKnowledgeBase(page, 'Support policies');
  await waitForDocumentCompleted(await uploadDocument(page, refundPolicy));

  const appId = await createApp(page, 'chatflow', 'Refund helper');
  await page.goto(routes.knowledge);
  await saveDraftGraph(page, appId, ragChatGraph(`${testProviderName}:${testChatModel}`));
  await page.goto(routes.app(appId));
  await expect(page.getByTestId('editor-screen')).toHaveAttribute('data-ready', 'true');

  // Pick the knowledge base in the retrieval node's panel (it lists the workspace's bases by name).
  await page.getByTestId('canvas-node-retrieval').click();
  const panel = page.getByTestId('node-panel');
  await panel.getByTestId('retrieval-knowledge-base-Support policies').check();
  await expect(page.getByTestId('canvas-node-retrieval')).toContainText('Support policies');

  await page.getByTestId('sidebar-tab-run').click();
  const first = await ask(page, refundPolicy.query, 0);
  expect(first).toContain(refundPolicy.fact);
  await expect(retrievalStatus(page)).toHaveAttribute('data-status', 'succeeded');

  // Same question again: retrieval (and the LLM) answer from the cache.
  const second = await ask(page, refundPolicy.query, 1);
  expect(second).toContain(refundPolicy.fact);
  await expect(retrievalStatus(page)).toHaveAttribute('data-status', 'cached');
  await saveScreenshot(page, testInfo, 'knowledge-app-cached-retrieval');

  // A new document bumps the knowledge base: the cached retrieval must not be served any more.
  await page.goto(routes.knowledgeBase(knowledgeBaseId));
  await waitForDocumentCompleted(await uploadDocument(page, expressRefunds));
  await page.goto(routes.app(appId));
  await expect(page.getByTestId('editor-screen')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('sidebar-tab-run').click();
  const third = await ask(page, refundPolicy.query, 0);
  await expect(retrievalStatus(page)).toHaveAttribute('data-status', 'succeeded');
  expect(third).toContain(expressRefunds.fact);
});
