import type { FormatCallback } from 'html-to-text';

/**
 * An html-to-text formatter that writes each table row on one line, cells separated by ` | `, so a row
 * stays together in a chunk (the built-in formats either pad columns with spaces or drop the row structure).
 */
export const formatTableRows: FormatCallback = (element, walk, builder) => {
  builder.openTable();
  const walkRows = (node: typeof element) => {
    if (node.type !== 'tag') return;
    if (node.name === 'thead' || node.name === 'tbody' || node.name === 'tfoot') {
      node.children.forEach(walkRows);
      return;
    }
    if (node.name !== 'tr') return;
    builder.openTableRow();
    for (const cell of node.children) {
      if (cell.type !== 'tag' || (cell.name !== 'td' && cell.name !== 'th')) continue;
      builder.openTableCell();
      walk(cell.children, builder);
      builder.closeTableCell();
    }
    builder.closeTableRow();
  };
  element.children.forEach(walkRows);
  builder.closeTable({
    tableToString: (rows) => rows.map((cells) => cells.map((cell) => cell.text.replace(/\s+/g, ' ').trim()).join(' | ')).join('\n'),
    leadingLineBreaks: 2,
    trailingLineBreaks: 2,
  });
};
