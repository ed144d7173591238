import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { repoDir } from './weft-instance';

/** Where journeys keep the screenshots the issue asks for (editor, run trace, knowledge page). */
export const screenshotsDir = join(repoDir, 'test-results', 'screenshots');

/** Saves a full-page screenshot as test-results/screenshots/<name>.png and attaches it to the report. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  await mkdir(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  return path;
}
