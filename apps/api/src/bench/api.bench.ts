import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startModelTestServer } from '@weft/model-test-server';
import { percentile, runLoad, type LoadOptions, type LoadResult } from './run-load';
import { seedBenchApp } from './seed-bench-app';
import { startApiProcess, type ApiProcess } from './start-api-process';
import { machineShares, readMachineCpu } from './machine-cpu';
import { startBareServer } from './start-bare-server';
import { createBenchOutput, unusedPort } from '@weft/testkit';

/**
 * npm run bench:api — issue 4's figures, as `key=value` lines on stdout (progress on stderr). Everything runs on
 * loopback in one go: the model test server (50 ms per answer) and the load generator in this process, the API
 * server as a child process on the embedded default (whose database runs in a child process of the server: its
 * memory and CPU are printed as api.db_process_*), seeded through the builder API. Each load run is capped in
 * time as well as in requests, so the whole bench stays under 3 minutes even on a busy machine.
 */
const modelLatencyMs = 50;
const c1Rounds = 4;
const c1RequestsPerRound = 50;
const c50Requests = 2_500;
const cachedRequests = 5_000;
const bareRequests = 20_000;
const stampedeRequests = 100;

const { progress, figure } = createBenchOutput('api');

function checked(name: string, result: LoadResult): LoadResult {
  if (result.failures > 0) throw new Error(`${name}: ${result.failures}/${result.requests} requests failed; first: ${result.firstFailure}`);
  progress(`${name}: ${result.requests} requests, ${result.rps.toFixed(0)} rps, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`);
  return result;
}

/** Alternates the two targets round by round, so drift on a shared machine hits both alike. */
async function interleavedP50(first: (round: number) => LoadOptions, second: (round: number) => LoadOptions): Promise<[number, number]> {
  const latencies: [number[], number[]] = [[], []];
  for (let round = 0; round < c1Rounds; round++) {
    for (const [index, options] of [first, second].entries()) {
      const result = checked(`c1 round ${round + 1} ${index === 0 ? 'floor' : 'weft'}`, await runLoad(options(round)));
      latencies[index]?.push(...result.latenciesMs);
    }
  }
  const median = (values: number[]) => percentile(Float64Array.from(values).sort(), 0.5);
  return [median(latencies[0]), median(latencies[1])];
}

/** `api.<name>rps_c50`, `api.<name>p50_ms_c50` and `api.<name>p99_ms_c50` of one load at concurrency 50. */
function c50Figures(name: '' | 'floor_' | 'cached_' | 'bare_http_', result: LoadResult): void {
  figure(`api.${name}rps_c50`, result.rps);
  figure(`api.${name}p50_ms_c50`, result.p50Ms);
  figure(`api.${name}p99_ms_c50`, result.p99Ms);
}

interface LoadCosts {
  result: LoadResult;
  /** CPU per request of the server and of its database process (0 without a server: the floor). */
  cpuPerRequest: number;
  dbCpuPerRequest: number;
  /** CPU per request of this process: the load tool and the model test server. */
  benchCpuPerRequest: number;
  /** Shares of the whole machine's CPU time meanwhile: working here, and taken by other tenants of the host. */
  machineBusy: number;
  machineSteal: number;
}

/** Runs a load and divides the CPU each process used meanwhile by its requests; reads the machine's load as well. */
async function withCpuPerRequest(api: ApiProcess | undefined, load: () => Promise<LoadResult>): Promise<LoadCosts> {
  const serverCpu = async () => (api ? Promise.all([api.cpuMs(), api.databaseCpuMs()]) : [0, 0]);
  const benchCpu = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const [[cpuBefore, dbCpuBefore], machineBefore, benchBefore] = [await serverCpu(), await readMachineCpu(), benchCpu()];
  const result = await load();
  const [benchAfter, machineAfter, [cpuAfter, dbCpuAfter]] = [benchCpu(), await readMachineCpu(), await serverCpu()];
  const shares = machineShares(machineBefore, machineAfter);
  const perRequest = (before: number, after: number) => (after - before) / result.requests;
  return {
    result,
    cpuPerRequest: perRequest(cpuBefore, cpuAfter),
    dbCpuPerRequest: perRequest(dbCpuBefore, dbCpuAfter),
    benchCpuPerRequest: perRequest(benchBefore, benchAfter),
    machineBusy: shares.busy,
    machineSteal: shares.steal,
  };
}

async function main(): Promise<void> {
  const modelServer = await startModelTestServer({ latencyMs: modelLatencyMs });
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-bench-api-'));
  let stopApi: (() => Promise<unknown>) | undefined;
  try {
    progress('seeding a published chat app through the builder API (this also migrates the embedded database)');
    const { apiKey } = await seedBenchApp({ dataDir, modelServerUrl: modelServer.url });

    const api = await startApiProcess({
      port: await unusedPort(),
      // The stampede sends 100 concurrent runs of one app: lift the per-app limit (default 50) above that.
      env: { WEFT_DATA_DIR: dataDir, WEFT_LOG_LEVEL: 'warn', WEFT_MAX_CONCURRENT_RUNS_PER_APP: '128' },
    });
    stopApi = api.stop;
    progress(`API process ${api.pid} healthy after ${api.startMs.toFixed(0)} ms`);
    const rssIdle = await api.rssMb();
    const dbRssIdle = await api.databaseRssMb();

    const runTag = Date.now().toString(36);
    const chat = (query: (index: number) => string, concurrency: number, requests: number, maxDurationMs?: number): LoadOptions => ({
      url: `${api.url}/v1/chat-messages`,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: (index) => JSON.stringify({ inputs: {}, query: query(index), response_mode: 'blocking', user: 'bench' }),
      accept: (status, body) => status === 200 && body.includes('"answer"'),
      concurrency,
      requests,
      maxDurationMs,
    });
    const unique = (label: string) => (index: number) => `question ${runTag}-${label}-${index}`;

    progress('warming up');
    checked('warm-up weft', await runLoad(chat(unique('warm'), 10, 200, 10_000)));
    const modelRequest = modelServer.requests.at(-1);
    if (!modelRequest || modelRequest.body === undefined) throw new Error('weft sent nothing to the model test server');
    // The floor replays exactly what weft sends the model (same body, same streaming), with the same tool.
    const floor = (concurrency: number, requests: number, maxDurationMs?: number): LoadOptions => ({
      url: `${modelServer.url}/chat/completions`,
      headers: { authorization: 'Bearer sk-bench-test-model', 'content-type': 'application/json' },
      body: JSON.stringify(modelRequest.body),
      concurrency,
      requests,
      maxDurationMs,
    });
    checked('warm-up floor', await runLoad(floor(10, 200, 10_000)));

    const [floorP50, weftP50] = await interleavedP50(
      () => floor(1, c1RequestsPerRound, 6_000),
      (round) => chat(unique(`c1-${round}`), 1, c1RequestsPerRound, 6_000), // a fresh query per request: no cache hits
    );
    figure('api.overhead_p50_ms_c1', weftP50 - floorP50);
    figure('api.p50_ms_c1', weftP50);
    figure('api.floor_p50_ms_c1', floorP50);

    const floorC50 = await withCpuPerRequest(undefined, () => runLoad(floor(50, c50Requests, 15_000)).then((result) => checked('floor c50', result)));
    const weftC50 = await withCpuPerRequest(api, () => runLoad(chat(unique('c50'), 50, c50Requests, 15_000)).then((result) => checked('weft c50', result)));
    c50Figures('', weftC50.result);
    // Not a target, but steadier on a busy machine than rps: the server's own CPU cost per request.
    figure('api.server_cpu_ms_per_request_c50', weftC50.cpuPerRequest);
    // The embedded database runs in a child process of the server: its CPU is part of the cost of a request too.
    figure('api.db_process_cpu_ms_per_request_c50', weftC50.dbCpuPerRequest);
    // Everything shares this machine's CPUs: the load tool and the model test server (this process) and the whole
    // machine's busy share show whether throughput was bound by CPU, and steal how much the host took meanwhile.
    figure('api.load_and_model_cpu_ms_per_request_c50', weftC50.benchCpuPerRequest);
    figure('api.machine_busy_share_c50', weftC50.machineBusy);
    figure('api.machine_steal_share_c50', weftC50.machineSteal);
    c50Figures('floor_', floorC50.result);
    figure('api.floor_load_and_model_cpu_ms_per_request_c50', floorC50.benchCpuPerRequest);
    figure('api.floor_machine_busy_share_c50', floorC50.machineBusy);

    const cachedQuery = () => `question ${runTag}-cached`;
    checked('cache fill', await runLoad(chat(cachedQuery, 1, 1)));
    const modelCallsBefore = modelServer.stats.chatRequests;
    const { result: cached, cpuPerRequest: cpuPerCachedRequest, dbCpuPerRequest: dbCpuPerCachedRequest, machineBusy: cachedMachineBusy } = await withCpuPerRequest(api, () =>
      runLoad(chat(cachedQuery, 50, cachedRequests, 12_000)).then((result) => checked('weft cached c50', result)),
    );
    const modelCallsDuringCached = modelServer.stats.chatRequests - modelCallsBefore;
    if (modelCallsDuringCached > 0) progress(`warning: ${modelCallsDuringCached} model calls during the cached run (expected 0)`);
    const sample = await fetch(`${api.url}/v1/chat-messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: {}, query: cachedQuery(), response_mode: 'blocking', user: 'bench' }),
    }).then((response) => response.text());
    const bare = await startBareServer(sample); // the same answer, from the simplest possible server
    const bareC50 = checked('bare node:http c50', await runLoad({ url: bare.url, body: '{}', concurrency: 50, requests: bareRequests, maxDurationMs: 8_000 }));
    await bare.close();
    c50Figures('cached_', cached);
    figure('api.server_cpu_ms_per_cached_request_c50', cpuPerCachedRequest);
    figure('api.db_process_cpu_ms_per_cached_request_c50', dbCpuPerCachedRequest);
    figure('api.cached_machine_busy_share_c50', cachedMachineBusy);
    c50Figures('bare_http_', bareC50);

    modelServer.resetStats();
    const stampedeQuery = () => `question ${runTag}-stampede`;
    checked('stampede', await runLoad(chat(stampedeQuery, stampedeRequests, stampedeRequests)));
    figure('api.stampede_model_calls', modelServer.stats.chatRequests);

    // Traces are written after answers, batched: let the writer catch up before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    figure('api.rss_mb_idle', rssIdle);
    const rssAfterLoad = await api.rssMb();
    figure('api.rss_mb_after_load', rssAfterLoad);
    // Memory must not grow with the number of requests served: serve the c50 load once more (fresh queries, so new
    // cache entries, conversations and traces) and compare. A plateau shows warm-up, not a leak.
    checked('weft c50 again', await runLoad(chat(unique('c50-again'), 50, c50Requests, 15_000)));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    figure('api.rss_mb_after_load_again', await api.rssMb());
    // Not the target's figure (that is the server's own, as PostgreSQL's is not counted in server mode), but the
    // embedded default's whole footprint is the two together.
    figure('api.db_process_rss_mb_idle', dbRssIdle);
    figure('api.db_process_rss_mb_after_load', await api.databaseRssMb());
    figure('api.start_ms', api.startMs);

    const exitCode = await api.stop();
    stopApi = undefined;
    if (exitCode !== 0) throw new Error(`The API process exited with ${exitCode} on SIGTERM (expected a clean shutdown).`);
  } finally {
    await stopApi?.().catch(() => undefined);
    await modelServer.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench:api] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
