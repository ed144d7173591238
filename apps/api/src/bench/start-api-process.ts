import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

let ticks: number | undefined;
function clockTicksPerSecond(): number {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

const mainPath = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface ApiProcess {
  url: string;
  pid: number;
  /** From spawn to the first 200 from /health. */
  startMs: number;
  /** Resident memory of the server process, from /proc/<pid>/status (VmRSS). */
  rssMb(): Promise<number>;
  /** CPU time (user + system) the server process has used so far, from /proc/<pid>/stat. */
  cpuMs(): Promise<number>;
  /** The same two readings for the embedded database's own process (a child of the server); 0 when there is none. */
  databaseRssMb(): Promise<number>;
  databaseCpuMs(): Promise<number>;
  /** SIGTERM (graceful: flushes traces, closes the database) and wait for the exit. */
  stop(): Promise<number | null>;
}

/**
 * Launches `main.ts` as its own OS process — the way `npm start` runs it, minus npm — on a fixed port, and
 * polls /health until it answers 200, so the start time includes module loading and opening the database.
 */
export async function startApiProcess(options: { port: number; env: Record<string, string>; timeoutMs?: number }): Promise<ApiProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', mainPath], {
    // The API bench measures the API: no builder UI (WEFT_WEB=off) unless the caller asks for it.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', WEFT_WEB: 'off', PORT: String(options.port), HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const deadline = started + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exitCode !== undefined) throw new Error(`The API process exited (${exitCode}) before answering /health:\n${stderr}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API process did not answer /health within ${options.timeoutMs ?? 30_000} ms:\n${stderr}`);
    }
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startMs = performance.now() - started;
  const pid = child.pid;
  if (pid === undefined) throw new Error('The API process has no pid.');

  return {
    url,
    pid,
    startMs,
    rssMb: () => readRssMb(pid),
    cpuMs: () => readCpuMs(pid),
    databaseRssMb: async () => sum(await Promise.all((await databasePids(pid)).map(readRssMb))),
    databaseCpuMs: async () => sum(await Promise.all((await databasePids(pid)).map(readCpuMs))),
    stop: async () => {
      if (exitCode === undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

async function readRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`No VmRSS in /proc/${pid}/status`);
  return Number(kilobytes) / 1024;
}

async function readCpuMs(pid: number): Promise<number> {
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond()) * 1000;
}

/**
 * The embedded database's process among the children of `pid` (from /proc/<pid>/task/<tid>/children), told apart by
 * its command line from tsx's esbuild service, the server's other child.
 */
async function databasePids(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`);
  const lists = await Promise.all(tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '')));
  const children = lists.flatMap((list) => list.split(' ').filter((entry) => entry.trim() !== '').map(Number));
  const commands = await Promise.all(children.map((child) => readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => '')));
  return children.filter((_, index) => commands[index]?.includes('embedded-server/child-main'));
}
