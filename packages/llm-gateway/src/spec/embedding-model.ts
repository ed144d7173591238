export interface EmbedOptions {
  signal?: AbortSignal;
}

export interface EmbedResult {
  /** One vector per input text, in input order, each `dimensions` long. */
  embeddings: number[][];
  /** Input tokens, when the provider reports them (or the usage middleware counts them). */
  usage?: { inputTokens: number };
}

/** A text embedding model. */
export interface EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  /** Length of every vector this model returns. */
  readonly dimensions: number;
  /** Largest number of texts accepted by one `doEmbed` call. */
  readonly maxBatchSize: number;
  doEmbed(texts: string[], options?: EmbedOptions): Promise<EmbedResult>;
}
