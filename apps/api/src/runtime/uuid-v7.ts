import { randomFillSync } from 'node:crypto';

const pool = new Uint8Array(16 * 256);
let poolOffset = pool.length;
let lastMs = 0;
let sequence = 0;

/**
 * A UUIDv7 (RFC 9562): 48-bit unix milliseconds, then random bits with a 12-bit counter so ids made in the same
 * millisecond still sort in creation order. Time-ordered ids keep the runs/messages indexes append-mostly.
 */
export function uuidV7(now: number = Date.now()): string {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    sequence = bytes[6]! & 0x7f;
  }
  bytes[0] = Math.floor(now / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(now / 2 ** 32) & 0xff;
  bytes[2] = (now >>> 24) & 0xff;
  bytes[3] = (now >>> 16) & 0xff;
  bytes[4] = (now >>> 8) & 0xff;
  bytes[5] = now & 0xff;
  bytes[6] = 0x70 | ((sequence >>> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  let hex = '';
  for (let index = 0; index < 16; index++) {
    hex += hexByte[bytes[index]!]!;
    if (index === 3 || index === 5 || index === 7 || index === 9) hex += '-';
  }
  return hex;
}

const hexByte = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for any RFC 9562 textual UUID (any version). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
