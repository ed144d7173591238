import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@weft/db';

/** Sessions last 30 days from sign-in. */
export const sessionTtlMs = 30 * 24 * 60 * 60 * 1000;

export interface SessionUser {
  sessionId: string;
  user: { id: string; email: string; name: string };
}

export interface IssuedSession {
  /** Goes into the cookie; only its SHA-256 is stored. */
  token: string;
  expiresAt: Date;
}

/** Session tokens are 256 random bits, so an unsalted fast hash is enough and keeps the lookup one indexed read. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createSession(prisma: PrismaClient, userId: string, now = new Date()): Promise<IssuedSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + sessionTtlMs);
  // Sign-in is a good moment to forget this user's expired sessions.
  await prisma.session.deleteMany({ where: { userId, expiresAt: { lt: now } } });
  await prisma.session.create({ data: { tokenHash: hashSessionToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

/** The signed-in user of a session token, or null when the token is unknown or expired. */
export async function findSessionUser(prisma: PrismaClient, token: string, now = new Date()): Promise<SessionUser | null> {
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    select: { id: true, expiresAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session) return null;
  if (session.expiresAt <= now) {
    await prisma.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  return { sessionId: session.id, user: session.user };
}

export async function deleteSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: hashSessionToken(token) } });
}
