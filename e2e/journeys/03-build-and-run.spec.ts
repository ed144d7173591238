import { expect, test } from '../support/fixtures';
import { canvasEdge, canvasNode, connectNodes, deleteEdge, dragFromPalette, expectSaved, openEditor, selectNode } from '../support/editor-steps';
import { addTestModelProvider, createApp, setUpOwner, testChatModel, testProviderName } from '../support/journey-steps';
import { refundPolicy } from '../support/knowledge-documents';
import { createKnowledgeBase, uploadDocument, waitForDocumentCompleted } from '../support/knowledge-steps';
import { saveScreenshot } from '../support/screenshots';

const heard = 'weft test model (not a real LLM) heard: ';

test('build start → knowledge retrieval → LLM → answer from the palette, run it streaming, run again from the cache', async ({ page, modelServer }, testInfo) => {
  // Slow enough that the answer visibly arrives in pieces: 10 chunks over 2 s.
  modelServer.setDefaults({ latencyMs: 2_000, chunkCount: 10 });
  await setUpOwner(page);
  await addTestModelProvider(page, modelServer);
  await createKnowledgeBase(page, 'Shop policies');
  await waitForDocumentCompleted(await uploadDocument(page, refundPolicy));

  const appId = await createApp(page, 'chatflow', 'Refund helper');
  await openEditor(page, appId);

  // A new chatflow is start → answer (echo). Build start → retrieval → LLM → answer by hand: drag and connect.
  // New nodes go in a row above the two (the problems list may take the bottom of the canvas while building).
  await expect(canvasNode(page, 'start')).toBeVisible();
  await expect(canvasNode(page, 'answer')).toBeVisible();
  await deleteEdge(page, 'start-answer');
  const retrieval = await dragFromPalette(page, 'knowledge-retrieval', { x: 0.3, y: 0.2 });
  const llm = await dragFromPalette(page, 'llm', { x: 0.7, y: 0.2 });
  await connectNodes(page, 'start', retrieval);
  await connectNodes(page, retrieval, llm);
  await connectNodes(page, llm, 'answer');

  await selectNode(page, retrieval);
  await page.getByTestId('retrieval-knowledge-base-Shop policies').check();
  await selectNode(page, llm);
  await page.getByTestId('llm-model-id').fill(`${testProviderName}:${testChatModel}`);
  await page.getByTestId('llm-context-enabled').click();
  await page.getByTestId('llm-context-variable').selectOption(`${retrieval}.result`);
  await page.getByTestId('llm-message-text-1').fill('Context:\n{{#context#}}\n\nQuestion: {{#sys.query#}}');
  await selectNode(page, 'answer');
  await page.getByTestId('answer-template').fill(`{{#${llm}.text#}}`);
  await expect(page.getByTestId('template-reference')).toHaveText(`${llm}.text`);
  await expectSaved(page);
  await expect(page.getByTestId('problems-list')).toHaveCount(0);
  modelServer.resetStats(); // the settings screen's connection test called the model once
  await saveScreenshot(page, testInfo, 'editor-start-retrieval-llm-answer');

  // Run 1: every node runs; the answer streams in and carries the retrieved passage.
  await page.getByTestId('sidebar-tab-run').click();
  await page.getByTestId('chat-input').fill(refundPolicy.query);
  await page.getByTestId('chat-send').click();
  const reply = page.getByTestId('chat-message-assistant').last();
  // Part of the answer is on screen while the run is still going: it is streamed, not delivered at the end.
  await expect(reply).toContainText(heard, { timeout: 10_000 });
  expect(await reply.getAttribute('data-status')).toBe('running');
  await expect(reply).toHaveAttribute('data-status', 'succeeded');
  await expect(reply).toContainText(refundPolicy.fact);
  await expect(reply).toContainText(`Question: ${refundPolicy.query}`);
  const firstAnswer = (await reply.textContent()) ?? '';
  await expect(page.getByTestId('run-status').locator('[data-status]')).toHaveAttribute('data-status', 'succeeded');
  for (const nodeId of ['start', retrieval, llm, 'answer']) {
    await expect(canvasNode(page, nodeId).getByTestId('node-status')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId(`trace-node-${nodeId}`)).toContainText('succeeded');
  }
  expect(modelServer.stats.chatRequests).toBe(1);
  await saveScreenshot(page, testInfo, 'run-trace-first-run');

  // Run 2, same question in a new conversation: the LLM's answer comes from the cache, the model is not called.
  await page.getByTestId('chat-new').click();
  await page.getByTestId('chat-input').fill(refundPolicy.query);
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat-message-assistant').last()).toHaveText(firstAnswer);
  // Same query, same knowledge base generation: retrieval is served from the cache too.
  await expect(canvasNode(page, retrieval).getByTestId('node-status')).toHaveAttribute('data-status', 'cached');
  await expect(canvasNode(page, llm).getByTestId('node-status')).toHaveAttribute('data-status', 'cached');
  await expect(page.getByTestId('run-cached-count')).toHaveText('2 cached');
  await expect(page.getByTestId(`trace-node-${llm}`)).toContainText('cached');
  expect(modelServer.stats.chatRequests).toBe(1);
  await saveScreenshot(page, testInfo, 'run-trace-cached');

  // The saved draft is what ran: reload shows the same graph.
  await page.reload();
  await expect(page.getByTestId('editor-screen')).toHaveAttribute('data-ready', 'true');
  await expect(canvasEdge(page, `start:source->${retrieval}`)).toBeAttached();
  await expect(canvasEdge(page, `${retrieval}:source->${llm}`)).toBeAttached();
  await expect(canvasEdge(page, `${llm}:source->answer`)).toBeAttached();
  await expect(canvasEdge(page, 'start-answer')).toHaveCount(0);
});
