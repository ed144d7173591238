import type { ParsedDocument } from '../../spec';
import { htmlToPlainText } from './html-to-plain-text';

export function parseHtml(html: string): ParsedDocument {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = titleMatch?.[1] === undefined ? '' : htmlToPlainText(titleMatch[1]).trim();
  return { text: htmlToPlainText(html), metadata: title === '' ? {} : { title } };
}
