import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../spec/events';
import type { RunLimits } from '../spec/run';
import { compile } from './compile';
import { execute } from './execute';
import { createTestNodes } from './test-support/test-nodes';
import { structuralViolations, traceLine } from './test-support/trace';

interface ExpectedRun {
  name: string;
  inputs: Record<string, unknown>;
  limits?: RunLimits;
  abortAfterMs?: number;
  status: 'succeeded' | 'failed' | 'cancelled';
  outputs?: Record<string, unknown>;
  answer?: string;
  error?: { code: string; nodeId?: string };
  nodes: Record<string, string>;
  trace?: string[];
  maxElapsedMs?: number;
  minElapsedMs?: number;
}

const fixtures = join(import.meta.dirname, 'fixtures');
const names = readdirSync(fixtures)
  .filter((file) => file.endsWith('.workflow.json'))
  .map((file) => file.replace('.workflow.json', ''));

describe.each(names)('golden workflow %s', (name) => {
  const { registry } = createTestNodes();
  const workflow: unknown = JSON.parse(readFileSync(join(fixtures, `${name}.workflow.json`), 'utf8'));
  const expected: { runs: ExpectedRun[] } = JSON.parse(readFileSync(join(fixtures, `${name}.expected.json`), 'utf8'));
  const compiled = compile(workflow, registry);

  it('compiles', () => {
    expect(compiled.ok ? [] : compiled.problems).toEqual([]);
  });

  it.each(expected.runs)('$name', async (run) => {
    if (!compiled.ok) throw new Error('does not compile');
    const controller = new AbortController();
    const started = performance.now();
    const execution = execute(compiled.plan, { inputs: run.inputs }, { signal: controller.signal, ...(run.limits ? { limits: run.limits } : {}) });
    if (run.abortAfterMs !== undefined) setTimeout(() => controller.abort(), run.abortAfterMs);
    const events: RunEvent[] = [];
    for await (const event of execution) events.push(event);
    const elapsed = performance.now() - started;
    const result = await execution.result;

    expect(structuralViolations(events)).toEqual([]);
    if (run.trace) expect(events.map(traceLine)).toEqual(run.trace);
    expect(result.status).toBe(run.status);
    if (run.outputs) expect(result.outputs).toEqual(run.outputs);
    if (run.answer !== undefined) expect(result.answer).toBe(run.answer);
    if (run.error) expect(result.error).toMatchObject(run.error);
    else expect(result.error).toBeUndefined();
    const statuses = Object.fromEntries(Object.entries(result.nodes).map(([id, summary]) => [id, summary.status]));
    expect(statuses).toEqual(run.nodes);
    if (run.maxElapsedMs !== undefined) expect(elapsed).toBeLessThan(run.maxElapsedMs);
    if (run.minElapsedMs !== undefined) expect(elapsed).toBeGreaterThanOrEqual(run.minElapsedMs);
  });
});
