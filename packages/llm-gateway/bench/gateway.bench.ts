/**
 * `npm run bench:gateway`: prints `key=value` lines (one figure each) on stdout; progress goes to stderr.
 * Starts its own model test server (50 ms per answer), needs no network or Redis, ends well under 2 minutes.
 */
import { startModelTestServer, testChatModelId, testEmbeddingModelId } from '@weft/model-test-server';
import { createGateway } from '../src/create-gateway';
import { createOpenAIProvider } from '../src/providers/openai/create-openai-provider';
import type { ProviderConfig } from '../src/spec';
import { createNodeHttpFetch } from '../src/providers/openai/node-http-fetch';
import { measureChatOverhead } from './chat-overhead';
import { measureEmbedBatching } from './embed-batching';
import { measureLocalEmbed } from './local-embed';
import { progress, report } from './measure';

const latencyMs = 50;
const deadlineMs = 110_000;

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    progress(`gave up after ${deadlineMs / 1000} s`);
    process.exit(1);
  }, deadlineMs);
  watchdog.unref();

  const server = await startModelTestServer({ latencyMs });
  try {
    // Every limit set (generously) so each default middleware is on the measured path.
    const provider: ProviderConfig = {
      name: 'bench',
      kind: 'openai',
      baseURL: server.url,
      apiKey: 'bench',
      limits: { maxConcurrency: 512, rpm: 10_000_000, tpm: 1_000_000_000, firstTokenTimeoutMs: 30_000, totalTimeoutMs: 30_000, maxRetries: 2 },
    };
    const gateway = createGateway({ providers: [provider], onUsage: () => undefined });
    const gatewayModel = gateway.languageModel(`bench:${testChatModelId}`);

    for (const [concurrency, callsPerRound, rounds] of [[1, 10, 8], [50, 250, 8]] as const) {
      progress(`chat overhead at concurrency ${concurrency}…`);
      const result = await measureChatOverhead({ baseURL: server.url, modelId: testChatModelId, gatewayModel, concurrency, callsPerRound, rounds });
      report(`gateway.overhead_ratio_c${concurrency}`, result.ratio);
      report(`gateway.p50_ms_c${concurrency}`, result.gatewayP50Ms);
      report(`direct.p50_ms_c${concurrency}`, result.directP50Ms);
      report(`gateway.mean_ms_c${concurrency}`, result.gatewayMeanMs);
      report(`direct.mean_ms_c${concurrency}`, result.directMeanMs);
      // The gateway sends over its own node:http transport; against a direct SDK on that same transport, the ratio
      // is the middleware's cost alone.
      const same = await measureChatOverhead({ baseURL: server.url, modelId: testChatModelId, gatewayModel, concurrency, callsPerRound, rounds, directFetch: createNodeHttpFetch() });
      report(`gateway.overhead_ratio_c${concurrency}_same_transport`, same.ratio);
    }

    progress('embedding batching…');
    const embeddingModel = createOpenAIProvider(provider).embeddingModel(testEmbeddingModelId);
    const embed = await measureEmbedBatching({ model: embeddingModel, upstreamRequests: () => server.stats.embeddingRequests, calls: 1000, runs: 3 });
    report('embed.batched_requests', embed.batchedRequests);
    report('embed.unbatched_requests', embed.unbatchedRequests);
    report('embed.batched_ms', embed.batchedMs, 1);
    report('embed.unbatched_ms', embed.unbatchedMs, 1);
  } finally {
    await server.close();
  }

  progress('local embedding model…');
  const local = await measureLocalEmbed(256);
  report('embed.local_load_ms', local.loadMs, 1);
  report('embed.local_per_text_ms', local.perTextMs);
  clearTimeout(watchdog);
}

await main();
