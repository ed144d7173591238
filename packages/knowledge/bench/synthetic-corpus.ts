import { seededRandom } from './measure';

/**
 * Synthetic chunk texts for the latency bench: ~40 words each from a made-up vocabulary with a Zipf-like frequency
 * (a few very common words, a long tail of rare ones), like real text, so keyword postings lists have realistic lengths.
 */
export function createSyntheticCorpus(seed: number, vocabularySize = 5000) {
  const random = seededRandom(seed);
  const syllables = ['ka', 'lo', 'mi', 'ru', 'sen', 'tor', 'vel', 'dan', 'pri', 'zo', 'qua', 'ny', 'fe', 'gil', 'ho', 'bex'];
  const vocabulary = Array.from({ length: vocabularySize }, (_, index) => {
    let word = '';
    let rest = index + 17;
    do {
      word += syllables[rest % syllables.length];
      rest = Math.floor(rest / syllables.length);
    } while (rest > 0);
    return word;
  });
  // Zipf with exponent 1: rank r drawn with probability ∝ 1/r, through the inverse of the cumulative sum.
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= vocabularySize; rank += 1) cumulative.push((total += 1 / rank));
  const word = () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low] ?? '';
  };
  return {
    chunk: (words = 40) => Array.from({ length: words }, word).join(' '),
    /** A query of mid-frequency words (ranks 50–2000), the kind a user types. */
    query: (words = 3) => Array.from({ length: words }, () => vocabulary[50 + Math.floor(random() * 1950)]).join(' '),
  };
}
