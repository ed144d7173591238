/** The `next` redirect target if it is a path on this site, else the apps list (never an open redirect). */
export function safeNextPath(next: string | null | undefined, fallback = '/apps'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next.startsWith('/sign-in') || next.startsWith('/setup')) return fallback;
  return next;
}
