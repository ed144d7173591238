/**
 * `npm run bench:engine`: prints `key=value` lines, one figure a line, so runs can be compared over time.
 * Needs Redis (REDIS_URL, default redis://127.0.0.1:6379) for the L2 figures.
 */
import { createNodeRegistry } from '../src/spec/node';
import { builtinNodes } from '../src/nodes';
import { measureEngineOverhead, noopNode } from './engine-overhead';
import { measureCache } from './cache-bench';
import { createBenchOutput } from '@weft/testkit';

const print = createBenchOutput('engine').figure;

const registry = createNodeRegistry([...builtinNodes, noopNode]);

process.stderr.write('engine overhead (noop nodes)…\n');
const noop = await measureEngineOverhead(registry);
process.stderr.write('engine overhead (template-transform nodes)…\n');
const template = await measureEngineOverhead(registry, {
  nodeType: 'template-transform',
  outputName: 'output',
  nodeData: (from) => ({ template: '{{ x }}!', variables: [{ variable: 'x', valueSelector: from }] }),
});

// engine.per_node_us is the engine's own overhead (no-op nodes): the figure the target (≤ 20 µs) is about.
print('engine.per_node_us', Math.max(noop.chainPerNodeUs, noop.fanPerNodeUs));
print('engine.per_node_us_chain_1000', noop.chainPerNodeUs);
print('engine.per_node_us_fan_100', noop.fanPerNodeUs);
print('engine.per_node_us_chain_1000_template', template.chainPerNodeUs);
print('engine.per_node_us_fan_100_template', template.fanPerNodeUs);

process.stderr.write('cache (real Redis)…\n');
// The bench is a command-line entry point, so it may read the environment.
const cache = await measureCache({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
for (const [key, value] of Object.entries(cache)) print(key, value);
