/**
 * Canonical JSON: one text per value, so equal values hash to equal cache keys.
 *
 * - object keys sorted (code-unit order), recursively;
 * - `undefined`, functions and symbols: an object property holding one is omitted (same as absent); as an
 *   array item it is written `null`, as `JSON.stringify` does, so positions never shift;
 * - numbers: `-0` is written `0`; `NaN`, `Infinity`, `-Infinity` are written as bare tokens, so they never
 *   collide with `null` (the text is hashed, never parsed);
 * - bigint is written `123n`; values with `toJSON` (Date) are written as what `toJSON` returns;
 * - a cycle throws a TypeError.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, new Set());
  return parts.join('');
}

function write(value: unknown, parts: string[], ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      parts.push(JSON.stringify(value));
      return;
    case 'number':
      parts.push(Number.isFinite(value) ? (Object.is(value, -0) ? '0' : String(value)) : String(value));
      return;
    case 'boolean':
      parts.push(value ? 'true' : 'false');
      return;
    case 'bigint':
      parts.push(`${value}n`);
      return;
    case 'undefined':
    case 'function':
    case 'symbol':
      parts.push('null');
      return;
  }
  if (value === null) {
    parts.push('null');
    return;
  }
  const object = value as Record<string, unknown>;
  if (typeof object.toJSON === 'function') {
    write((object.toJSON as () => unknown)(), parts, ancestors);
    return;
  }
  if (ancestors.has(object)) throw new TypeError('canonicalJson: the value contains a cycle; cache keys need tree-shaped values');
  ancestors.add(object);
  if (Array.isArray(object)) {
    parts.push('[');
    for (let index = 0; index < object.length; index++) {
      if (index > 0) parts.push(',');
      write(object[index], parts, ancestors);
    }
    parts.push(']');
  } else {
    parts.push('{');
    let first = true;
    for (const key of Object.keys(object).sort()) {
      const item = object[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      if (!first) parts.push(',');
      first = false;
      parts.push(JSON.stringify(key), ':');
      write(item, parts, ancestors);
    }
    parts.push('}');
  }
  ancestors.delete(object);
}
