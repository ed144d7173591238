/** The builder's session cookie: httpOnly, SameSite=Lax, whole site, Secure when weft is served over https. */
export const sessionCookieName = 'weft_session';

/** The session token from a Cookie header, if present. */
export function readSessionCookie(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== sessionCookieName) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

function attributes(secure: boolean): string {
  return `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function serializeSessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${sessionCookieName}=${token}; ${attributes(secure)}; Max-Age=${maxAgeSeconds}; Expires=${expiresAt.toUTCString()}`;
}

export function serializeClearedSessionCookie(secure: boolean): string {
  return `${sessionCookieName}=; ${attributes(secure)}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}
