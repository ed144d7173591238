import { KnowledgeError, supportedExtensions, type ParsedDocument } from '../../spec';
import { cleanText } from '../clean/clean-text';
import { decodeText } from './decode-text';

/** Upload size limit when the caller sets none: 15 MiB. */
export const defaultMaxBytes = 15 * 1024 * 1024;

/** Every kind `parseDocument` accepts: the file extensions, plus `text` for pasted text. */
export const documentKinds = [...supportedExtensions, 'text'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export interface ParseOptions {
  /** Larger sources fail with `file_too_large` (default 15 MiB). */
  maxBytes?: number;
}

type Parser = (source: Uint8Array | string, kind: DocumentKind) => ParsedDocument | Promise<ParsedDocument>;

// The format parsers (unpdf, mammoth, html-to-text, marked, csv-parse) are imported on the first document of their
// kind, not when the package loads: a process that ingests nothing never holds them.
const plainText: Parser = (source, kind) => ({ text: decodeText(source, kind), metadata: {} });
const markdown: Parser = async (source, kind) => (await load(kind, () => import('./parse-markdown'))).parseMarkdown(decodeText(source, kind));
const html: Parser = async (source, kind) => (await load(kind, () => import('./parse-html'))).parseHtml(decodeText(source, kind));
const bytesOf = (source: Uint8Array | string) => (typeof source === 'string' ? new TextEncoder().encode(source) : source);

const parsers: Record<DocumentKind, Parser> = {
  txt: plainText,
  text: plainText,
  md: markdown,
  markdown,
  html,
  htm: html,
  pdf: async (source, kind) => (await load(kind, () => import('./parse-pdf'))).parsePdf(bytesOf(source)),
  docx: async (source, kind) => (await load(kind, () => import('./parse-docx'))).parseDocx(bytesOf(source)),
  csv: async (source, kind) => (await load(kind, () => import('./parse-csv'))).parseCsv(decodeText(source, kind)),
};

async function load<Module>(kind: DocumentKind, importParser: () => Promise<Module>): Promise<Module> {
  try {
    return await importParser();
  } catch (cause) {
    throw new KnowledgeError(
      'parse_failed',
      `The .${kind} parser could not be loaded (${cause instanceof Error ? cause.message : String(cause)}). Reinstall weft's dependencies (npm install), then add the document again.`,
      { cause },
    );
  }
}

/** Lower-cases and strips a leading dot: `.PDF` → `pdf`. */
export function normaliseKind(kind: string): string {
  return kind.trim().toLowerCase().replace(/^\./, '');
}

export function isDocumentKind(kind: string): kind is DocumentKind {
  return (documentKinds as readonly string[]).includes(normaliseKind(kind));
}

/**
 * Extracts and cleans the text of an uploaded file (`bytes`) or pasted text (a string). Fails with a
 * KnowledgeError: `unsupported_file_type`, `file_too_large`, `corrupt_file`, `parse_failed` or `empty_document`.
 */
export async function parseDocument(kind: string, source: Uint8Array | string, options: ParseOptions = {}): Promise<ParsedDocument> {
  const normalised = normaliseKind(kind);
  if (!isDocumentKind(normalised)) {
    throw new KnowledgeError(
      'unsupported_file_type',
      `Files of type "${kind}" cannot be added to a knowledge base. Supported types: ${supportedExtensions.join(', ')} (or paste the text).`,
    );
  }
  const size = typeof source === 'string' ? Buffer.byteLength(source, 'utf8') : source.byteLength;
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  if (size > maxBytes) {
    throw new KnowledgeError(
      'file_too_large',
      `This document is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit. Split it into smaller files, or raise the upload limit.`,
    );
  }
  const parsed = await runParser(parsers[normalised], source, normalised);
  const text = cleanText(parsed.text);
  if (text === '') {
    const hint = normalised === 'pdf' ? ' A scanned PDF holds only images: run OCR on it first.' : '';
    throw new KnowledgeError('empty_document', `This document has no text to index.${hint} Add text to it and upload it again.`);
  }
  return { text, metadata: parsed.metadata };
}

async function runParser(parser: Parser, source: Uint8Array | string, kind: DocumentKind): Promise<ParsedDocument> {
  try {
    return await parser(source, kind);
  } catch (cause) {
    if (cause instanceof KnowledgeError) throw cause;
    throw new KnowledgeError(
      'parse_failed',
      `The .${kind} parser failed on this document (${cause instanceof Error ? cause.message : String(cause)}). Save it again from its editor, or upload its text instead.`,
      { cause },
    );
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
