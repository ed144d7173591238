import { GatewayError } from '../spec';
import type { EmbedOptions, EmbedResult, EmbeddingModel } from '../spec';

export interface BatchEmbeddingsOptions {
  /** How long the first text of a batch waits for others to join it (default 3 ms). */
  maxWaitMs?: number;
}

/** One caller's `doEmbed` call, settled once every text has its vector or anything failed. */
interface Job {
  vectors: number[][];
  missing: number;
  tokens: number;
  tokensReported: boolean;
  settled: boolean;
  batches: Batch[];
  resolve: (result: EmbedResult) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  job: Job;
  index: number;
}

/** Distinct texts bound for one upstream request, each with the caller slots waiting for it. */
interface Batch {
  slotsByText: Map<string, Slot[]>;
  upstream: AbortController;
}

/**
 * Coalesces concurrent `doEmbed` calls that arrive within `maxWaitMs` into upstream requests of at most
 * `model.maxBatchSize` distinct texts (a text repeated across callers is sent once). Each caller gets its
 * own vectors in its own order; a failed upstream request rejects only the callers with texts in it;
 * an aborted caller is rejected with `cancelled` without disturbing the others (the upstream request is
 * aborted only when none of its callers still wants it). Calls larger than `maxBatchSize` are split.
 * Upstream usage is shared among callers in proportion to text length, so it is an estimate per caller.
 */
export function batchEmbeddings(model: EmbeddingModel, options: BatchEmbeddingsOptions = {}): EmbeddingModel {
  const maxWaitMs = options.maxWaitMs ?? 3;
  const maxBatchSize = Math.max(1, model.maxBatchSize);
  let open: Batch | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const cancelled = (signal: AbortSignal) =>
    new GatewayError({
      code: 'cancelled',
      provider: model.provider,
      modelId: model.modelId,
      message: `The embedding call to ${model.provider}:${model.modelId} was cancelled: its caller aborted the AbortSignal.`,
      cause: signal.reason,
    });

  function enqueue(job: Job, texts: string[]): void {
    texts.forEach((text, index) => {
      const existing = open?.slotsByText.get(text);
      if (existing) {
        existing.push({ job, index });
        return;
      }
      if (open && open.slotsByText.size >= maxBatchSize) flush();
      open ??= { slotsByText: new Map(), upstream: new AbortController() };
      open.slotsByText.set(text, [{ job, index }]);
      if (!job.batches.includes(open)) job.batches.push(open);
    });
    if (open && open.slotsByText.size >= maxBatchSize) flush();
    else if (open && !timer) timer = setTimeout(flush, maxWaitMs);
  }

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const batch = open;
    open = undefined;
    if (!batch) return;
    // Callers that aborted while the batch was open no longer need their texts sent.
    for (const [text, slots] of batch.slotsByText) {
      if (slots.every((slot) => slot.job.settled)) batch.slotsByText.delete(text);
    }
    if (batch.slotsByText.size === 0) return;
    const texts = [...batch.slotsByText.keys()];
    model.doEmbed(texts, { signal: batch.upstream.signal }).then(
      (result) => deliver(batch, texts, result),
      (error: unknown) => fail(batch, error),
    );
  }

  function deliver(batch: Batch, texts: string[], result: EmbedResult): void {
    if (result.embeddings.length !== texts.length) {
      fail(batch, new GatewayError({
        code: 'bad_response',
        provider: model.provider,
        modelId: model.modelId,
        message: `${model.provider}:${model.modelId} returned ${result.embeddings.length} vectors for ${texts.length} texts; check that the server is OpenAI-compatible.`,
      }));
      return;
    }
    const totalLength = texts.reduce((sum, text) => sum + text.length + 1, 0);
    texts.forEach((text, position) => {
      const vector = result.embeddings[position] ?? [];
      const slots = batch.slotsByText.get(text) ?? [];
      const tokensPerSlot = result.usage ? (result.usage.inputTokens * (text.length + 1)) / totalLength / slots.length : 0;
      slots.forEach((slot, copy) => {
        const { job } = slot;
        if (job.settled) return;
        job.vectors[slot.index] = copy === 0 ? vector : vector.slice();
        job.tokens += tokensPerSlot;
        job.tokensReported &&= result.usage !== undefined;
        if (--job.missing > 0) return;
        job.settled = true;
        job.resolve({
          embeddings: job.vectors,
          ...(job.tokensReported ? { usage: { inputTokens: Math.round(job.tokens) } } : {}),
        });
      });
    });
  }

  function fail(batch: Batch, error: unknown): void {
    for (const slots of batch.slotsByText.values()) {
      for (const { job } of slots) rejectJob(job, error);
    }
  }

  function rejectJob(job: Job, error: unknown): void {
    if (job.settled) return;
    job.settled = true;
    job.reject(error);
    // A request in flight that no caller waits for any more is aborted.
    for (const batch of job.batches) {
      if (batch === open) continue;
      const wanted = [...batch.slotsByText.values()].some((slots) => slots.some((slot) => !slot.job.settled));
      if (!wanted) batch.upstream.abort(error);
    }
  }

  return {
    provider: model.provider,
    modelId: model.modelId,
    // A getter: some models learn their dimensions from the first response.
    get dimensions() {
      return model.dimensions;
    },
    maxBatchSize: model.maxBatchSize,
    doEmbed(texts: string[], callOptions: EmbedOptions = {}): Promise<EmbedResult> {
      const { signal } = callOptions;
      if (signal?.aborted) return Promise.reject(cancelled(signal));
      if (texts.length === 0) return Promise.resolve({ embeddings: [] });
      return new Promise<EmbedResult>((resolve, reject) => {
        const job: Job = {
          vectors: new Array<number[]>(texts.length),
          missing: texts.length,
          tokens: 0,
          tokensReported: true,
          settled: false,
          batches: [],
          resolve,
          reject,
        };
        if (signal) {
          const onAbort = () => rejectJob(job, cancelled(signal));
          signal.addEventListener('abort', onAbort, { once: true });
          const release = () => signal.removeEventListener('abort', onAbort);
          job.resolve = (result) => {
            release();
            resolve(result);
          };
          job.reject = (error) => {
            release();
            reject(error);
          };
        }
        enqueue(job, texts);
      });
    },
  };
}
