import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago: listened on, then closed. For a server to start on, or for a client
 * to be refused by (nothing listens there after this returns).
 */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('unusedPort: the server has no TCP address');
  return address.port;
}
