import type { Page } from 'playwright-core';
import { z } from 'zod';

/**
 * Runs inside the page (installed as an init script, so it exists from navigation start). Plain JavaScript in a
 * string: functions handed to page.evaluate from tsx-compiled code can carry helpers the page does not have.
 *
 * - `canvasReady(n)`: resolves once n React Flow nodes are in the DOM and measured (React Flow keeps unmeasured
 *   nodes `visibility: hidden`), then once more after a painted frame and a task, i.e. when the main thread is free
 *   to take input. Returns `performance.now()`, which counts from navigation start.
 * - `loadMilestones()`: when the document was parsed (DOMContentLoaded) and when the draft arrived from the API
 *   (end of the last tRPC request naming drafts.get), both from navigation start, to see where load time goes.
 * - `startFrames()` / `stopFrames()`: records the interval between consecutive requestAnimationFrame callbacks.
 */
const probeScript = `
(() => {
  let recording = null;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  window.__weftCanvasProbe = {
    async canvasReady(expected) {
      for (;;) {
        const nodes = document.querySelectorAll('.react-flow__node');
        const pane = document.querySelector('.react-flow__pane');
        if (pane && nodes.length >= expected && Array.from(nodes).every((node) => getComputedStyle(node).visibility !== 'hidden')) break;
        await nextFrame();
      }
      await nextFrame();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return performance.now();
    },
    loadMilestones() {
      const navigation = performance.getEntriesByType('navigation')[0];
      const drafts = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('drafts.get'));
      return {
        domContentLoadedMs: navigation ? navigation.domContentLoadedEventEnd : -1,
        draftLoadedMs: drafts.length > 0 ? Math.max(...drafts.map((entry) => entry.responseEnd)) : -1,
      };
    },
    describe() {
      const count = document.querySelectorAll('.react-flow__node').length;
      return count + ' nodes at ' + location.href + '; the page says: ' + document.body.innerText.replace(/\\s+/g, ' ').slice(0, 400);
    },
    startFrames() {
      recording = { intervals: [], last: undefined, running: true };
      const current = recording;
      const tick = (time) => {
        if (!current.running) return;
        if (current.last !== undefined) current.intervals.push(time - current.last);
        current.last = time;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    stopFrames() {
      if (!recording) return [];
      recording.running = false;
      return recording.intervals;
    },
  };
})();
`;

export async function installCanvasProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: probeScript });
}

/** ms from navigation start until `expected` nodes are rendered and the page can take input. */
export async function waitForCanvasReady(page: Page, expected: number, timeoutMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void page
        .evaluate('window.__weftCanvasProbe.describe()')
        .then((state) => reject(new Error(`The canvas did not show ${expected} measured nodes within ${timeoutMs} ms: ${String(state)}`)), reject);
    }, timeoutMs);
  });
  try {
    const value = await Promise.race([page.evaluate(`window.__weftCanvasProbe.canvasReady(${expected})`), timeout]);
    if (typeof value !== 'number') throw new Error(`canvasReady returned ${String(value)} instead of a time.`);
    return value;
  } finally {
    clearTimeout(timer);
  }
}

const loadMilestonesSchema = z.object({ domContentLoadedMs: z.number(), draftLoadedMs: z.number() });
export type LoadMilestones = z.infer<typeof loadMilestonesSchema>;

export async function loadMilestones(page: Page): Promise<LoadMilestones> {
  return loadMilestonesSchema.parse(await page.evaluate('window.__weftCanvasProbe.loadMilestones()'));
}

export async function startFrameRecording(page: Page): Promise<void> {
  await page.evaluate('window.__weftCanvasProbe.startFrames()');
}

export async function stopFrameRecording(page: Page): Promise<number[]> {
  const intervals: unknown = await page.evaluate('window.__weftCanvasProbe.stopFrames()');
  if (!Array.isArray(intervals) || !intervals.every((value) => typeof value === 'number')) throw new Error('stopFrames returned something other than a list of numbers.');
  return intervals;
}
