import { expect, test } from '../support/fixtures';
import { openEditor, putLlmBetweenStartAndAnswer } from '../support/editor-steps';
import { addTestModelProvider, createApp, setUpOwner, testChatModel, testProviderName } from '../support/journey-steps';
import { saveScreenshot } from '../support/screenshots';

const question = 'Is this answer served by the published version?';
const expectedAnswer = `weft test model (not a real LLM) heard: ${question}`;

/** POST /v1/chat-messages as an API client does. */
function callChat(origin: string, apiKey: string, responseMode: 'blocking' | 'streaming'): Promise<Response> {
  return fetch(`${origin}/v1/chat-messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ inputs: {}, query: question, response_mode: responseMode, user: 'e2e-client' }),
  });
}

/** The `data:` events of an SSE body, parsed. */
function sseEvents(body: string): Array<Record<string, unknown>> {
  return body
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as Record<string, unknown>);
}

test('publish a chatflow, create an API key, call the REST endpoint and get the answer', async ({ page, modelServer, weft }, testInfo) => {
  await setUpOwner(page);
  await addTestModelProvider(page, modelServer);
  const appId = await createApp(page, 'chatflow', 'Published helper');
  await openEditor(page, appId);
  await putLlmBetweenStartAndAnswer(page, `${testProviderName}:${testChatModel}`);

  // API access before publishing: a key can be made, but calls are refused with a clear error.
  await page.goto('/apps');
  await page.locator(`[data-testid="app-card"][data-app-id="${appId}"]`).getByTestId('app-api').click();
  await expect(page.getByTestId('api-access-page')).toBeVisible();
  await expect(page.getByTestId('api-not-published')).toBeVisible();
  await expect(page.getByTestId('api-endpoint')).toHaveText(`POST ${weft.url}/v1/chat-messages`);
  await page.getByTestId('create-api-key').click();
  await page.getByTestId('create-api-key-dialog').getByTestId('api-key-name').fill('e2e client');
  await page.getByTestId('create-api-key-submit').click();
  const apiKey = (await page.getByTestId('api-key-value').textContent())?.trim() ?? '';
  expect(apiKey.length).toBeGreaterThan(20);
  await page.getByTestId('api-key-done').click();
  await expect(page.getByTestId('api-key-row')).toHaveCount(1);
  await expect(page.getByTestId('api-keys')).not.toContainText(apiKey); // shown once, then only its prefix

  const refused = await callChat(weft.url, apiKey, 'blocking');
  expect(refused.status).toBeGreaterThanOrEqual(400);
  expect(refused.status).toBeLessThan(500);
  expect(await refused.json()).toMatchObject({ code: 'app_unavailable', message: expect.stringContaining('Publish it in the builder') });

  // Publish from the editor with a note.
  await openEditor(page, appId);
  await page.getByTestId('publish-open').click();
  await page.getByTestId('publish-note').fill('first release');
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('toast-success')).toContainText('Published version 1');
  await expect(page.getByTestId('publish-dialog')).toBeHidden();

  await page.goto(`/api-access/${encodeURIComponent(appId)}`);
  await expect(page.getByTestId('api-published-version')).toContainText('Serving version 1 (“first release”)');
  await saveScreenshot(page, testInfo, 'api-access-published');

  // The published app answers over REST: blocking JSON, then a server-sent event stream.
  modelServer.resetStats();
  const blocking = await callChat(weft.url, apiKey, 'blocking');
  expect(blocking.status).toBe(200);
  const answer = (await blocking.json()) as { answer: string; conversation_id: string };
  expect(answer.answer).toBe(expectedAnswer);
  expect(answer.conversation_id).toMatch(/\S+/);
  expect(modelServer.stats.chatRequests).toBe(1);

  const streaming = await callChat(weft.url, apiKey, 'streaming');
  expect(streaming.status).toBe(200);
  expect(streaming.headers.get('content-type')).toContain('text/event-stream');
  const events = sseEvents(await streaming.text());
  const streamed = events
    .filter((event) => event.event === 'message')
    .map((event) => event.answer)
    .join('');
  expect(streamed).toBe(expectedAnswer);
  expect(events.at(-1)).toMatchObject({ event: 'message_end' });

  // The calls show up in the app's runs as API runs.
  await page.goto(`/runs/${encodeURIComponent(appId)}`);
  await expect(page.getByTestId('run-row').first()).toBeVisible();
  await expect(page.getByTestId('run-source').first()).toContainText(/api/i);
});
