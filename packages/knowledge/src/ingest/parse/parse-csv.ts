import { parse } from 'csv-parse/sync';
import { KnowledgeError, type ParsedDocument } from '../../spec';

/** One line per data row: `column: value; column: value` (empty cells left out), so each row reads on its own. */
export function parseCsv(text: string): ParsedDocument {
  let records: string[][];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, bom: true, trim: true });
  } catch (cause) {
    throw new KnowledgeError(
      'corrupt_file',
      `This CSV file cannot be read: ${cause instanceof Error ? cause.message : String(cause)}. Check its quoting (every opening " needs a closing one) or export it again.`,
      { cause },
    );
  }
  const [header = [], ...rows] = records;
  const columns = header.map((name, index) => (name === '' ? `column ${index + 1}` : name));
  const lines = rows.map((row) =>
    row
      .map((value, index) => (value === '' ? undefined : `${columns[index] ?? `column ${index + 1}`}: ${value}`))
      .filter((cell) => cell !== undefined)
      .join('; '),
  );
  return { text: lines.filter((line) => line !== '').join('\n'), metadata: { columns, rowCount: rows.length } };
}

/** Comma unless the header line has more semicolons or tabs (European spreadsheet exports). */
function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const firstLine = end < 0 ? text : text.slice(0, end);
  const count = (character: string) => firstLine.split(character).length - 1;
  const candidates = [',', ';', '\t'].map((character) => ({ character, count: count(character) }));
  return candidates.reduce((best, candidate) => (candidate.count > best.count ? candidate : best)).character;
}
