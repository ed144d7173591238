import { test as base, expect } from '@playwright/test';
import { startModelTestServer, type ModelTestServer } from '@weft/model-test-server';
import { startWeft, type WeftInstance } from './weft-instance';

export interface WeftFixtures {
  /** A fresh weft (clean embedded database) for this test; `baseURL` points at it. */
  weft: WeftInstance;
  /** The project's OpenAI-compatible test model server, for journeys that configure a provider. */
  modelServer: ModelTestServer;
}

export const test = base.extend<WeftFixtures>({
  weft: async ({}, use, testInfo) => {
    const weft = await startWeft();
    try {
      await use(weft);
    } finally {
      await weft.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('weft-output.txt', { body: weft.output(), contentType: 'text/plain' });
      }
    }
  },
  baseURL: async ({ weft }, use) => {
    await use(weft.url);
  },
  modelServer: async ({}, use) => {
    const server = await startModelTestServer({ port: 0 });
    try {
      await use(server);
    } finally {
      await server.close();
    }
  },
});

export { expect };
