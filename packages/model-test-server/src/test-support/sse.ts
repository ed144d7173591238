/** The `data:` payloads of an SSE body, in order (`[DONE]` kept as the string). */
export function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .map((event) => event.trim())
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

/** Parsed chunks of an OpenAI chat stream, without the final `[DONE]`. */
export function sseChunks(body: string): any[] {
  return sseData(body)
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as unknown);
}

/** A fetch Response whose JSON tests may read loosely. */
export type LooseResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<LooseResponse> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  }) as Promise<LooseResponse>;
}

export function fetchLoose(url: string, init?: RequestInit): Promise<LooseResponse> {
  return fetch(url, init) as Promise<LooseResponse>;
}
