/** The slice of a logger the gateway uses; the engine's `Logger` satisfies it. */
export interface GatewayLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: GatewayLogger = {
  warn: (message, fields) => console.warn(`[llm-gateway] ${message}`, fields ?? ''),
};
