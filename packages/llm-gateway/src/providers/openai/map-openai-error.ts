import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { GatewayError, isGatewayError } from '../../spec';
import type { GatewayErrorCode } from '../../spec';

/** Who was called, so every error names the provider, model and endpoint. */
export interface OpenAICallSite {
  provider: string;
  modelId: string;
  baseURL: string;
  signal?: AbortSignal | undefined;
}

/** Milliseconds from `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const milliseconds = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function upstreamMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : error.message;
}

function isContextLength(error: APIError, message: string): boolean {
  return error.code === 'context_length_exceeded' || /context length|context window|maximum context|too many tokens/i.test(message);
}

/** An abort: the caller's own reason when it is a GatewayError (e.g. a timeout middleware's), else `cancelled`. */
export function cancelledError(site: OpenAICallSite, cause?: unknown): GatewayError {
  const reason: unknown = site.signal?.reason;
  if (isGatewayError(reason)) return reason;
  const base = { provider: site.provider, modelId: site.modelId, cause: cause ?? reason };
  if (reason instanceof DOMException && reason.name === 'TimeoutError') {
    return new GatewayError({ ...base, code: 'timeout', message: `The call to ${site.provider}:${site.modelId} timed out (its abort signal fired): raise the timeout or check ${site.baseURL}.` });
  }
  return new GatewayError({ ...base, code: 'cancelled', message: `The call to ${site.provider}:${site.modelId} was cancelled by the caller.` });
}

function fromStatus(error: APIError, site: OpenAICallSite): GatewayError {
  const status = error.status ?? 0;
  const detail = upstreamMessage(error);
  const who = `Provider "${site.provider}" (${site.baseURL})`;
  const make = (code: GatewayErrorCode, message: string, extra: { retryAfterMs?: number } = {}) =>
    new GatewayError({ code, message, provider: site.provider, modelId: site.modelId, status, cause: error, ...extra });

  if (status === 401 || status === 403) {
    return make('auth_failed', `${who} rejected the credentials (${status}: ${detail}). Set a valid apiKey for provider "${site.provider}" in its config.`);
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.headers);
    const wait = retryAfterMs === undefined ? '' : ` Retry after ${Math.ceil(retryAfterMs / 1000)}s;`;
    return make('rate_limited', `${who} is rate limiting model "${site.modelId}" (429: ${detail}).${wait} lower limits.rpm / limits.tpm for this provider to stay under its quota.`, retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  if (status === 404 || error.code === 'model_not_found') {
    if (error.code === 'model_not_found' || /model\b.*\b(not found|does not exist)/i.test(detail)) {
      return make('unknown_model', `${who} does not know model "${site.modelId}" (404: ${detail}). Check the model id; GET ${site.baseURL}/models lists the available ones.`);
    }
    return make('invalid_config', `${who} answered 404 for the endpoint (${detail}). Check baseURL: OpenAI-compatible servers usually end in /v1.`);
  }
  if (status === 400 || status === 413 || status === 422) {
    if (isContextLength(error, detail)) {
      return make('context_length_exceeded', `The prompt is too long for model "${site.modelId}" (${status}: ${detail}). Shorten the messages, lower maxTokens, or pick a model with a larger context window.`);
    }
    if (error.code === 'content_filter' || /content (management )?polic|content filter/i.test(detail)) {
      return make('content_filtered', `${who} refused the request under its content policy (${status}: ${detail}). Rephrase the input.`);
    }
    return make('bad_request', `${who} rejected the request for model "${site.modelId}" (${status}: ${detail}). Check the call options (tools, responseFormat, maxTokens, stop) against what this model supports.`);
  }
  if (status === 408) {
    return make('timeout', `${who} timed out answering model "${site.modelId}" (408: ${detail}). Retry, or raise the timeout.`);
  }
  if (status >= 500 || status === 409) {
    return make('provider_unavailable', `${who} failed with ${status} (${detail}). It is probably temporary: retry later or configure a fallback model.`);
  }
  return make('bad_response', `${who} answered an unexpected ${status} (${detail}). Check that baseURL points at an OpenAI-compatible API.`);
}

/** Maps anything the openai SDK (or the HTTP stack under it) throws to a GatewayError. */
export function mapOpenAIError(error: unknown, site: OpenAICallSite): GatewayError {
  if (isGatewayError(error)) return error;
  const base = { provider: site.provider, modelId: site.modelId, cause: error };
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof APIUserAbortError || site.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return cancelledError(site, error);
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new GatewayError({ ...base, code: 'timeout', message: `Provider "${site.provider}" (${site.baseURL}) did not answer in time for model "${site.modelId}". Raise limits.totalTimeoutMs or check the server's load.` });
  }
  if (error instanceof APIConnectionError) {
    return new GatewayError({ ...base, code: 'provider_unavailable', message: `Could not reach provider "${site.provider}" at ${site.baseURL} (${reason}${causeText(error)}). Check that the server is running and that baseURL is right.` });
  }
  if (error instanceof APIError && error.status !== undefined) return fromStatus(error, site);
  if (error instanceof APIError) {
    // An `error` object inside a 200 stream: the server gave up part-way.
    return new GatewayError({ ...base, code: 'provider_unavailable', message: `Provider "${site.provider}" (${site.baseURL}) reported an error in the middle of the answer for model "${site.modelId}" (${reason}). Retry later or configure a fallback model.` });
  }
  if (error instanceof SyntaxError) {
    return new GatewayError({ ...base, code: 'bad_response', message: `Provider "${site.provider}" (${site.baseURL}) sent a malformed response for model "${site.modelId}" (${reason}). Check that baseURL points at an OpenAI-compatible API.` });
  }
  if (error instanceof TypeError) {
    // undici reports a connection cut while reading a body as TypeError('terminated').
    return new GatewayError({ ...base, code: 'provider_unavailable', message: `The connection to provider "${site.provider}" (${site.baseURL}) broke during the answer (${reason}${causeText(error)}). Retry; if it keeps happening, check the server's logs.` });
  }
  return new GatewayError({ ...base, code: 'bad_response', message: `Provider "${site.provider}" failed unexpectedly for model "${site.modelId}": ${reason}.` });
}

function causeText(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error && cause.message ? `: ${cause.message}` : '';
}
