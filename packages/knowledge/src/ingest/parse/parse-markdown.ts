import { marked } from 'marked';
import type { ParsedDocument } from '../../spec';
import { htmlToPlainText } from './html-to-plain-text';

/** Markdown → HTML (marked) → text, so emphasis, links and tables lose their markup but keep their words. */
export function parseMarkdown(markdown: string): ParsedDocument {
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(markdown);
  const body = frontMatter ? markdown.slice(frontMatter[0].length) : markdown;
  const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(body)?.[1];
  const title = heading === undefined ? '' : htmlToPlainText(marked.parseInline(heading, { async: false })).trim();
  const html = marked.parse(body, { async: false, gfm: true });
  return { text: htmlToPlainText(html), metadata: title === '' ? {} : { title } };
}
