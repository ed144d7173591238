import type { Logger } from '@weft/workflow-engine/spec';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * One JSON line per entry on stderr (stdout stays free for what a command prints). Entries below `level` cost
 * one comparison, so debug calls can stay on hot paths.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const threshold = rank[level];
  const log = (entryLevel: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>): void => {
    if (rank[entryLevel] < threshold) return;
    const entry = { time: new Date().toISOString(), level: entryLevel, message, ...fields };
    write(`${JSON.stringify(entry, errorReplacer)}\n`);
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

// Errors have no enumerable fields; without this they log as `{}`.
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code === undefined ? {} : { code }), stack: value.stack };
  }
  return value;
}
