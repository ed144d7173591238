import { KnowledgeError } from '../../spec';

/**
 * Pasted text (a string) is taken as it is. Decodes an uploaded text file: UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything else, and
 * anything that looks binary (NUL bytes, many control characters), is `corrupt_file`.
 */
export function decodeText(source: Uint8Array | string, kind: string): string {
  if (typeof source === 'string') return source;
  const text = decodeWithBom(source, kind);
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (text.includes('\u0000') || controls > Math.max(8, text.length * 0.05)) {
    throw new KnowledgeError(
      'corrupt_file',
      `This .${kind} file looks binary (it holds NUL or many control bytes), not text. Upload the original document with its real extension, or export it as UTF-8 text.`,
    );
  }
  return text;
}

function decodeWithBom(bytes: Uint8Array, kind: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new KnowledgeError(
      'corrupt_file',
      `This .${kind} file is not valid UTF-8 text. Save it as UTF-8 (or UTF-16 with a byte-order mark) and upload it again.`,
      { cause },
    );
  }
}
