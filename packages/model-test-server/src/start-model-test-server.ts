import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleChatCompletions } from './chat-completions';
import { handleEmbeddings } from './embeddings';
import { readJsonBody, sendJson } from './http-io';
import { handleListModels } from './models';
import { openAIError, sendInvalidRequest } from './openai-errors';
import { serverClosing } from './request-context';
import type { RequestContext } from './request-context';
import { ControlError, controlFromHeaders, resolveControl } from './request-control';
import type { ScriptStep } from './request-control';
import { TimerRegistry } from './timer-registry';
import type {
  ModelTestServer,
  ModelTestServerDefaults,
  ModelTestServerOptions,
  ModelTestServerStats,
  RecordedRequest,
} from './types';

const maxRecordedRequests = 1000;

type Defaults = Required<ModelTestServerDefaults>;

function checkDefaults(defaults: Defaults): Defaults {
  for (const [name, value] of Object.entries(defaults)) {
    const positive = name === 'chunkCount' || name === 'embeddingDimensions';
    if (!Number.isInteger(value) || value < (positive ? 1 : 0)) {
      throw new TypeError(`startModelTestServer: ${name} must be a ${positive ? 'positive' : 'non-negative'} integer, got ${value}.`);
    }
  }
  return defaults;
}

function zeroStats(openConnections: number): ModelTestServerStats {
  return { chatRequests: 0, streamRequests: 0, embeddingRequests: 0, embeddingInputs: 0, abortedStreams: 0, openConnections };
}

/** Starts weft's OpenAI-compatible test model server (see ModelTestServer). */
export async function startModelTestServer(options: ModelTestServerOptions = {}): Promise<ModelTestServer> {
  let defaults = checkDefaults({
    latencyMs: options.latencyMs ?? 0,
    ttftMs: options.ttftMs ?? 0,
    chunkCount: options.chunkCount ?? 8,
    embeddingDimensions: options.embeddingDimensions ?? 64,
  });
  const stats = zeroStats(0);
  const requests: RecordedRequest[] = [];
  const queue: ScriptStep[] = [];
  const timers = new TimerRegistry();
  const inFlight = new Set<AbortController>();
  const sockets = new Set<Socket>();
  let requestNumber = 0;
  let closing: Promise<void> | undefined;

  const record = (entry: RecordedRequest) => {
    requests.push(entry);
    if (requests.length > maxRecordedRequests) requests.splice(0, requests.length - maxRecordedRequests);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const controller = new AbortController();
    inFlight.add(controller);
    response.on('close', () => {
      controller.abort();
      inFlight.delete(controller);
    });
    requestNumber += 1;
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://test.invalid').pathname.replace(/\/+$/, '');
    const read = method === 'POST' ? await readJsonBody(request) : ({ ok: true, body: undefined } as const);
    record({ method, path, headers: { ...request.headers }, body: read.ok ? read.body : read.raw });
    if (!read.ok) return sendInvalidRequest(response, read.message);

    if (method === 'GET' && path === '/v1/models') return handleListModels(response);
    const handler =
      method === 'POST' && path === '/v1/chat/completions'
        ? handleChatCompletions
        : method === 'POST' && path === '/v1/embeddings'
          ? handleEmbeddings
          : undefined;
    if (handler === undefined) {
      return sendJson(
        response,
        404,
        openAIError(
          `Unknown request URL: ${method} ${path}. weft's test model server answers GET /v1/models, POST /v1/chat/completions and POST /v1/embeddings.`,
          'invalid_request_error',
          'unknown_url',
        ),
      );
    }

    const step = queue.shift();
    let fromHeaders;
    try {
      fromHeaders = controlFromHeaders(request.headers);
    } catch (error) {
      if (error instanceof ControlError) return sendInvalidRequest(response, error.message);
      throw error;
    }
    const context: RequestContext = {
      response,
      body: read.body,
      control: resolveControl(defaults, fromHeaders, step),
      timers,
      signal: controller.signal,
      stats,
      requestNumber,
      embeddingDimensions: defaults.embeddingDimensions,
    };
    await handler(context);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 500, openAIError(`weft test model server failed: ${message}`, 'server_error'));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    stats.openConnections = sockets.size;
    socket.on('close', () => {
      sockets.delete(socket);
      stats.openConnections = sockets.size;
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}/v1`,
    port: address.port,
    stats,
    requests,
    script(steps) {
      queue.push(...steps);
    },
    setDefaults(partial) {
      const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
      defaults = checkDefaults({ ...defaults, ...defined });
    },
    resetStats() {
      Object.assign(stats, zeroStats(sockets.size));
      requests.length = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        timers.clear();
        for (const controller of inFlight) controller.abort(serverClosing);
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
