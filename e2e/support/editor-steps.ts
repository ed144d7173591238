import { expect, type Locator, type Page } from '@playwright/test';

/** Opens an app's editor and waits until the draft is on the canvas. */
export async function openEditor(page: Page, appId: string): Promise<void> {
  await page.goto(`/apps/${encodeURIComponent(appId)}`);
  await expect(page.getByTestId('editor-screen')).toHaveAttribute('data-ready', 'true');
}

/** The canvas card of a node. */
export function canvasNode(page: Page, nodeId: string): Locator {
  return page.getByTestId(`canvas-node-${nodeId}`);
}

/** Ids of the canvas nodes of one type, in document order. */
export async function nodeIdsOfType(page: Page, type: string): Promise<string[]> {
  const testIds = await page.locator(`[data-testid^="canvas-node-"][data-node-type="${type}"]`).evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('data-testid') ?? ''),
  );
  return testIds.map((testId) => testId.slice('canvas-node-'.length));
}

/**
 * Drags a node type from the palette onto the canvas (HTML5 drag and drop, as a person does) at a point given as
 * fractions of the canvas box; returns the new node's id.
 */
export async function dragFromPalette(page: Page, type: string, at: { x: number; y: number }): Promise<string> {
  const before = new Set(await nodeIdsOfType(page, type));
  const canvas = page.getByTestId('editor-canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('The canvas is not visible');
  await page.getByTestId(`palette-item-${type}`).dragTo(canvas, { targetPosition: { x: box.width * at.x, y: box.height * at.y } });
  await expect.poll(async () => (await nodeIdsOfType(page, type)).length).toBe(before.size + 1);
  const added = (await nodeIdsOfType(page, type)).find((id) => !before.has(id));
  if (!added) throw new Error(`No new ${type} node after the drop`);
  return added;
}

/** Drags from a node's source handle to another node's input handle, then checks React Flow drew the edge. */
export async function connectNodes(page: Page, source: string, target: string, sourceHandle = 'source'): Promise<void> {
  const from = page.getByTestId(`handle-${source}-${sourceHandle}`);
  const to = page.getByTestId(`handle-${target}-target`);
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error(`Handle of ${source} or ${target} is not visible`);
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  // Intermediate moves: React Flow tracks the pointer while connecting, then snaps to the handle under it.
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(canvasEdge(page, `${source}:${sourceHandle}->${target}`)).toBeAttached();
}

/** An edge React Flow drew (it tags each with `rf__edge-<id>`; the editor names new edges `source:handle->target`). */
export function canvasEdge(page: Page, edgeId: string): Locator {
  return page.getByTestId(`rf__edge-${edgeId}`);
}

/** Selects an edge by clicking it and deletes it with the toolbar. */
export async function deleteEdge(page: Page, edgeId: string): Promise<void> {
  await canvasEdge(page, edgeId).click({ force: true });
  await page.getByTestId('toolbar-delete').click();
  await expect(canvasEdge(page, edgeId)).toHaveCount(0);
}

/** Clicks a node so its settings open in the side panel. */
export async function selectNode(page: Page, nodeId: string): Promise<void> {
  await canvasNode(page, nodeId).getByTestId('node-title').click();
  await page.getByTestId('sidebar-tab-node').click();
  await expect(page.getByTestId('node-panel')).toBeVisible();
}

/** Waits for the autosave to reach the server (the status line says saved). */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

/**
 * Turns a new chatflow (start → answer echo) into start → LLM → answer by hand: deletes the edge, drags an LLM
 * from the palette, connects both handles, sets the model and makes the answer say the LLM's text. Returns the
 * LLM node's id once the draft is saved.
 */
export async function putLlmBetweenStartAndAnswer(page: Page, modelId: string): Promise<string> {
  await expect(canvasNode(page, 'start')).toBeVisible();
  await expect(canvasNode(page, 'answer')).toBeVisible();
  await deleteEdge(page, 'start-answer');
  const llm = await dragFromPalette(page, 'llm', { x: 0.5, y: 0.2 });
  await connectNodes(page, 'start', llm);
  await connectNodes(page, llm, 'answer');

  await selectNode(page, llm);
  await page.getByTestId('llm-model-id').fill(modelId);
  await expect(page.getByTestId('llm-message-text-1')).toHaveValue('{{#sys.query#}}');
  await selectNode(page, 'answer');
  await page.getByTestId('answer-template').fill(`{{#${llm}.text#}}`);
  await expect(page.getByTestId('template-reference')).toHaveText(`${llm}.text`);
  await expectSaved(page);
  await expect(page.getByTestId('problems-list')).toHaveCount(0);
  return llm;
}
