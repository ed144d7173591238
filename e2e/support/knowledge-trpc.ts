import type { Page } from '@playwright/test';

/**
 * Calls a builder tRPC procedure as the signed-in browser user (the page's cookies ride along), for journey setup
 * the UI is not under test for. tRPC 11 over HTTP without a transformer: queries are GET `?input=<json>`,
 * mutations POST the input as the body; the answer is `{ result: { data } }` or `{ error }`.
 */
export async function callTrpc<Output>(page: Page, kind: 'query' | 'mutation', path: string, input: unknown): Promise<Output> {
  const url = `/trpc/${path}`;
  const response =
    kind === 'query'
      ? await page.request.get(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : await page.request.post(url, { data: input as Record<string, unknown>, headers: { 'content-type': 'application/json' } });
  const body = (await response.json()) as { result?: { data: Output }; error?: { message?: string; json?: { message?: string } } };
  if (!response.ok() || body.result === undefined) {
    throw new Error(`${path} answered ${response.status()}: ${body.error?.message ?? body.error?.json?.message ?? JSON.stringify(body)}`);
  }
  return body.result.data;
}
