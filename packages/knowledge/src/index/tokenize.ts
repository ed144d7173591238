// Words that carry no meaning on their own. BM25's IDF would mostly drown them anyway, but dropping them keeps
// postings lists short, which is what keeps a query fast at 100k segments.
const englishStopwords = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its me my ' +
    'no not of on or our so than that the their them then there these they this those to was we were what when where ' +
    'which who why will with would you your'
  ).split(' '),
);
const chineseStopwords = new Set(['的', '了', '在', '是', '和', '与', '及', '或', '也', '都', '就', '而', '吗', '呢', '吧', '啊', '之', '于', '把', '被', '这', '那', '个', '们', '我', '你', '他', '她', '它']);

const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const hasCjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const word = /[\p{L}\p{N}]+/gu;
// Product codes, versions and identifiers such as "wx-4471", "v2.3.1" or "api_key": indexed whole (and without
// their separators) besides their parts, so an exact code ranks the one document that has it first.
const compound = /[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)+/gu;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Light English plural stripping, applied the same way to documents and queries ("refunds" meets "refund").
 * Deliberately not a full stemmer: -ed/-ing rules split "charged" from "charge" as often as they join them.
 */
export function stemEnglish(term: string): string {
  if (term.length <= 3 || !/^[a-z]+$/.test(term)) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(term)) return term;
  if (term.endsWith('s')) return term.slice(0, -1);
  return term;
}

function latinTerms(text: string, terms: string[]): void {
  for (const match of text.matchAll(compound)) {
    terms.push(match[0], match[0].replace(/[-_./]/g, ''));
  }
  for (const match of text.matchAll(word)) {
    const term = match[0];
    if (!englishStopwords.has(term)) terms.push(stemEnglish(term));
  }
}

/**
 * Words of a run of Chinese (or Japanese) characters from the ICU dictionary segmenter, plus the run's character
 * bigrams that are not already words: the segmenter can cut the same phrase differently in a document and in a
 * short query, and the bigrams still meet.
 */
function cjkTerms(run: string, terms: string[]): void {
  const words = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(run)) {
    if (!isWordLike) continue;
    if (segment.length === 1 && chineseStopwords.has(segment)) continue;
    words.add(segment);
    terms.push(segment);
  }
  for (let index = 0; index + 2 <= run.length; index += 1) {
    const bigram = run.slice(index, index + 2);
    if (!words.has(bigram) && !chineseStopwords.has(bigram[0]!) && !chineseStopwords.has(bigram[1]!)) terms.push(bigram);
  }
}

/**
 * The terms of a text for keyword search, the same for documents and queries: NFKC-normalised and lower-cased;
 * English words without stopwords and lightly stemmed; compounds (codes) whole; Chinese and Japanese runs as
 * dictionary words plus bigrams.
 */
export function tokenize(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const terms: string[] = [];
  if (!hasCjk.test(normalized)) {
    latinTerms(normalized, terms);
    return terms;
  }
  let last = 0;
  for (const match of normalized.matchAll(cjkRun)) {
    latinTerms(normalized.slice(last, match.index), terms);
    cjkTerms(match[0], terms);
    last = match.index + match[0].length;
  }
  latinTerms(normalized.slice(last), terms);
  return terms;
}
