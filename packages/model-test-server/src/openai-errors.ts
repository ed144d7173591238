import type { ServerResponse } from 'node:http';
import { sendJson } from './http-io';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAIError(
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

export function sendInvalidRequest(response: ServerResponse, message: string, param: string | null = null): void {
  sendJson(response, 400, openAIError(message, 'invalid_request_error', null, param));
}

export function sendModelNotFound(response: ServerResponse, model: string): void {
  sendJson(
    response,
    404,
    openAIError(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      'invalid_request_error',
      'model_not_found',
      'model',
    ),
  );
}

/** Answers one of the faults that is a plain HTTP error; returns false for stream-shaped faults. */
export function sendStatusFault(response: ServerResponse, fault: string, retryAfterSeconds: number): boolean {
  switch (fault) {
    case 'rate-limit':
      sendJson(
        response,
        429,
        openAIError(
          `Rate limit reached for weft test model (scripted fault). Please try again in ${retryAfterSeconds}s.`,
          'requests',
          'rate_limit_exceeded',
        ),
        { 'retry-after': String(retryAfterSeconds) },
      );
      return true;
    case 'server-error':
      sendJson(
        response,
        500,
        openAIError('The server had an error while processing your request (scripted fault).', 'server_error'),
      );
      return true;
    case 'auth':
      sendJson(
        response,
        401,
        openAIError('Incorrect API key provided (scripted fault).', 'invalid_request_error', 'invalid_api_key'),
      );
      return true;
    case 'context-length':
      sendJson(
        response,
        400,
        openAIError(
          "This model's maximum context length is 8192 tokens. However, your messages resulted in more tokens (scripted fault). Please reduce the length of the messages.",
          'invalid_request_error',
          'context_length_exceeded',
          'messages',
        ),
      );
      return true;
    default:
      return false;
  }
}
