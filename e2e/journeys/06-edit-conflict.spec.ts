import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { canvasNode, expectSaved, openEditor, selectNode } from '../support/editor-steps';
import { createApp, owner, setUpOwner } from '../support/journey-steps';
import { saveScreenshot } from '../support/screenshots';

const editor = { name: 'Bea Editor', email: 'bea@example.com', password: 'another long password' };

async function renameNode(page: Page, nodeId: string, title: string): Promise<void> {
  await selectNode(page, nodeId);
  await page.getByTestId('node-title-input').fill(title);
  await expect(canvasNode(page, nodeId).getByTestId('node-title')).toHaveText(title);
}

async function expectTitles(page: Page, titles: Record<string, string>): Promise<void> {
  for (const [nodeId, title] of Object.entries(titles)) await expect(canvasNode(page, nodeId).getByTestId('node-title')).toHaveText(title);
}

/** The later save stops with the banner naming who saved first and when; nothing is saved until a choice. */
async function expectConflictFrom(page: Page, savedBy: string): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'conflict');
  const message = page.getByTestId('draft-conflict-message');
  await expect(message).toContainText(`${savedBy} saved this draft at`);
  await expect(message).toContainText(String(new Date().getFullYear()));
  await expect(message).toContainText('Your changes are still here, not saved.');
}

test('two people edit one draft: the later save sees who saved first and when, and no edit is lost', async ({ page, browser, weft }, testInfo) => {
  await setUpOwner(page);
  await page.goto('/settings/members');
  await page.getByTestId('add-member').click();
  const dialog = page.getByTestId('add-member-dialog');
  await dialog.getByTestId('member-email').fill(editor.email);
  await dialog.getByTestId('member-role').selectOption('editor');
  await dialog.getByTestId('member-name').fill(editor.name);
  await dialog.getByTestId('member-password').fill(editor.password);
  await page.getByTestId('add-member-submit').click();
  await expect(page.locator(`[data-testid="member-row"][data-member-email="${editor.email}"]`)).toContainText('editor');
  const appId = await createApp(page, 'chatflow', 'Shared draft');
  await openEditor(page, appId);

  const beaContext = await browser.newContext({ baseURL: weft.url, viewport: { width: 1440, height: 900 } });
  try {
    const bea = await beaContext.newPage();
    await bea.goto(`/apps/${encodeURIComponent(appId)}`);
    await expect(bea).toHaveURL(/\/sign-in\?next=/);
    await bea.getByTestId('sign-in-email').fill(editor.email);
    await bea.getByTestId('sign-in-password').fill(editor.password);
    await bea.getByTestId('sign-in-submit').click();
    await expect(bea.getByTestId('editor-screen')).toHaveAttribute('data-ready', 'true');

    // Round 1: Ada saves first; Bea's save conflicts; "Keep both" merges node by node.
    await renameNode(page, 'answer', 'Reply (Ada)');
    await expectSaved(page);
    await renameNode(bea, 'start', 'Start (Bea)');
    await expectConflictFrom(bea, owner.name);
    await saveScreenshot(bea, testInfo, 'editor-draft-conflict');
    await bea.getByTestId('conflict-keep-both').click();
    await expectSaved(bea);
    await expect(bea.getByTestId('draft-conflict')).toHaveCount(0);
    await expectTitles(bea, { start: 'Start (Bea)', answer: 'Reply (Ada)' });
    await page.reload();
    await expectTitles(page, { start: 'Start (Bea)', answer: 'Reply (Ada)' });

    // Round 2: Bea saves first; Ada's save conflicts; "Reload theirs" shows Bea's draft with Ada's one undo away.
    await renameNode(bea, 'answer', 'Reply (Bea)');
    await expectSaved(bea);
    await renameNode(page, 'start', 'Start (Ada)');
    await expectConflictFrom(page, editor.name);
    await page.getByTestId('conflict-reload').click();
    await expect(page.getByTestId('draft-conflict')).toHaveCount(0);
    await expectTitles(page, { start: 'Start (Bea)', answer: 'Reply (Bea)' });
    await page.getByTestId('toolbar-undo').click();
    await expectTitles(page, { start: 'Start (Ada)', answer: 'Reply (Ada)' });
    await page.getByTestId('toolbar-redo').click();
    await expectTitles(page, { start: 'Start (Bea)', answer: 'Reply (Bea)' });
    await renameNode(page, 'start', 'Start (Ada)');
    await expectSaved(page);
    await bea.reload();
    await expectTitles(bea, { start: 'Start (Ada)', answer: 'Reply (Bea)' });

    // Round 3: both rename the same node; Bea's later save conflicts and she overwrites on purpose.
    await renameNode(page, 'start', 'Entry (Ada)');
    await expectSaved(page);
    await renameNode(bea, 'start', 'Entry (Bea)');
    await expectConflictFrom(bea, owner.name);
    await bea.getByTestId('conflict-overwrite').click();
    await expectSaved(bea);
    await page.reload();
    await expectTitles(page, { start: 'Entry (Bea)', answer: 'Reply (Bea)' });
  } finally {
    await beaContext.close();
  }
});
