import { compile } from 'html-to-text';
import { formatTableRows } from './format-table-rows';

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));

/** Shared by the HTML, Markdown and DOCX parsers: readable text, no URLs, images or navigation. */
export const htmlToPlainText: (html: string) => string = compile({
  wordwrap: false,
  formatters: { tableRows: formatTableRows },
  selectors: [
    ...headings,
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    // A rule of dashes is noise in a chunk; a paragraph break says the same.
    { selector: 'hr', format: 'block' },
    { selector: 'nav', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'table', format: 'tableRows' },
  ],
});
