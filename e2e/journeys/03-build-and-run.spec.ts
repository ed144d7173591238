import { expect, test } from '../support/fixtures';
import { canvasEdge, canvasNode, openEditor, putLlmBetweenStartAndAnswer } from '../support/editor-steps';
import { addTestModelProvider, createApp, setUpOwner, testChatModel, testProviderName } from '../support/journey-steps';
import { saveScreenshot } from '../support/screenshots';

const question = 'What does weft cache?';
const expectedAnswer = `weft test model (not a real LLM) heard: ${question}`;

test('build start → LLM → answer from the palette, run it with a streamed answer, run again from the cache', async ({ page, modelServer }, testInfo) => {
  // Slow enough that the answer visibly arrives in pieces: 10 chunks over 2 s.
  modelServer.setDefaults({ latencyMs: 2_000, chunkCount: 10 });
  await setUpOwner(page);
  await addTestModelProvider(page, modelServer);
  const appId = await createApp(page, 'chatflow', 'Cache explainer');
  await openEditor(page, appId);

  // A new chatflow is start → answer (echo). Put an LLM between them, by hand (drag, connect, configure).
  const llm = await putLlmBetweenStartAndAnswer(page, `${testProviderName}:${testChatModel}`);
  modelServer.resetStats(); // the settings screen's connection test called the model once
  await saveScreenshot(page, testInfo, 'editor-start-llm-answer');

  // Run 1: every node runs; the answer streams in.
  await page.getByTestId('sidebar-tab-run').click();
  await page.getByTestId('chat-input').fill(question);
  await page.getByTestId('chat-send').click();
  const reply = page.getByTestId('chat-message-assistant').last();
  await expect(reply).toHaveAttribute('data-status', 'running');
  // Part of the answer is on screen before the model has finished: it is streamed, not delivered at the end.
  await expect(reply).toContainText('weft test model', { timeout: 10_000 });
  expect((await reply.textContent())?.length ?? 0).toBeLessThan(expectedAnswer.length);
  await expect(reply).toHaveText(expectedAnswer);
  await expect(page.getByTestId('run-status').locator('[data-status]')).toHaveAttribute('data-status', 'succeeded');
  for (const nodeId of ['start', llm, 'answer']) {
    await expect(canvasNode(page, nodeId).getByTestId('node-status')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId(`trace-node-${nodeId}`)).toContainText('succeeded');
  }
  expect(modelServer.stats.chatRequests).toBe(1);
  await saveScreenshot(page, testInfo, 'run-trace-first-run');

  // Run 2, same question in a new conversation: the LLM's answer comes from the cache, the model is not called.
  await page.getByTestId('chat-new').click();
  await page.getByTestId('chat-input').fill(question);
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat-message-assistant').last()).toHaveText(expectedAnswer);
  await expect(canvasNode(page, llm).getByTestId('node-status')).toHaveAttribute('data-status', 'cached');
  await expect(page.getByTestId('run-cached-count')).toContainText('cached');
  await expect(page.getByTestId(`trace-node-${llm}`)).toContainText('cached');
  expect(modelServer.stats.chatRequests).toBe(1);
  await saveScreenshot(page, testInfo, 'run-trace-cached');

  // The saved draft is what ran: reload shows the same graph.
  await page.reload();
  await expect(page.getByTestId('editor-screen')).toHaveAttribute('data-ready', 'true');
  await expect(canvasEdge(page, `start:source->${llm}`)).toBeAttached();
  await expect(canvasEdge(page, `${llm}:source->answer`)).toBeAttached();
  await expect(canvasEdge(page, 'start-answer')).toHaveCount(0);
});
