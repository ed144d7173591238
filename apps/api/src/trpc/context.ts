import type { IncomingHttpHeaders, OutgoingHttpHeader } from 'node:http';
import type { AppServices } from '../services/app-services';
import { findSessionUser, type IssuedSession, type SessionUser } from '../services/auth-sessions';
import { readSessionCookie, serializeClearedSessionCookie, serializeSessionCookie } from './session-cookie';

/** The parts of node's IncomingMessage the context reads. */
export interface TrpcRequest {
  headers: IncomingHttpHeaders;
}

/** The parts of node's ServerResponse the context writes (Set-Cookie). */
export interface TrpcResponse {
  getHeader(name: string): OutgoingHttpHeader | undefined;
  setHeader(name: string, value: OutgoingHttpHeader): unknown;
}

export interface TrpcContextOptions {
  req: TrpcRequest;
  res: TrpcResponse;
  services: AppServices;
}

export interface TrpcContext {
  services: AppServices;
  /** The raw `weft_session` cookie value, if any. */
  sessionToken: string | undefined;
  /** The signed-in user, looked up at most once per request (batched calls share it). */
  getSession(): Promise<SessionUser | null>;
  setSessionCookie(session: IssuedSession): void;
  clearSessionCookie(): void;
}

/** Builds the per-request context; the session is read lazily, so public calls never touch the database for it. */
export function createTrpcContext({ req, res, services }: TrpcContextOptions): TrpcContext {
  const sessionToken = readSessionCookie(req.headers.cookie);
  const secure = services.env.WEFT_PUBLIC_URL?.startsWith('https:') ?? false;
  let session: Promise<SessionUser | null> | undefined;
  const appendCookie = (cookie: string): void => {
    const existing = res.getHeader('set-cookie');
    const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    res.setHeader('set-cookie', [...list, cookie]);
  };
  return {
    services,
    sessionToken,
    getSession: () => (session ??= sessionToken ? findSessionUser(services.prisma, sessionToken) : Promise.resolve(null)),
    setSessionCookie: (issued) => appendCookie(serializeSessionCookie(issued.token, issued.expiresAt, secure)),
    clearSessionCookie: () => appendCookie(serializeClearedSessionCookie(secure)),
  };
}
