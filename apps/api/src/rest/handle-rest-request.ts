import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, toHttpError } from '../errors';
import { isWeftRunService } from '../runtime/create-run-service';
import type { AppServices } from '../services/app-services';
import { getInfo, getParameters } from './app-info';
import { postChatCompletion } from './chat-completions';
import { deleteConversation, listConversations, listMessages, postFeedback, renameConversation } from './conversations';
import { postFileUpload } from './files-upload';
import { sendJson } from './http-io';
import type { RestHandler } from './rest-context';
import { postChatMessage, postCompletionMessage, postWorkflowRun } from './run-endpoints';
import { getWorkflowRun, postStop } from './workflow-runs';

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path segments after `/v1`; `:name` captures one segment. */
  parts: string[];
  handler: RestHandler;
  /** Errors in OpenAI's `{ error: { … } }` envelope instead of Dify's `{ code, message, status }`. */
  openai?: boolean;
}

const route = (method: Route['method'], path: string, handler: RestHandler, openai = false): Route => ({
  method,
  parts: path.split('/').filter(Boolean),
  handler,
  openai,
});

/** Dify's service API (same paths and shapes, so dify-client works unchanged) and OpenAI's chat completions. */
const routes: Route[] = [
  route('POST', 'chat-messages', postChatMessage),
  route('POST', 'chat-messages/:taskId/stop', postStop),
  route('POST', 'completion-messages', postCompletionMessage),
  route('POST', 'completion-messages/:taskId/stop', postStop),
  route('POST', 'workflows/run', postWorkflowRun),
  route('GET', 'workflows/run/:runId', getWorkflowRun),
  route('POST', 'workflows/tasks/:taskId/stop', postStop),
  route('GET', 'parameters', getParameters),
  route('GET', 'info', getInfo),
  route('GET', 'messages', listMessages),
  route('POST', 'messages/:messageId/feedbacks', postFeedback),
  route('GET', 'conversations', listConversations),
  route('DELETE', 'conversations/:conversationId', deleteConversation),
  route('POST', 'conversations/:conversationId/name', renameConversation),
  route('POST', 'files/upload', postFileUpload),
  route('POST', 'chat/completions', postChatCompletion, true),
];

function match(segments: string[], candidate: Route): Record<string, string> | undefined {
  if (candidate.parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index++) {
    const part = candidate.parts[index]!;
    const segment = segments[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

function bearerToken(request: IncomingMessage): string {
  const header = request.headers.authorization;
  const token = header === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (token === undefined) {
    throw new AppError('unauthorized', 'Missing API key. Send "Authorization: Bearer app-…" with a key from the app\'s API access page.');
  }
  return token;
}

/**
 * The published-app REST API under `/v1`. Authenticates the Bearer app key (from memory after its first use),
 * routes by method and path, and answers every failure itself with the mapping in errors.ts: 4xx with a code and
 * a message saying what to fix; a 500 only for a bug, which is logged. Never rejects.
 */
export async function handleRestRequest(request: IncomingMessage, response: ServerResponse, services: AppServices): Promise<void> {
  let openai = false;
  try {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').filter(Boolean);
    if (segments[0] !== 'v1') throw new AppError('not_found', 'The published-app API lives under /v1/.');
    const path = segments.slice(1).map((segment) => decodePathSegment(segment));
    let found: { route: Route; params: Record<string, string> } | undefined;
    const allowed: string[] = [];
    for (const candidate of routes) {
      const params = match(path, candidate);
      if (!params) continue;
      allowed.push(candidate.method);
      if (candidate.method === request.method) found = { route: candidate, params };
    }
    if (!found) {
      if (allowed.length > 0) throw new AppError('method_not_allowed', `Use ${allowed.join(' or ')} for ${url.pathname}.`, { details: { allow: allowed } });
      throw new AppError('not_found', `No endpoint ${request.method} ${url.pathname}. See the app's API reference for the routes weft serves under /v1.`);
    }
    openai = found.route.openai === true;
    const runs = services.runs;
    if (!isWeftRunService(runs)) throw new AppError('app_unavailable', 'Published apps are not served by this build: the run service is not the default one.');
    const key = await runs.directory.authenticate(bearerToken(request));
    await found.route.handler({ request, response, url, params: found.params, key, services, runs });
  } catch (error) {
    answerError(services, request, response, error, openai);
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AppError('invalid_param', `The path segment "${segment.slice(0, 60)}" is not valid percent-encoding.`);
  }
}

const openaiTypeByStatus: Record<number, string> = { 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 429: 'rate_limit_error' };

function answerError(services: AppServices, request: IncomingMessage, response: ServerResponse, error: unknown, openai: boolean): void {
  const { status, body, headers } = toHttpError(error);
  if (status >= 500) services.logger.error('REST request failed', { method: request.method, url: request.url, error });
  if (response.headersSent) {
    response.end();
    return;
  }
  // Unread request bodies would otherwise be parsed as the next request on this keep-alive connection.
  if (!request.complete) response.setHeader('connection', 'close');
  if (status === 405 && Array.isArray(body.allow)) headers.allow = body.allow.join(', ');
  if (!openai) return sendJson(response, status, body, headers);
  const type = openaiTypeByStatus[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  sendJson(response, status, { error: { message: body.message, type, param: null, code: body.code } }, headers);
}
