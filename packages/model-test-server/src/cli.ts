import { startModelTestServer } from './start-model-test-server';

// A CLI may read the environment; the server itself takes options.
const port = Number(process.env.PORT ?? 4010);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer between 0 and 65535, got "${process.env.PORT}".`);
  process.exit(1);
}

const server = await startModelTestServer({ port, host }).catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`Could not start the weft test model server on ${host}:${port}: ${reason}\nSet PORT to a free port, e.g. PORT=4011 npm run model-server.`);
  process.exit(1);
});

console.log(`weft test model server (an OpenAI-compatible fake, NOT a real LLM) listening on ${server.url}

Use it in weft as an OpenAI-compatible provider:
  { "name": "test", "kind": "openai", "baseURL": "${server.url}", "apiKey": "not-needed" }
then pick models "test:weft-test-model" (chat) and "test:weft-test-embedding" (embeddings).

Try it:
  curl -s ${server.url}/chat/completions -H 'content-type: application/json' \\
    -d '{"model":"weft-test-model","messages":[{"role":"user","content":"hello"}]}'

Per-request control headers: x-test-latency-ms, x-test-ttft-ms, x-test-chunks,
  x-test-fault (rate-limit | server-error | auth | context-length | reset-mid-stream | malformed-sse | stall),
  x-test-retry-after. Press Ctrl+C to stop.`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
