/**
 * A second OS process for the invalidation test. Usage: tsx invalidation-child.ts <redisUrl> <prefix> <kbId>
 * It caches a knowledge-retrieval result (real node, a retriever reading the knowledge base's text from Redis)
 * through its own coordinator and stores, then obeys stdin lines and answers on stdout, one JSON per line:
 *   run        → {"event":"result","content":…,"cached":…,"executions":…}
 *   stall <ms> → {"event":"stalling"}, then blocks its event loop for <ms> (it cannot ack meanwhile)
 *   exit       → closes everything and exits
 */
import { createInterface } from 'node:readline';
import type { NodeContext, Retriever } from '../../spec';
import { knowledgeRetrievalNode } from '../../nodes/knowledge-retrieval';
import { createMemoryStore } from '../memory-store';
import { createTwoLevelStore } from '../two-level-store';
import { withCache } from '../with-cache';
import { createCacheCoordinator, createCacheRedisClient, createRedisStore, redisReady } from '../redis';

const [redisUrl = '', prefix = '', knowledgeBaseId = 'kb'] = process.argv.slice(2);
const say = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

const redis = createCacheRedisClient(redisUrl);
const subscriber = createCacheRedisClient(redisUrl);
await Promise.all([redisReady(redis, 3000), redisReady(subscriber, 3000)]);

const l1 = createMemoryStore({ maxBytes: 1_000_000 });
const l2 = createRedisStore({ redis, prefix, opTimeoutMs: 200 });
const coordinator = createCacheCoordinator({ redis, subscriber, prefix, l1, l2, opTimeoutMs: 200 });
await coordinator.ready();

let executions = 0;
const retriever: Retriever = {
  async retrieve(query) {
    executions++;
    const content = (await redis.get(`${prefix}kb-content:${knowledgeBaseId}`)) ?? '';
    return [{ content, score: 1, source: { knowledgeBaseId, documentId: 'doc', documentName: 'Policy', segmentId: 'doc#0' }, metadata: { query: query.query } }];
  },
};
const cached = withCache(knowledgeRetrievalNode, createTwoLevelStore(l1, l2), { opTimeoutMs: 200 }, { generations: coordinator });
const config = knowledgeRetrievalNode.config.parse({ queryVariableSelector: ['start', 'query'], knowledgeBaseIds: [knowledgeBaseId] });
const ignore = () => undefined;

async function run() {
  const ctx: NodeContext = {
    runId: 'child-run',
    nodeId: 'retrieval',
    signal: new AbortController().signal,
    emitText: ignore,
    runInputs: {},
    models: undefined,
    retriever,
    clock: { now: () => Date.now() },
    logger: { debug: ignore, info: ignore, warn: ignore, error: ignore },
  };
  const result = await cached.run({
    node: { id: 'retrieval', type: 'knowledge-retrieval', title: 'Retrieval' },
    config,
    settings: { errorStrategy: 'none' },
    inputs: { 'start.query': 'What is the refund policy?' },
    ctx,
  });
  const passages = result.outputs.result as { content: string }[];
  say({ event: 'result', content: passages[0]?.content, cached: result.cached === true, executions });
}

say({ event: 'ready' });
for await (const line of createInterface({ input: process.stdin })) {
  const [command, argument] = line.trim().split(/\s+/);
  if (command === 'run') await run();
  else if (command === 'stall') {
    say({ event: 'stalling' });
    const until = performance.now() + Number(argument);
    while (performance.now() < until) {
      // Busy-wait on purpose: a process whose event loop is stuck cannot apply or ack invalidations.
    }
  } else if (command === 'exit') break;
}
await coordinator.close();
redis.disconnect();
subscriber.disconnect();
// stdin stays referenced after the loop ends; leave explicitly.
process.exit(0);
