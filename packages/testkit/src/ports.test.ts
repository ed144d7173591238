import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { unusedPort } from './ports';

describe('unusedPort', () => {
  it('gives a loopback port where nothing listens', async () => {
    const port = await unusedPort();
    expect(port).toBeGreaterThan(0);
    const refused = await new Promise<string | undefined>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
