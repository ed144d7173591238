import type { CDPSession, Page } from 'playwright-core';

/** Cumulative main-thread seconds Chromium reports (Performance.getMetrics), in ms. */
export interface MainThreadTotals {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
}

const metricNames = { taskMs: 'TaskDuration', scriptMs: 'ScriptDuration', layoutMs: 'LayoutDuration', styleMs: 'RecalcStyleDuration' } as const;

/** Reads Chromium's main-thread counters over CDP, to split a drag's cost into script, style and layout. */
export async function openMainThreadMetrics(page: Page): Promise<{ read(): Promise<MainThreadTotals> }> {
  const session: CDPSession = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  return {
    async read() {
      const { metrics } = await session.send('Performance.getMetrics');
      const valueOf = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? Number.NaN) * 1000;
      return {
        taskMs: valueOf(metricNames.taskMs),
        scriptMs: valueOf(metricNames.scriptMs),
        layoutMs: valueOf(metricNames.layoutMs),
        styleMs: valueOf(metricNames.styleMs),
      };
    },
  };
}

export function difference(after: MainThreadTotals, before: MainThreadTotals): MainThreadTotals {
  return { taskMs: after.taskMs - before.taskMs, scriptMs: after.scriptMs - before.scriptMs, layoutMs: after.layoutMs - before.layoutMs, styleMs: after.styleMs - before.styleMs };
}
