import { createHash } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppError } from '../errors';
import { uuidV7 } from '../runtime/uuid-v7';
import { readBody, sendJson, unixSeconds } from './http-io';
import { multipartBoundary, parseMultipart } from './parse-multipart';
import type { RestHandler } from './rest-context';

/** What apps can take as files (Dify's document, image, audio and video families); anything else is refused. */
const mimeByExtension: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  mdx: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  epub: 'application/epub+zip',
  eml: 'message/rfc822',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  webm: 'audio/webm',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** `POST /v1/files/upload` (multipart/form-data: `file`, `user`): stores the file under the data dir, answers 201. */
export const postFileUpload: RestHandler = async ({ request, response, services, key }) => {
  const boundary = multipartBoundary(request.headers['content-type']);
  if (boundary === undefined) {
    throw new AppError('no_file_uploaded', 'Send the file as multipart/form-data with the file in a field named "file" (and the end user in "user").');
  }
  const maxBytes = services.env.WEFT_MAX_UPLOAD_BYTES;
  const parts = parseMultipart(await readBody(request, maxBytes + 64 * 1024, 'file_too_large'), boundary);
  const files = parts.filter((part) => part.name === 'file' && part.filename !== undefined);
  if (files.length === 0) throw new AppError('no_file_uploaded', 'No file in the form: put the file in a field named "file".');
  if (files.length > 1) throw new AppError('invalid_param', 'Upload one file per request (the form has several "file" fields).');
  const file = files[0]!;
  if (file.data.length > maxBytes) {
    throw new AppError('file_too_large', `The file is ${file.data.length} bytes, over the ${maxBytes}-byte limit (WEFT_MAX_UPLOAD_BYTES). Upload a smaller file.`);
  }
  const name = (file.filename ?? '').split(/[\\/]/).pop()!.slice(0, 255) || 'file';
  const extension = extname(name).slice(1).toLowerCase();
  const mimeType = mimeByExtension[extension];
  if (mimeType === undefined) {
    throw new AppError('unsupported_file_type', `Files of type ".${extension || '(none)'}" are not accepted. Upload one of: ${Object.keys(mimeByExtension).join(', ')}.`);
  }
  const user = parts.find((part) => part.name === 'user')?.data.toString('utf8').trim().slice(0, 255) ?? '';

  const id = uuidV7();
  const storageKey = `uploads/${key.app.workspaceId}/${id}.${extension}`;
  const path = join(services.dataDir, storageKey);
  await mkdir(join(services.dataDir, 'uploads', key.app.workspaceId), { recursive: true });
  await writeFile(path, file.data, { flag: 'wx', mode: 0o600 });
  let row;
  try {
    row = await services.prisma.uploadFile.create({
      data: { id, workspaceId: key.app.workspaceId, name, size: file.data.length, mimeType, extension, storageKey, sha256: createHash('sha256').update(file.data).digest('hex') },
    });
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
  sendJson(response, 201, {
    id: row.id,
    name: row.name,
    size: row.size,
    extension: row.extension,
    mime_type: row.mimeType,
    created_by: user,
    created_at: unixSeconds(row.createdAt),
    preview_url: null,
    source_url: '',
  });
};
