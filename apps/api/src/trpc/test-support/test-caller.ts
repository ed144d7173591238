import type { OutgoingHttpHeader } from 'node:http';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { AppError } from '../../errors';
import type { AppServices } from '../../services/app-services';
import { createTrpcContext, type TrpcResponse } from '../context';
import { appRouter } from '../router';
import { sessionCookieName } from '../session-cookie';

/** Keeps the `weft_session` cookie between calls, as a browser would, and every Set-Cookie it received. */
export interface CookieJar {
  readonly token: string | undefined;
  readonly setCookies: string[];
  /** Puts a session token in the jar (a user signed in elsewhere), or removes it. */
  setToken(token: string | undefined): void;
  /** A fresh response for one call; Set-Cookie headers written to it update the jar. */
  response(): TrpcResponse;
}

export function createCookieJar(): CookieJar {
  let token: string | undefined;
  const setCookies: string[] = [];
  const receive = (cookie: string): void => {
    setCookies.push(cookie);
    const [pair = '', ...attributes] = cookie.split(';');
    const separator = pair.indexOf('=');
    if (pair.slice(0, separator).trim() !== sessionCookieName) return;
    const cleared = attributes.some((attribute) => attribute.trim().toLowerCase() === 'max-age=0');
    token = cleared ? undefined : pair.slice(separator + 1).trim();
  };
  return {
    get token() {
      return token;
    },
    setCookies,
    setToken(value) {
      token = value;
    },
    response() {
      const headers = new Map<string, OutgoingHttpHeader>();
      return {
        getHeader: (name) => headers.get(name.toLowerCase()),
        setHeader: (name, value) => {
          const previous = headers.get(name.toLowerCase());
          headers.set(name.toLowerCase(), value);
          if (name.toLowerCase() !== 'set-cookie') return;
          const before = Array.isArray(previous) ? previous.length : 0;
          (Array.isArray(value) ? value : [String(value)]).slice(before).forEach(receive);
        },
      };
    },
  };
}

export type TestCaller = ReturnType<typeof appRouter.createCaller>;

/** `appRouter.createCaller` with a fresh context per call, carrying the jar's cookie like a browser. */
export function createTestCaller(services: AppServices, jar: CookieJar = createCookieJar()): { caller: TestCaller; jar: CookieJar } {
  const caller = appRouter.createCaller(() =>
    createTrpcContext({ req: { headers: jar.token === undefined ? {} : { cookie: `${sessionCookieName}=${jar.token}` } }, res: jar.response(), services }),
  );
  return { caller, jar };
}

/** Asserts the call fails with this tRPC code (and domain code, when given); returns the error for more checks. */
export async function expectTrpcError(call: Promise<unknown>, code: TRPCError['code'], domainCode?: string): Promise<TRPCError> {
  const error = await call.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect({ code: trpcError.code, message: trpcError.message }).toMatchObject({ code });
  if (domainCode !== undefined) expect(trpcError.cause instanceof AppError ? trpcError.cause.code : undefined).toBe(domainCode);
  return trpcError;
}
