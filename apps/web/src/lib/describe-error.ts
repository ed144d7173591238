import { isTRPCClientError } from '@trpc/client';

/** What the API puts in `error.data` besides tRPC's own fields (apps/api/src/trpc/init.ts, WeftErrorData). */
export interface ApiErrorData {
  httpStatus?: number;
  domainCode?: string;
  details?: Record<string, unknown>;
  issues?: Array<{ path: string; message: string }>;
}

/** The API's error data, or undefined for errors that did not come from the API (network, code bugs). */
export function apiErrorData(error: unknown): ApiErrorData | undefined {
  if (!isTRPCClientError(error)) return undefined;
  const data = error.data as ApiErrorData | null | undefined;
  return data ?? undefined;
}

/** The domain code (`draft_conflict`, `invalid_credentials`…) of an API error. */
export function errorCodeOf(error: unknown): string | undefined {
  return apiErrorData(error)?.domainCode;
}

/** A sentence to show the user. API messages already say how to fix the problem; network failures get one too. */
export function describeError(error: unknown): string {
  if (isTRPCClientError(error)) {
    if (error.message === 'Failed to fetch' || error.message.startsWith('NetworkError')) {
      return 'Could not reach the weft server. Check that it is running, then try again.';
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Input problems by field path (`name`, `baseUrl`…), for showing next to the form control. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of apiErrorData(error)?.issues ?? []) {
    if (issue.path !== '' && fields[issue.path] === undefined) fields[issue.path] = issue.message;
  }
  return fields;
}
