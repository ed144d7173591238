export interface SseRead {
  /** Parsed `data:` payloads in order (`[DONE]` kept as the string). */
  events: unknown[];
  /** `event: ping` blocks and `: ping` comments seen. */
  pings: number;
}

/** Reads a whole SSE body (an axios stream or a fetch body) into its events. */
export async function readSse(body: AsyncIterable<Uint8Array | string>): Promise<SseRead> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of body) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const result: SseRead = { events: [], pings: 0 };
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    if (block === 'event: ping' || block.startsWith(': ping')) {
      result.pings++;
      continue;
    }
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    result.events.push(data === '[DONE]' ? data : JSON.parse(data));
  }
  return result;
}
