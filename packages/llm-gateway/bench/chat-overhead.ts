import OpenAI from 'openai';
import type { LanguageModel } from '../src/spec';
import { progress, runConcurrent, summarise } from './measure';

export interface OverheadResult {
  concurrency: number;
  /** Mean gateway latency over mean direct SDK latency (means, so tail costs such as GC count too). */
  ratio: number;
  directP50Ms: number;
  gatewayP50Ms: number;
  directMeanMs: number;
  gatewayMeanMs: number;
}

export interface OverheadSetup {
  baseURL: string;
  modelId: string;
  gatewayModel: LanguageModel;
  concurrency: number;
  /** Calls per side per round; sides alternate which goes first each round. */
  callsPerRound: number;
  rounds: number;
  /** The direct SDK's transport; default its own (Node's built-in fetch). */
  directFetch?: typeof fetch;
}

const messages = [{ role: 'user' as const, content: 'Summarise the benefits of caching in one sentence.' }];

/**
 * Latency of one blocking chat call through the gateway versus the bare `openai` SDK against the same
 * server. Rounds alternate the order of the two sides so that drift in machine load hits both equally.
 */
export async function measureChatOverhead(setup: OverheadSetup): Promise<OverheadResult> {
  const { baseURL, modelId, gatewayModel, concurrency, callsPerRound, rounds, directFetch } = setup;
  const client = new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0, logLevel: 'off', ...(directFetch ? { fetch: directFetch } : {}) });
  const direct = () => client.chat.completions.create({ model: modelId, messages });
  const viaGateway = () => gatewayModel.doGenerate({ messages });

  // Warm-up: connection pools, JIT and lazily built middleware state on both sides.
  await runConcurrent(concurrency * 2, concurrency, direct);
  await runConcurrent(concurrency * 2, concurrency, viaGateway);

  const directSamples: number[] = [];
  const gatewaySamples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const sides = [
      async () => directSamples.push(...(await runConcurrent(callsPerRound, concurrency, direct))),
      async () => gatewaySamples.push(...(await runConcurrent(callsPerRound, concurrency, viaGateway))),
    ];
    if (round % 2 === 1) sides.reverse();
    for (const side of sides) await side();
  }
  const directSummary = summarise(directSamples);
  const gatewaySummary = summarise(gatewaySamples);
  progress(
    `chat c=${concurrency}: direct mean ${directSummary.meanMs.toFixed(2)} ms p95 ${directSummary.p95Ms.toFixed(2)}, ` +
      `gateway mean ${gatewaySummary.meanMs.toFixed(2)} ms p95 ${gatewaySummary.p95Ms.toFixed(2)} (${gatewaySummary.count} calls each)`,
  );
  return {
    concurrency,
    ratio: gatewaySummary.meanMs / directSummary.meanMs,
    directP50Ms: directSummary.p50Ms,
    gatewayP50Ms: gatewaySummary.p50Ms,
    directMeanMs: directSummary.meanMs,
    gatewayMeanMs: gatewaySummary.meanMs,
  };
}
