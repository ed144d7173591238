import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './auth-password';

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt per hash', async () => {
    const [first, second] = await Promise.all([hashPassword('pässword 1'), hashPassword('pässword 1')]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('pässword 1', first)).toBe(true);
    // NFKC: the same text typed with a combining diaeresis is the same password.
    expect(await verifyPassword('pa\u0308ssword 1', second)).toBe(true);
    expect(await verifyPassword('pässword 2', first)).toBe(false);
  });

  it('reads the cost from the stored hash, so older settings keep working', async () => {
    const stored = await hashPassword('old');
    const [, , r, p, salt, key] = stored.split('$');
    expect(await verifyPassword('old', ['scrypt', 1024, r, p, salt, key].join('$'))).toBe(false);
  });

  it('treats malformed hashes as a mismatch, and the decoy as always false', async () => {
    for (const stored of ['', 'scrypt$', 'bcrypt$1$2$3$4$5', 'scrypt$0$8$1$c2FsdA$a2V5']) expect(await verifyPassword('x', stored)).toBe(false);
    expect(await verifyAgainstDecoy('anything')).toBe(false);
  });
});
