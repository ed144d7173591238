import { expect, test } from '../support/fixtures';
import { canvasNode, expectSaved, openEditor, selectNode } from '../support/editor-steps';
import { createApp, setUpOwner } from '../support/journey-steps';
import { saveScreenshot } from '../support/screenshots';

test('a dangling variable reference shows on the node and in the problems list, and blocks publish until fixed', async ({ page }, testInfo) => {
  await setUpOwner(page);
  const appId = await createApp(page, 'chatflow', 'Broken reply');
  await openEditor(page, appId);

  // The answer points at a node that does not exist.
  await selectNode(page, 'answer');
  await page.getByTestId('answer-template').fill('Summary: {{#summarizer.text#}}');
  await expect(page.getByTestId('template-reference-missing')).toHaveText('summarizer.text');
  await expectSaved(page);

  // The save's compile problems: on the node, and listed under the canvas.
  await expect(canvasNode(page, 'answer').getByTestId('node-problem-badge')).toHaveText('1');
  await expect(canvasNode(page, 'start').getByTestId('node-problem-badge')).toHaveCount(0);
  const problems = page.getByTestId('problems-list');
  await expect(problems).toContainText('publish is blocked until they are fixed');
  const problem = problems.getByTestId('problem-item');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-node-id', 'answer');
  await expect(problem).toContainText('summarizer');
  await saveScreenshot(page, testInfo, 'editor-problems');

  // Clicking the problem selects the node it is about.
  await selectNode(page, 'start');
  await problem.click();
  await expect(page.getByTestId('node-panel')).toHaveAttribute('data-node-id', 'answer');

  // Publish refuses, saying why; no version exists.
  await page.getByTestId('publish-open').click();
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('publish-error')).toContainText('not published');
  await expect(page.getByTestId('publish-error')).toContainText('summarizer');
  await page.getByTestId('publish-dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('sidebar-tab-versions').click();
  await expect(page.getByTestId('versions-empty')).toBeVisible();

  // Fixed: the problems go away with the next save and publish goes through.
  await selectNode(page, 'answer');
  await page.getByTestId('answer-template').fill('You said: {{#sys.query#}}');
  await expect(page.getByTestId('template-reference')).toHaveText('sys.query');
  await expectSaved(page);
  await expect(problems).toHaveCount(0);
  await expect(canvasNode(page, 'answer').getByTestId('node-problem-badge')).toHaveCount(0);
  await page.getByTestId('publish-open').click();
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('toast-success')).toContainText('Published version 1');
  await page.getByTestId('sidebar-tab-versions').click();
  await expect(page.getByTestId('version-1')).toBeVisible();
});
