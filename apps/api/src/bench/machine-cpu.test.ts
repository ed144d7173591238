import { describe, expect, it } from 'vitest';
import { machineShares, parseProcStat, readMachineCpu } from './machine-cpu';

describe('machine CPU readings', () => {
  it('reads busy, steal and total ticks from the aggregate line of /proc/stat', () => {
    const text = 'cpu  100 5 40 800 20 3 2 30 7 0\ncpu0 50 2 20 400 10 1 1 15 3 0\nintr 1 2 3\n';
    expect(parseProcStat(text)).toEqual({ busy: 150, steal: 30, total: 1000 });
  });

  it('refuses text that is not /proc/stat', () => {
    expect(() => parseProcStat('cpu0 1 2 3 4 5 6 7 8')).toThrow(/aggregate cpu line/);
    expect(() => parseProcStat('cpu 1 2 three 4 5 6 7 8')).toThrow(/aggregate cpu line/);
    expect(() => parseProcStat('')).toThrow(/aggregate cpu line/);
  });

  it('gives the shares of the time between two readings', () => {
    const before = { busy: 100, steal: 10, total: 1000 };
    expect(machineShares(before, { busy: 250, steal: 30, total: 1200 })).toEqual({ busy: 0.75, steal: 0.1 });
    expect(machineShares(before, before)).toEqual({ busy: 0, steal: 0 });
  });

  it('sees this machine work while a loop spins', async () => {
    const before = await readMachineCpu();
    const until = performance.now() + 100;
    while (performance.now() < until) {
      // spin: this process alone keeps one CPU busy
    }
    const after = await readMachineCpu();
    expect(after.total).toBeGreaterThan(before.total);
    expect(after.busy).toBeGreaterThan(before.busy);
  });
});
