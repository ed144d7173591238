import { expect, test } from '../support/fixtures';
import { createApp, owner, setUpOwner } from '../support/journey-steps';
import { saveScreenshot } from '../support/screenshots';

test('first run: create the owner, land on the apps list, manage an app, sign out and back in', async ({ page }, testInfo) => {
  await setUpOwner(page);
  await expect(page.getByTestId('apps-empty')).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText(owner.name);
  await expect(page.getByTestId('workspace-name')).toHaveText(owner.workspace);
  await saveScreenshot(page, testInfo, 'apps-list-empty');

  // Setup is a one-time page: once the owner exists it sends to sign-in (here: on to the apps, signed in).
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/(sign-in|apps)/);

  const appId = await createApp(page, 'chatflow', 'Support bot');
  await page.goto('/apps');
  const card = page.locator(`[data-testid="app-card"][data-app-id="${appId}"]`);
  await expect(card.getByTestId('app-name')).toHaveText('Support bot');
  await expect(card.getByTestId('app-mode')).toHaveText('chatflow');

  await card.getByTestId('app-rename').click();
  await page.getByTestId('rename-app-name').fill('Helpdesk bot');
  await page.getByTestId('rename-app-submit').click();
  await expect(card.getByTestId('app-name')).toHaveText('Helpdesk bot');

  await createApp(page, 'workflow', 'Nightly digest');
  await page.goto('/apps');
  await expect(page.getByTestId('app-card')).toHaveCount(2);
  await saveScreenshot(page, testInfo, 'apps-list');

  await card.getByTestId('app-delete').click();
  await page.getByTestId('delete-app-dialog').getByTestId('confirm-submit').click();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('app-card')).toHaveCount(1);

  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // Signed out, a protected page sends back to sign-in and returns there afterwards.
  await page.goto('/settings/members');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByTestId('sign-in-email').fill(owner.email);
  await page.getByTestId('sign-in-password').fill('wrong password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toContainText('Wrong email or password');
  await page.getByTestId('sign-in-password').fill(owner.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(page.locator(`[data-testid="member-row"][data-member-email="${owner.email}"]`)).toContainText('owner');
});
