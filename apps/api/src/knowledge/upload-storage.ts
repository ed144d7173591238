import { createHash } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDocumentKind, normaliseKind } from '@weft/knowledge';
import { supportedExtensions } from '@weft/knowledge/spec';
import { AppError } from '../errors';
import { uuidV7 } from '../runtime/uuid-v7';
import type { KnowledgeContext } from './knowledge-context';

const mimeByKind: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
};

/** The file's kind from its name (`Report.PDF` → `pdf`); unsupported kinds are refused before anything is stored. */
export function uploadKind(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const kind = dot < 0 ? '' : normaliseKind(fileName.slice(dot + 1));
  if (kind === 'text' || !isDocumentKind(kind)) {
    throw new AppError(
      'unsupported_file_type',
      `"${fileName}" is not a file type a knowledge base can read. Upload one of: ${supportedExtensions.join(', ')}, or paste the text instead.`,
    );
  }
  return kind;
}

/**
 * Decodes standard base64 (a `data:…;base64,` prefix and line breaks are tolerated) and checks the size before
 * decoding, so an oversize upload costs no decode.
 */
export function decodeUpload(contentBase64: string, maxBytes: number): Buffer {
  const body = contentBase64.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) {
    throw new AppError('invalid_param', 'contentBase64 is not valid base64: send the file\'s bytes base64-encoded (A–Z, a–z, 0–9, +, /, padded with = to a multiple of 4).');
  }
  const size = (body.length / 4) * 3 - (body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0);
  if (size > maxBytes) {
    throw new AppError('file_too_large', `The file is ${size} bytes, over the ${maxBytes}-byte upload limit (WEFT_MAX_UPLOAD_BYTES). Split it into smaller files.`);
  }
  if (size === 0) throw new AppError('empty_document', 'The file is empty: choose a file with text in it.');
  return Buffer.from(body, 'base64');
}

export interface StoredUpload {
  id: string;
  storageKey: string;
}

/** Writes the bytes under `<dataDir>/uploads/<workspace>/` and records the UploadFile row (removing the file if that fails). */
export async function storeUpload(
  context: KnowledgeContext,
  upload: { workspaceId: string; userId: string; fileName: string; kind: string; bytes: Buffer },
): Promise<StoredUpload> {
  const id = uuidV7();
  const storageKey = `uploads/${upload.workspaceId}/${id}.${upload.kind}`;
  const path = join(context.dataDir, storageKey);
  await mkdir(join(context.dataDir, 'uploads', upload.workspaceId), { recursive: true });
  await writeFile(path, upload.bytes, { flag: 'wx', mode: 0o600 });
  try {
    await context.prisma.uploadFile.create({
      data: {
        id,
        workspaceId: upload.workspaceId,
        name: upload.fileName.slice(0, 255),
        size: upload.bytes.length,
        mimeType: mimeByKind[upload.kind] ?? 'application/octet-stream',
        extension: upload.kind,
        storageKey,
        sha256: createHash('sha256').update(upload.bytes).digest('hex'),
        createdById: upload.userId,
      },
    });
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return { id, storageKey };
}

/** Deletes upload rows and their bytes (best effort for the bytes: a missing file is fine). */
export async function removeUploadFiles(context: KnowledgeContext, uploads: StoredUpload[]): Promise<void> {
  if (uploads.length === 0) return;
  await context.prisma.uploadFile.deleteMany({ where: { id: { in: uploads.map((upload) => upload.id) } } });
  await Promise.all(uploads.map((upload) => unlink(join(context.dataDir, upload.storageKey)).catch(() => undefined)));
}
