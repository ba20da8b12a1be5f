/**
 * The text a search result shows: an excerpt of the document's body (never
 * the index-only words: alert names, ids, people, tickets, which Pagefind
 * indexes but a reader should not see run together), and the query's words
 * marked in a summary. Pure functions returning segments; the page turns
 * them into text nodes and <mark> elements, so nothing is parsed as HTML.
 */

/** A run of text, marked when it matches the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** What Pagefind returns for a page, as far as excerpts need it. */
export interface IndexedText {
  /** The page's indexed text, words separated by white space. */
  content?: string;
  /** Word positions that match the query, with Pagefind's score for each. */
  weighted_locations?: { location: number; balanced_score: number }[];
  /** Elements with an id, at the word they start. */
  anchors?: { id: string; location: number }[];
}

/** The id of the block that holds the index-only words, at the end of each document (SearchData.astro). */
export const INDEX_ONLY_ID = 'search-index-only';

/** Pagefind's own excerpt length, in words. */
const EXCERPT_WORDS = 30;
const SEPARATORS = /[^\S\uFEFF]+/;

/**
 * An excerpt of the body around its densest matches, from word `from` on
 * (to leave out the title and summary the result already shows). Undefined
 * when the body has no match there.
 */
export function bodyExcerpt(page: IndexedText, from = 0): Segment[] | undefined {
  if (!page.content) return undefined;
  const words = page.content.split(SEPARATORS);
  const end = page.anchors?.find((a) => a.id === INDEX_ONLY_ID)?.location ?? words.length;
  const scores: number[] = [];
  for (const { location, balanced_score } of page.weighted_locations ?? []) {
    if (location >= from && location < end) scores[location] = (scores[location] ?? 0) + balanced_score;
  }
  if (scores.length === 0) return undefined;
  // The window of EXCERPT_WORDS words with the highest total score; of a run of equally good
  // windows, the middle one, so the matches sit inside their context (as Pagefind chooses).
  let bestSum = -1;
  let run: number[] = [];
  for (let start = from; start < Math.max(from + 1, end - EXCERPT_WORDS + 1); start++) {
    let sum = 0;
    for (let i = start; i < Math.min(end, start + EXCERPT_WORDS); i++) sum += scores[i] ?? 0;
    if (sum > bestSum) [bestSum, run] = [sum, [start]];
    else if (sum === bestSum && run[run.length - 1] === start - 1) run.push(start);
  }
  const start = run[Math.floor(run.length / 2)]!;
  const stop = Math.min(end, start + EXCERPT_WORDS);
  const segments: Segment[] = [];
  if (start > from) segments.push({ text: '… ', mark: false });
  for (let i = start; i < stop; i++) {
    const separator = i > start ? ' ' : '';
    if (scores[i] !== undefined) {
      if (separator) push(segments, separator, false);
      segments.push({ text: words[i]!, mark: true });
    } else push(segments, separator + words[i]!, false);
  }
  if (stop < end) push(segments, ' …', false);
  return segments;
}

function push(segments: Segment[], text: string, mark: boolean): void {
  const last = segments[segments.length - 1];
  if (last && last.mark === mark && !mark) last.text += text;
  else segments.push({ text, mark });
}

/** The number of words Pagefind counts in a text (title and summary at the top of the body). */
export function wordCount(text: string): number {
  return text.split(SEPARATORS).filter(Boolean).length;
}

/**
 * The words of a query, near enough to how Pagefind matches them: each finds
 * the words that start with it, in any case, and a plural its singular too
 * (Pagefind stems, so "payments" finds "payment").
 */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
  return [...new Set(words.map((t) => (t.length > 3 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t)))];
}

/** A text with every word that starts with a query term marked. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  if (terms.length === 0) return [{ text, mark: false }];
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})[\\p{L}\\p{N}]*`, 'giu');
  const segments: Segment[] = [];
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) segments.push({ text: text.slice(at, match.index), mark: false });
    segments.push({ text: match[0], mark: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: false });
  return segments;
}
