import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { AppError, toTRPCError } from '../errors';
import type { TrpcContext } from './context';

/**
 * What the builder gets in `error.data` besides tRPC's own fields: the domain code (`draft_conflict`,
 * `compile_failed`, `invalid_param`…), the error's details (e.g. who saved a draft and when), and for bad input
 * the zod issues with their paths.
 */
export interface WeftErrorData {
  domainCode: string | undefined;
  details: Record<string, unknown> | undefined;
  issues: Array<{ path: string; message: string }> | undefined;
}

const t = initTRPC.context<TrpcContext>().create({
  // Debug-run subscriptions over SSE: a comment line every 10 s keeps proxies from closing a quiet stream.
  sse: { ping: { enabled: true, intervalMs: 10_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const data: WeftErrorData = {
      domainCode: cause instanceof AppError ? cause.code : cause instanceof z.core.$ZodError ? 'invalid_param' : undefined,
      details: cause instanceof AppError ? cause.details : undefined,
      issues: cause instanceof z.core.$ZodError ? issuesOf(cause) : undefined,
    };
    // Unexpected failures are logged by the HTTP handler; the client gets no internals (SQL, stack, paths).
    const hideMessage = shape.data.code === 'INTERNAL_SERVER_ERROR' && !(cause instanceof AppError);
    const message = hideMessage ? 'Internal server error. The failure was logged; try again, and report it if it persists.' : shape.message;
    return { ...shape, message, data: { ...shape.data, stack: undefined, ...data } };
  },
});

function issuesOf(error: z.core.$ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** `Invalid input: name: is required; graph.nodes.0.id: …` — every problem with the field it is on. */
function describeInputError(error: z.core.$ZodError): string {
  const problems = issuesOf(error).map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
  return `Invalid input: ${problems.join('; ')}. Fix these fields and send again.`;
}

/** Domain errors (AppError) and input errors (zod) become TRPCErrors with the right code and a readable message. */
function toProcedureError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof AppError) return toTRPCError(cause);
  if (error.code === 'BAD_REQUEST' && cause instanceof z.core.$ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: describeInputError(cause), cause });
  }
  return error;
}

async function* mapIterationErrors<T>(iterable: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* iterable;
  } catch (error) {
    if (error instanceof TRPCError) throw toProcedureError(error);
    throw toTRPCError(error);
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Runs first on every procedure, so the mapping applies to createCaller calls as well as HTTP. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) return { ...result, error: toProcedureError(result.error) };
  if (isAsyncIterable(result.data)) return { ...result, data: mapIterationErrors(result.data) };
  return result;
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
export const baseProcedure = t.procedure.use(domainErrors);
