import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { KnowledgeError, type ParsedDocument } from '../../spec';

/** Text of every page (pdf.js through unpdf's serverless build: no worker, no canvas), pages separated by a blank line. */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy. verbosity 0 keeps its warnings off stdout.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (cause) {
    const name = cause instanceof Error ? cause.name : '';
    const message =
      name === 'PasswordException'
        ? 'This PDF is password-protected. Remove the password (print or export it to an unprotected PDF) and upload it again.'
        : `This PDF cannot be opened (${cause instanceof Error ? cause.message : String(cause)}). The file is damaged or not a PDF: export it again from the original document.`;
    throw new KnowledgeError('corrupt_file', message, { cause });
  }
  try {
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    const title = (await getMeta(pdf)).info?.Title;
    return {
      text: text.join('\n\n'),
      metadata: { pageCount: totalPages, ...(typeof title === 'string' && title.trim() !== '' ? { title: title.trim() } : {}) },
    };
  } catch (cause) {
    throw new KnowledgeError(
      'parse_failed',
      `The text of this PDF could not be extracted (${cause instanceof Error ? cause.message : String(cause)}). Try exporting it to PDF again, or upload its text instead.`,
      { cause },
    );
  } finally {
    await pdf.destroy();
  }
}
