import type { Logger } from '@weft/workflow-engine/spec';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** Keeps every entry for assertions; prints warnings and errors so a failing test shows them. */
export function createTestLogger(options: { print?: boolean } = {}): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const print = options.print ?? true;
  const record = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => {
    entries.push({ level, message, fields });
    if (print && (level === 'warn' || level === 'error')) console.warn(`[${level}] ${message}`, fields ?? '');
  };
  return { logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') }, entries };
}
