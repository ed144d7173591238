import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Encrypts secrets at rest (provider API keys). Sealed values are self-describing text, safe for a DB column. */
export interface SecretBox {
  /** `context` (e.g. the credential id) is authenticated but not stored: the sealed text only opens with it. */
  encrypt(plaintext: string, context?: string): string;
  /** Throws SecretBoxError `secret_key_mismatch` when sealed under another key, `secret_malformed` when damaged. */
  decrypt(sealed: string, context?: string): string;
  /** Short fingerprint of the key, stored in every sealed value; never the key itself. */
  readonly keyId: string;
}

export type SecretBoxErrorCode = 'secret_key_invalid' | 'secret_key_mismatch' | 'secret_malformed' | 'secret_key_unreadable';

export class SecretBoxError extends Error {
  readonly code: SecretBoxErrorCode;
  constructor(code: SecretBoxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretBoxError';
    this.code = code;
  }
}

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

/**
 * AES-256-GCM with a random 96-bit IV per value. Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts),
 * so a value sealed under another key is recognised before decrypting and reported as such.
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) {
    throw new SecretBoxError('secret_key_invalid', `The secret key must be 32 bytes, got ${key.length}.`);
  }
  const keyId = createHash('sha256').update('weft-secret-box:').update(key).digest('hex').slice(0, 8);

  return {
    keyId,
    encrypt(plaintext, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
      if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return [version, keyId, ...parts].join('.');
    },
    decrypt(sealed, context) {
      const parts = sealed.split('.');
      const [sealedVersion, sealedKeyId, ivText, tagText, ciphertextText] = parts;
      if (parts.length !== 5 || sealedVersion !== version || ivText === undefined || tagText === undefined || ciphertextText === undefined) {
        throw new SecretBoxError('secret_malformed', `Not a weft sealed secret (expected "${version}.<key>.<iv>.<tag>.<data>"). Re-enter the secret to store it again.`);
      }
      if (sealedKeyId !== keyId) {
        throw new SecretBoxError(
          'secret_key_mismatch',
          `This secret was encrypted with another key (key id ${sealedKeyId}, current ${keyId}). Restore the WEFT_SECRET_KEY ` +
            '(or <data dir>/secret.key) it was stored with, or re-enter the secret.',
        );
      }
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== ivBytes || tag.length !== tagBytes) {
        throw new SecretBoxError('secret_malformed', 'The sealed secret is truncated. Re-enter the secret to store it again.');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
        decipher.setAuthTag(tag);
        if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new SecretBoxError(
          'secret_malformed',
          'The sealed secret failed authentication: it was altered, or belongs to another record. Re-enter the secret.',
          { cause: error },
        );
      }
    },
  };
}

/** Parses WEFT_SECRET_KEY: 64 hex characters or base64 of exactly 32 bytes. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{42,43}={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64');
    if (bytes.length === 32) return bytes;
  }
  throw new SecretBoxError(
    'secret_key_invalid',
    'WEFT_SECRET_KEY must be 32 random bytes as 64 hex characters or base64; generate one with ' +
      '`node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'hex\'))"`.',
  );
}

export const secretKeyFileName = 'secret.key';

/**
 * The key from `secretKey` when given, else from `<dataDir>/secret.key`, generated there once (mode 0600) on first
 * start. Concurrent first starts agree on one key.
 */
export async function loadSecretKey(options: { secretKey?: string; dataDir: string }): Promise<Buffer> {
  if (options.secretKey !== undefined && options.secretKey !== '') return parseSecretKey(options.secretKey);
  const dir = resolve(options.dataDir);
  const path = join(dir, secretKeyFileName);
  try {
    await mkdir(dir, { recursive: true });
    const key = randomBytes(32);
    // Written whole under a private name, then linked into place: link fails on an existing file, so a racing
    // starter never sees a half-written key and every starter ends up with the same one.
    const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(draft, `${key.toString('hex')}\n`, { mode: 0o600 });
    try {
      await chmod(draft, 0o600);
      await link(draft, path);
      return key;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    } finally {
      await unlink(draft).catch(() => undefined);
    }
    return parseSecretKey(await readFile(path, 'utf8'));
  } catch (error) {
    if (error instanceof SecretBoxError) {
      throw new SecretBoxError('secret_key_invalid', `${path} does not hold a valid key: ${error.message}`, { cause: error });
    }
    throw new SecretBoxError(
      'secret_key_unreadable',
      `Cannot read or create the secret key at ${path} (${(error as Error).message}). Make the data dir writable or set WEFT_SECRET_KEY.`,
      { cause: error },
    );
  }
}
