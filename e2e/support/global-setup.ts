import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './chromium';
import { repoDir } from './weft-instance';

/** Before any journey: Debian's chromium is there, and the web UI is built (only when its sources changed). */
export default function globalSetup(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install Debian's: \`apt-get install -y chromium\` (or set WEFT_CHROMIUM_PATH). ` +
        'The browser tests never download a browser.',
    );
  }
  execFileSync(process.execPath, [join(repoDir, 'apps', 'web', 'scripts', 'ensure-build.mjs')], { stdio: 'inherit' });
}
