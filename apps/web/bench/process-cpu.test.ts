import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { descendantsCpuMs, parseProcStat } from './process-cpu';

describe('process CPU time', () => {
  it('reads parent and user + system ticks after a command with spaces and parentheses', () => {
    const stat = '4242 (chromium (x) y) S 4200 4242 4242 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 9 0 1000 0 0';
    expect(parseProcStat(4242, stat)).toEqual({ pid: 4242, parentPid: 4200, cpuMs: 2870 });
  });

  it("counts a child process's CPU time under this process", async () => {
    const before = descendantsCpuMs(process.pid);
    // Burns 300 ms of CPU (however long that takes on a busy machine), says so, then idles until killed.
    const burn = 'while (process.cpuUsage().user < 300000); process.stdout.write("burnt"); setInterval(() => {}, 1000);';
    const child = spawn(process.execPath, ['-e', burn], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      expect(descendantsCpuMs(process.pid) - before).toBeGreaterThanOrEqual(250);
    } finally {
      child.kill();
    }
  });
});
