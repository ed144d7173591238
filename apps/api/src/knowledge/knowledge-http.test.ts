import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson, startTestServer, type RunningTestServer } from '../test-support/http';
import { createTestServices, type TestServices } from '../test-support/test-services';

const maxBodyBytes = 16 * 1024;
const maxUploadBytes = 256 * 1024;

interface TrpcError {
  error: { message: string; data: { httpStatus: number; domainCode?: string } };
}

// The HTTP edge is the same on both databases; PGlite keeps this file quick.
describe('knowledge over HTTP', () => {
  let services: TestServices;
  let server: RunningTestServer;
  let cookie = '';
  let knowledgeBaseId = '';
  const post = (path: string, body: unknown) =>
    fetchJson(`${server.url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

  beforeAll(async () => {
    services = await createTestServices({ db: 'pglite', env: { WEFT_MAX_BODY_BYTES: String(maxBodyBytes), WEFT_MAX_UPLOAD_BYTES: String(maxUploadBytes) } });
    server = await startTestServer(services);
    const setup = await fetch(`${server.url}/trpc/auth.setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kb@weft.test', name: 'Kim', password: 'correct horse battery' }),
    });
    cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const workspaceId = ((await setup.json()) as { result: { data: { workspace: { id: string } } } }).result.data.workspace.id;
    const created = await post('knowledge.create', { workspaceId, name: 'Over HTTP', embeddingModel: 'local:use-lite' });
    knowledgeBaseId = (created.body as { result: { data: { id: string } } }).result.data.id;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await services?.close();
  });

  it('takes an upload larger than WEFT_MAX_BODY_BYTES, and streams its progress to an SSE subscriber', async () => {
    const abort = new AbortController();
    const input = encodeURIComponent(JSON.stringify({ knowledgeBaseId }));
    const stream = await fetch(`${server.url}/trpc/knowledge.documents.progress?input=${input}`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');

    const paragraph = 'Glaciers: a glacier moves a few metres a day and carves valleys over thousands of years.\n\n';
    const file = paragraph.repeat(Math.ceil((64 * 1024) / paragraph.length));
    expect(Buffer.byteLength(file)).toBeGreaterThan(maxBodyBytes);
    const uploaded = await post('knowledge.documents.upload', { knowledgeBaseId, fileName: 'glaciers.txt', contentBase64: Buffer.from(file).toString('base64') });
    expect(uploaded.status).toBe(200);
    const documentId = (uploaded.body as { result: { data: { id: string } } }).result.data.id;

    const statuses: string[] = [];
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    while (!statuses.includes('completed')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter((text) => text.startsWith('data: '))) {
        const report = JSON.parse(line.slice(6)) as { documentId?: string; status?: string };
        if (report.documentId === documentId && report.status !== undefined) statuses.push(report.status);
      }
    }
    abort.abort();
    expect(statuses[0]).toBe('queued');
    expect(statuses.at(-1)).toBe('completed');
  }, 60_000);

  it('answers 413 with file_too_large over the upload limit, and keeps WEFT_MAX_BODY_BYTES for other calls', async () => {
    const tooBig = await post('knowledge.documents.upload', { knowledgeBaseId, fileName: 'big.txt', contentBase64: Buffer.alloc(maxUploadBytes + 1, 'a').toString('base64') });
    expect(tooBig.status).toBe(413);
    expect((tooBig.body as TrpcError).error.data.domainCode).toBe('file_too_large');
    const largeText = await post('knowledge.documents.createFromText', { knowledgeBaseId, name: 'big', text: 'a'.repeat(maxBodyBytes + 1) });
    expect(largeText.status).toBe(413);
  });

  it('answers 415 for an unsupported file type and 400 for bad base64, with the domain code', async () => {
    const exe = await post('knowledge.documents.upload', { knowledgeBaseId, fileName: 'setup.exe', contentBase64: 'TVo=' });
    expect(exe.status).toBe(415);
    expect((exe.body as TrpcError).error.data.domainCode).toBe('unsupported_file_type');
    const garbled = await post('knowledge.documents.upload', { knowledgeBaseId, fileName: 'notes.txt', contentBase64: '%%%' });
    expect(garbled.status).toBe(400);
    expect((garbled.body as TrpcError).error.data.domainCode).toBe('invalid_param');
  });
});
