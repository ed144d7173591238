import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The ceiling for "answered from cache": node:http answering one fixed JSON body, nothing else. */
export async function startBareServer(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const payload = Buffer.from(body);
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': payload.length }).end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
