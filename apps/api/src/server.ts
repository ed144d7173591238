import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { toHttpError } from './errors';
import { handleRestRequest } from './rest/handle-rest-request';
import { createTrpcRequestHandler } from './trpc/handle-trpc-request';
import type { AppServices } from './services/app-services';

/** One route's answer; a rejection after the response started only ends it (see answerError). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  /**
   * The builder UI (apps/web's Next.js handler). It gets every path the API does not own, so `/trpc`, `/v1` and
   * `/health` always win. Absent (WEFT_WEB=off): those paths get the 404 that lists the endpoints.
   */
  web?: RouteHandler;
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' } as const;
const notFoundBody = JSON.stringify({
  code: 'not_found',
  message: 'No such endpoint. weft serves /health, /trpc/* (the builder) and /v1/* (published apps).',
  status: 404,
});
const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, idempotency-key, x-requested-with',
  'access-control-expose-headers': 'retry-after, x-request-id',
  'access-control-max-age': '600',
} as const;

/**
 * weft's HTTP server (not yet listening): `/health`, `/trpc/*` for the builder, `/v1/*` for published apps, and
 * the builder UI for everything else when `options.web` is given.
 * Routing looks at the path prefix only: no database call and no allocation beyond what node:http makes.
 */
export function createHttpServer(services: AppServices, options: HttpServerOptions = {}): Server {
  const handleHealth = healthHandler(services);
  const handleTrpc: RouteHandler = createTrpcRequestHandler(services);
  const handleRest: RouteHandler = (request, response) => handleRestRequest(request, response, services);

  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    let handler: RouteHandler | undefined;
    if (url.startsWith('/v1/') || url === '/v1') {
      setCors(response);
      if (request.method === 'OPTIONS') {
        response.writeHead(204).end();
        return;
      }
      handler = handleRest;
    } else if (url.startsWith('/trpc/')) {
      handler = handleTrpc;
    } else if (url === '/health' || url.startsWith('/health?')) {
      handler = handleHealth;
    } else {
      handler = options.web;
    }
    if (!handler) {
      response.writeHead(404, jsonHeaders).end(notFoundBody);
      return;
    }
    let outcome: void | Promise<void>;
    try {
      outcome = handler(request, response);
    } catch (error) {
      answerError(services, request, response, error);
      return;
    }
    if (outcome) outcome.catch((error: unknown) => answerError(services, request, response, error));
  });
  server.on('clientError', (error, socket) => {
    // Malformed HTTP from the client: answer 400 when the socket still can, never crash or log a stack per probe.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy(error);
  });
  return server;
}

function setCors(response: ServerResponse): void {
  for (const name in corsHeaders) response.setHeader(name, corsHeaders[name as keyof typeof corsHeaders]);
}

/** Answers an error through the one mapping in errors.ts; only unknown (500) errors are logged. */
function answerError(services: AppServices, request: IncomingMessage, response: ServerResponse, error: unknown): void {
  const { status, body, headers } = toHttpError(error);
  if (status >= 500) services.logger.error('request failed', { method: request.method, url: request.url, error });
  if (response.headersSent) {
    // Mid-stream: the status line is gone, so end the response; SSE handlers send their own error event first.
    response.end();
    return;
  }
  response.writeHead(status, { ...jsonHeaders, ...headers }).end(JSON.stringify(body));
}

function healthHandler(services: AppServices): RouteHandler {
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...jsonHeaders, allow: 'GET, HEAD' }).end(
        JSON.stringify({ code: 'method_not_allowed', message: 'Use GET /health.', status: 405 }),
      );
      return;
    }
    const [db, redis] = await Promise.all([
      services.prisma.$queryRaw`SELECT 1`.then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      services.redis
        ? services.redis.ping().then(
            () => 'ok' as const,
            () => 'down' as const,
          )
        : ('absent' as const),
    ]);
    const healthy = db === 'ok' && redis !== 'down';
    response
      .writeHead(healthy ? 200 : 503, { ...jsonHeaders, 'cache-control': 'no-store' })
      .end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable', db, redis }));
  };
}
