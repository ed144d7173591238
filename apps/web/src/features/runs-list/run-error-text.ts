/** A stored run error (`{ code, message }` JSON, or anything older) as one line of text. */
export function runErrorText(error: unknown): string {
  if (error === null || error === undefined) return '';
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    const code = 'code' in error && typeof error.code === 'string' ? `[${error.code}] ` : '';
    return `${code}${error.message}`;
  }
  return JSON.stringify(error);
}
