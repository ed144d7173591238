import { expect, type Page } from '@playwright/test';
import type { ModelTestServer } from '@weft/model-test-server';

export const owner = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery', workspace: 'Acme' };

/** The provider name journeys give the model test server; models are then `test:weft-test-model`. */
export const testProviderName = 'test';
export const testChatModel = 'weft-test-model';

/** First run through the UI: `/` sends to setup, the owner is created, the apps list opens. */
export async function setUpOwner(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByTestId('setup-name').fill(owner.name);
  await page.getByTestId('setup-email').fill(owner.email);
  await page.getByTestId('setup-password').fill(owner.password);
  await page.getByTestId('setup-workspace').fill(owner.workspace);
  await page.getByTestId('setup-submit').click();
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByTestId('apps-page')).toBeVisible();
}

/** Settings → Model providers: adds the model test server as an OpenAI-compatible provider and tests it. */
export async function addTestModelProvider(page: Page, modelServer: ModelTestServer): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await expect(page).toHaveURL(/\/settings\/providers$/);
  await page.getByTestId('add-provider').click();
  const dialog = page.getByTestId('provider-dialog');
  await dialog.getByTestId('provider-name').fill(testProviderName);
  await dialog.getByTestId('provider-kind').selectOption('openai');
  await dialog.getByTestId('provider-base-url').fill(modelServer.url);
  await dialog.getByTestId('provider-api-key').fill('not-needed-by-the-test-server');
  await dialog.getByTestId('provider-save').click();
  await expect(dialog).toBeHidden();
  const row = page.locator(`[data-testid="provider-row"][data-provider-name="${testProviderName}"]`);
  await expect(row).toBeVisible();
  await row.getByTestId('test-connection-model').fill(testChatModel);
  await row.getByTestId('test-connection-submit').click();
  await expect(row.getByTestId('test-connection-ok')).toContainText(testChatModel);
}

/** Apps list → Create app; returns the new app's id (the editor opens on it). */
export async function createApp(page: Page, mode: 'workflow' | 'chatflow', name: string): Promise<string> {
  await page.getByTestId('nav-apps').click();
  await page.getByTestId('create-app').click();
  const dialog = page.getByTestId('create-app-dialog');
  await dialog.getByTestId(`create-app-mode-${mode}`).click();
  await dialog.getByTestId('create-app-name').fill(name);
  await dialog.getByTestId('create-app-submit').click();
  await expect(page).toHaveURL(/\/apps\/[^/?]+/);
  const appId = /\/apps\/([^/?]+)/.exec(page.url())?.[1];
  if (!appId) throw new Error(`No app id in ${page.url()}`);
  return decodeURIComponent(appId);
}
