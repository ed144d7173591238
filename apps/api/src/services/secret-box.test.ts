import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey, parseSecretKey, SecretBoxError } from './secret-box';

function expectCode(action: () => unknown, code: SecretBoxError['code']): SecretBoxError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    expect((error as SecretBoxError).code).toBe(code);
    return error as SecretBoxError;
  }
  throw new Error(`expected SecretBoxError ${code}, nothing was thrown`);
}

describe('createSecretBox', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips text, with a fresh IV every time', () => {
    const secret = 'sk-test-ünïcödé-🔑';
    const first = box.encrypt(secret);
    const second = box.encrypt(secret);
    expect(first).not.toBe(second);
    expect(first.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect(first).not.toContain(secret);
    expect(box.decrypt(first)).toBe(secret);
    expect(box.decrypt(second)).toBe(secret);
    expect(box.decrypt(box.encrypt(''))).toBe('');
  });

  it('reports a value sealed under another key as secret_key_mismatch, saying what to restore', () => {
    const sealed = createSecretBox(randomBytes(32)).encrypt('sk-other');
    const error = expectCode(() => box.decrypt(sealed), 'secret_key_mismatch');
    expect(error.message).toContain('WEFT_SECRET_KEY');
  });

  it('rejects tampered, truncated and foreign text as secret_malformed', () => {
    const sealed = box.encrypt('sk-live');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[4] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    expectCode(() => box.decrypt([...parts.slice(0, 4), data.toString('base64url')].join('.')), 'secret_malformed');
    expectCode(() => box.decrypt([parts[0], parts[1], 'AAAA', parts[3], parts[4]].join('.')), 'secret_malformed');
    expectCode(() => box.decrypt('sk-plaintext-key'), 'secret_malformed');
  });

  it('binds a value to its context: it opens only with the same one', () => {
    const sealed = box.encrypt('sk-bound', 'credential:1');
    expect(box.decrypt(sealed, 'credential:1')).toBe('sk-bound');
    expectCode(() => box.decrypt(sealed, 'credential:2'), 'secret_malformed');
    expectCode(() => box.decrypt(sealed), 'secret_malformed');
  });

  it('refuses keys that are not 32 bytes', () => {
    expectCode(() => createSecretBox(randomBytes(16)), 'secret_key_invalid');
  });
});

describe('parseSecretKey', () => {
  const key = randomBytes(32);
  it('accepts hex, base64 and base64url of 32 bytes', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(` ${key.toString('base64')}\n`)).toEqual(key);
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key);
  });
  it('rejects anything else with a message saying how to generate one', () => {
    for (const text of ['', 'short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64')]) {
      expect(expectCode(() => parseSecretKey(text), 'secret_key_invalid').message).toContain('randomBytes(32)');
    }
  });
});

describe('loadSecretKey', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weft-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('prefers WEFT_SECRET_KEY and writes nothing', async () => {
    const dataDir = await tempDir();
    const key = randomBytes(32);
    expect(await loadSecretKey({ secretKey: key.toString('hex'), dataDir })).toEqual(key);
    await expect(stat(join(dataDir, 'secret.key'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('generates the key once into <dataDir>/secret.key with mode 0600, and reuses it', async () => {
    const dataDir = join(await tempDir(), 'nested', 'data');
    const first = await loadSecretKey({ dataDir });
    const info = await stat(join(dataDir, 'secret.key'));
    expect(info.mode & 0o777).toBe(0o600);
    expect(await loadSecretKey({ dataDir })).toEqual(first);
    // What was sealed by the first start opens after a restart.
    const sealed = createSecretBox(first).encrypt('sk-persisted');
    expect(createSecretBox(await loadSecretKey({ dataDir })).decrypt(sealed)).toBe('sk-persisted');
  });

  it('gives concurrent first starts the same key', async () => {
    const dataDir = await tempDir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSecretKey({ dataDir })));
    const fileKey = parseSecretKey(await readFile(join(dataDir, 'secret.key'), 'utf8'));
    for (const key of keys) expect(key).toEqual(fileKey);
  });

  it('reports a damaged key file as secret_key_invalid, naming the file', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'secret.key'), 'not a key\n');
    await expect(loadSecretKey({ dataDir })).rejects.toMatchObject({ code: 'secret_key_invalid', message: expect.stringContaining('secret.key') });
  });
});
