import { availableParallelism, loadavg } from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../e2e/support/chromium';
import { startWeft } from '../../../e2e/support/weft-instance';
import { createBenchGraph, draggedNodeId } from './bench-graph';
import { installCanvasProbe, loadMilestones, startFrameRecording, stopFrameRecording, waitForCanvasReady } from './canvas-probe';
import { frameStats, type FrameStats } from './frame-stats';
import { difference, openMainThreadMetrics, type MainThreadTotals } from './main-thread-metrics';
import { childPids, descendantsCpuMs } from './process-cpu';
import { seedDraft } from './seed-draft';
import { createBenchOutput } from '@weft/testkit';

/**
 * npm run bench:web — the editor canvas under a 200-node, 250-edge draft, as `key=value` lines on stdout (progress
 * on stderr). A fresh weft (embedded database in a temp dir) serves the production build; the draft is seeded
 * through the builder's tRPC API; Debian's Chromium opens the editor, then a node is dragged with the mouse for
 * ~2 s while the page records requestAnimationFrame intervals.
 */
const size = { nodes: 200, edges: 250 };
const viewport = { width: 1600, height: 1000 };
const dragMs = 2_000;
/** A real mouse reports at 60–125 Hz; 8 ms between moves keeps the page busy with input every frame. */
const moveEveryMs = 8;
const idleMs = 1_000;
const loadTimeoutMs = 30_000;

const { progress, figure } = createBenchOutput('web');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * CPU time used so far by Chromium (browser, renderer, GPU and utility processes). Unlike frame times, it barely
 * depends on what else the machine is running, so it is the figure to compare between runs on a shared machine.
 */
function chromiumCpuMs(): () => number {
  const browsers = childPids(process.pid, /chrom/i);
  if (browsers.length === 0) throw new Error('No Chromium process under the bench process; cannot measure its CPU time.');
  return () => browsers.reduce((total, pid) => total + descendantsCpuMs(pid, { includeRoot: true }), 0);
}

/** The node wrapper's inline style, which carries its transform (position on the canvas). */
async function nodeTransform(page: Page, nodeId: string): Promise<string> {
  return (await page.locator(`.react-flow__node[data-id="${nodeId}"]`).getAttribute('style')) ?? '';
}

/**
 * Presses on the node's card and circles it around its start point for `dragMs`, recording frames meanwhile. Moves
 * are sent every `moveEveryMs` without waiting for the page to take the previous one, as a real mouse does: a page
 * that falls behind shows it in its frame times instead of slowing the input down.
 */
async function dragNode(page: Page, nodeId: string): Promise<{ stats: FrameStats; moves: number; mainThread: MainThreadTotals; browserCpuMs: number }> {
  const metrics = await openMainThreadMetrics(page);
  const browserCpuMs = chromiumCpuMs();
  const box = await page.getByTestId(`canvas-node-${nodeId}`).boundingBox();
  if (!box) throw new Error(`Node ${nodeId} has no box on screen; the bench graph should fit the view.`);
  const origin = { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 4, 10) };
  const before = await nodeTransform(page, nodeId);
  await page.mouse.move(origin.x, origin.y);
  await page.mouse.down();
  await startFrameRecording(page);
  const totalsBefore = await metrics.read();
  const cpuBefore = browserCpuMs();
  const started = Date.now();
  const sent: Promise<void>[] = [];
  for (let elapsed = 0; elapsed < dragMs; elapsed = Date.now() - started) {
    const angle = (elapsed / 1000) * Math.PI * 2;
    sent.push(page.mouse.move(origin.x + 120 * Math.sin(angle) + 60, origin.y + 80 * (1 - Math.cos(angle)) + 20));
    await sleep(moveEveryMs);
  }
  await Promise.all(sent);
  const intervals = await stopFrameRecording(page);
  const cpuUsed = browserCpuMs() - cpuBefore;
  const mainThread = difference(await metrics.read(), totalsBefore);
  await page.mouse.up();
  const after = await nodeTransform(page, nodeId);
  if (before === after) throw new Error(`Dragging ${nodeId} did not move it (transform stayed ${before}); the measurement would be of an idle page.`);
  return { stats: frameStats(intervals), moves: sent.length, mainThread, browserCpuMs: cpuUsed };
}

async function main(): Promise<void> {
  const graph = createBenchGraph(size);
  progress('starting weft on a temp embedded database');
  const weft = await startWeft();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    progress(`weft at ${weft.url}; seeding a ${size.nodes}-node, ${size.edges}-edge draft through tRPC`);
    const seeded = await seedDraft(weft.url, graph);
    if (seeded.problemCount > 0) throw new Error(`The bench graph has ${seeded.problemCount} compile problems; fix createBenchGraph.`);
    // The first request makes Next load its server bundles; the browser's first navigation should not pay for that.
    await fetch(`${weft.url}/apps/${seeded.appId}`);

    const context = await browser.newContext({ viewport, baseURL: weft.url });
    const origin = new URL(weft.url);
    await context.addCookies([{ name: seeded.sessionCookie.name, value: seeded.sessionCookie.value, domain: origin.hostname, path: '/' }]);
    const page = await context.newPage();
    await installCanvasProbe(page);

    progress('opening the editor (cold browser cache)');
    await page.goto(`/apps/${seeded.appId}`, { waitUntil: 'commit' });
    const loadMs = await waitForCanvasReady(page, size.nodes, loadTimeoutMs);
    const milestones = await loadMilestones(page);
    progress(`canvas ready after ${loadMs.toFixed(0)} ms (document parsed at ${milestones.domContentLoadedMs.toFixed(0)} ms, draft received at ${milestones.draftLoadedMs.toFixed(0)} ms)`);

    await sleep(500);
    await startFrameRecording(page);
    await sleep(idleMs);
    const idle = frameStats(await stopFrameRecording(page));

    const nodeId = draggedNodeId(graph);
    progress(`dragging ${nodeId} for ${dragMs} ms`);
    const drag = await dragNode(page, nodeId);
    const [loadAverage = Number.NaN] = loadavg();
    progress(`drag: ${drag.moves} mouse moves, ${drag.stats.frames} frames, ${drag.stats.slowFrames} slower than 60 Hz, worst ${drag.stats.max.toFixed(1)} ms`);

    // Frame times on a shared machine say as much about the neighbours as about the canvas: print the context.
    figure('web.cpus', availableParallelism());
    figure('web.load_average_1m', loadAverage);
    figure('web.nodes', size.nodes);
    figure('web.edges', size.edges);
    figure('web.load_ms', loadMs);
    figure('web.load_dom_content_loaded_ms', milestones.domContentLoadedMs);
    figure('web.load_draft_received_ms', milestones.draftLoadedMs);
    figure('web.idle_frame_ms_p95', idle.p95);
    figure('web.drag_frame_ms_p50', drag.stats.p50);
    figure('web.drag_frame_ms_p95', drag.stats.p95);
    figure('web.drag_frame_ms_max', drag.stats.max);
    figure('web.drag_frames', drag.stats.frames);
    figure('web.drag_slow_frames', drag.stats.slowFrames);
    figure('web.drag_mouse_moves', drag.moves);
    figure('web.drag_chromium_cpu_ms', drag.browserCpuMs);
    figure('web.drag_chromium_cpu_ms_per_frame', drag.browserCpuMs / drag.stats.frames);
    // Main-thread time per recorded frame while dragging, split by kind (Chromium's own counters).
    for (const [key, total] of Object.entries(drag.mainThread)) figure(`web.drag_${key.replace(/Ms$/, '')}_ms_per_frame`, total / drag.stats.frames);
    await context.close();
  } finally {
    await browser.close();
    await weft.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench:web] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
