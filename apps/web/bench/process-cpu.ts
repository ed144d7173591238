import { readFileSync, readdirSync } from 'node:fs';

/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ) on every mainstream build. */
const ticksPerSecond = 100;

interface ProcessStat {
  pid: number;
  parentPid: number;
  cpuMs: number;
}

/** `/proc/<pid>/stat`: the command may contain spaces and parentheses, so fields are read after the last `)`. */
export function parseProcStat(pid: number, stat: string): ProcessStat | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state(0) ppid(1) … utime(11) stime(12).
  const parentPid = Number(fields[1]);
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  if (!Number.isFinite(parentPid) || !Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) return undefined;
  return { pid, parentPid, cpuMs: ((userTicks + systemTicks) * 1000) / ticksPerSecond };
}

function readStats(): ProcessStat[] {
  const stats: ProcessStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = parseProcStat(Number(entry), readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat) stats.push(stat);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return stats;
}

/** Direct children of `parentPid` whose command name (`/proc/<pid>/comm`) matches. */
export function childPids(parentPid: number, name: RegExp): number[] {
  return readStats()
    .filter((stat) => stat.parentPid === parentPid)
    .filter((stat) => {
      try {
        return name.test(readFileSync(`/proc/${stat.pid}/comm`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map((stat) => stat.pid);
}

/** CPU time (user + system, ms) used so far by the descendants of `rootPid`, and by `rootPid` itself if asked. */
export function descendantsCpuMs(rootPid: number, options: { includeRoot?: boolean } = {}): number {
  const stats = readStats();
  const children = new Map<number, ProcessStat[]>();
  for (const stat of stats) children.set(stat.parentPid, [...(children.get(stat.parentPid) ?? []), stat]);
  let total = options.includeRoot ? (stats.find((stat) => stat.pid === rootPid)?.cpuMs ?? 0) : 0;
  const queue = [...(children.get(rootPid) ?? [])];
  for (let stat = queue.shift(); stat !== undefined; stat = queue.shift()) {
    total += stat.cpuMs;
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return total;
}
