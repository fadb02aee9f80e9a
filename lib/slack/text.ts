// Text for Slack, cut on whole characters. Pure.
//
// A cut never falls inside a character as the reader sees it (an emoji with its skin tone, a flag, a letter with its
// accents): text is walked in grapheme clusters with Intl.Segmenter. Lengths are counted in UTF-16 code units, as
// JavaScript and JSON count them: never less than Slack's "characters" under any reading, so a text that fits here
// fits Slack.

/** What a cut text ends with, so the reader knows there was more. */
export const CUT_MARKER = '… (cut)';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Replaces halves of surrogate pairs that lost their partner (broken input) with U+FFFD, which Slack can store. */
export const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/**
 * The longest run of whole characters from the start of `text` whose `measure` (never less than the length) stays
 * within `max`.
 *
 * Only the first `max + 2` code units are segmented: V8's segment iterator costs time in proportion to the whole
 * string at every step (a 100,000-character input took seconds), and nothing past `max` can be kept anyway. Whether
 * a boundary falls at a position depends on what precedes it and on the one code point after it (UAX #29), and the
 * window holds that code point whole for every position up to `max`: each boundary the loop uses is a true one.
 */
const longestPrefix = (text: string, max: number, measure: (grapheme: string) => number) => {
  let used = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text.slice(0, max + 2))) {
    const size = measure(segment);
    if (used + size > max) return { kept: text.slice(0, index) };
    used += size;
    end = index + segment.length;
  }
  return { kept: text.slice(0, end) };
};

/** `text` within `max` code units; when it had to be cut, it ends with the marker (which counts in `max`). */
export const cut = (text: string, max: number): string => {
  if (text.length <= max) return text;
  // Too little room for the marker: the whole characters that fit, unmarked.
  if (max <= CUT_MARKER.length) return longestPrefix(text, max, (g) => g.length).kept;
  return longestPrefix(text, max - CUT_MARKER.length, (g) => g.length).kept + CUT_MARKER;
};

/**
 * Splits `text` into pieces of at most `max` code units on whole characters, preferring to break after a line end
 * or a space in the last tenth of a piece, so words and lines stay whole. The pieces join back to `text`.
 */
export const split = (text: string, max: number): string[] => {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let { kept } = longestPrefix(rest, max, (g) => g.length);
    const soft = Math.max(kept.lastIndexOf('\n'), kept.lastIndexOf(' '));
    if (soft >= Math.floor(max * 0.9)) kept = kept.slice(0, soft + 1);
    // A single character longer than `max` (thousands of combining marks) cannot be split on a boundary.
    if (!kept) kept = rest.slice(0, /[\uD800-\uDBFF]/.test(rest.charAt(max - 1)) ? max - 1 : max);
    pieces.push(kept);
    rest = rest.slice(kept.length);
  }
  if (rest || !pieces.length) pieces.push(rest);
  return pieces;
};

// Slack reads &, < and > as markup in mrkdwn (<!channel> pings everyone); a mapped value must show as written.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeEntities = (text: string) => text.replace(/[&<>]/g, (c) => ENTITIES[c]!);

// Where Slack links names, a bare "@channel" pings the channel; a zero-width space keeps a mapped value from ever pinging.
const defuseMentions = (text: string) => text.replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');

/** Escapes what Slack reads as markup in mrkdwn, and defuses @channel/@here/@everyone. */
export const escapeMrkdwn = (text: string) => escapeEntities(defuseMentions(text));

/**
 * Cut first, then escape: `max` bounds the escaped result, so the cut is made on the raw text with each character
 * measured as it will be escaped, and an entity (`&amp;`) is never split into `&am`.
 */
export const cutThenEscape = (text: string, max: number): string => {
  const defused = defuseMentions(text);
  const escaped = escapeEntities(defused);
  if (escaped.length <= max) return escaped;
  const { kept } = longestPrefix(defused, max - CUT_MARKER.length, (g) => escapeEntities(g).length);
  return escapeEntities(kept) + CUT_MARKER;
};
