import { readFile } from 'node:fs/promises';

/** The whole machine's CPU time so far, in clock ticks summed over all CPUs (the aggregate `cpu` line of /proc/stat). */
export interface MachineCpu {
  /** Time spent working inside this machine: user, nice, system, irq and softirq. */
  busy: number;
  /** Time the hypervisor gave our CPUs to someone else while they had work: the noise of a shared host. */
  steal: number;
  /** Everything, idle and iowait included. */
  total: number;
}

/** Parses /proc/stat's first line: `cpu user nice system idle iowait irq softirq steal guest guest_nice`. */
export function parseProcStat(text: string): MachineCpu {
  const line = text.split('\n', 1)[0] ?? '';
  const [label, ...fields] = line.trim().split(/\s+/);
  const ticks = fields.slice(0, 8).map(Number);
  if (label !== 'cpu' || ticks.length < 8 || ticks.some((value) => !Number.isFinite(value))) {
    throw new Error(`Not an aggregate cpu line of /proc/stat: "${line}"`);
  }
  const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks as [number, number, number, number, number, number, number, number];
  // guest and guest_nice are already counted in user and nice.
  return { busy: user + nice + system + irq + softirq, steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
}

export async function readMachineCpu(): Promise<MachineCpu> {
  return parseProcStat(await readFile('/proc/stat', 'utf8'));
}

/** The shares of all CPUs' time between two readings that went to work here and to other tenants (0 to 1 each). */
export function machineShares(before: MachineCpu, after: MachineCpu): { busy: number; steal: number } {
  const total = after.total - before.total;
  if (total <= 0) return { busy: 0, steal: 0 };
  return { busy: (after.busy - before.busy) / total, steal: (after.steal - before.steal) / total };
}
