import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBenchOutput } from './bench-output';

describe('createBenchOutput', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes figures as key=value on stdout and tagged progress on stderr', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bench = createBenchOutput('demo');
    bench.figure('a.count', 3);
    bench.figure('a.ms', 1.23456);
    bench.figure('a.label', 'x');
    bench.progress('warming up');
    createBenchOutput('demo', { digits: 3 }).figure('b.ratio', 1.02);
    createBenchOutput('demo', { digits: 3 }).figure('b.ms', 86.34, 1);
    createBenchOutput('demo', { format: (value) => String(Math.round(value * 10) / 10) }).figure('c.recall', 0.94);
    expect(out.mock.calls.map((call) => call[0])).toEqual(['a.count=3\n', 'a.ms=1.23\n', 'a.label=x\n', 'b.ratio=1.020\n', 'b.ms=86.3\n', 'c.recall=0.9\n']);
    expect(err.mock.calls.map((call) => call[0])).toEqual(['[bench:demo] warming up\n']);
  });
});
