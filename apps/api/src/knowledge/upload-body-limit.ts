import type { Env } from '../env';

const uploadProcedure = /(^|,)knowledge\.documents\.upload(,|$)/;

/**
 * The tRPC body limit for a request path: WEFT_MAX_BODY_BYTES, except for document uploads, whose body carries a
 * file of up to WEFT_MAX_UPLOAD_BYTES as base64 (4/3 of its size) plus a little JSON. The file's own size is checked
 * by the upload itself, with a message naming WEFT_MAX_UPLOAD_BYTES.
 */
export function trpcBodyLimit(path: string, env: Pick<Env, 'WEFT_MAX_BODY_BYTES' | 'WEFT_MAX_UPLOAD_BYTES'>): number {
  if (!uploadProcedure.test(path)) return env.WEFT_MAX_BODY_BYTES;
  return Math.max(env.WEFT_MAX_BODY_BYTES, Math.ceil((env.WEFT_MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024);
}
