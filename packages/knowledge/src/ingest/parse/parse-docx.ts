import mammoth from 'mammoth';
import { KnowledgeError, type ParsedDocument } from '../../spec';
import { htmlToPlainText } from './html-to-plain-text';

/** DOCX → HTML (mammoth keeps headings, lists and tables) → text. */
export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (cause) {
    throw new KnowledgeError(
      'corrupt_file',
      `This file is not a readable .docx (${cause instanceof Error ? cause.message : String(cause)}). Open it in Word or LibreOffice and save it as .docx again; old .doc files must be converted first.`,
      { cause },
    );
  }
  return { text: htmlToPlainText(html), metadata: {} };
}
