import { z } from 'zod';
import { dbErrorCodes } from '../db-error';

/** What the parent passes the child, as one JSON argument. */
export const childArgsSchema = z.object({
  /** The database directory (`<dataDir>/db`); its lock is `<dir>.lock`. */
  dir: z.string().min(1),
  /** A private (0700) directory for the unix socket; absent → TCP on 127.0.0.1, a port the OS picks (win32). */
  socketDir: z.string().min(1).optional(),
  sharedBuffers: z.string().min(1),
});

export type ChildArgs = z.infer<typeof childArgsSchema>;

/** Child → parent. `host` is the socket directory (pg's convention for unix sockets) or 127.0.0.1. */
export const childMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), host: z.string().min(1), port: z.number().int().positive() }),
  z.object({ type: z.literal('failed'), code: z.enum(dbErrorCodes), message: z.string() }),
]);

export type ChildMessage = z.infer<typeof childMessageSchema>;

/** Parent → child. */
export const parentMessageSchema = z.object({ type: z.literal('shutdown') });

export type ParentMessage = z.infer<typeof parentMessageSchema>;

/** The port in the socket file name `.s.PGSQL.<port>`; any fixed number works inside a private directory. */
export const unixSocketPort = 5432;
