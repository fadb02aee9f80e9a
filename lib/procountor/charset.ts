// Procountor stores text in Windows-1252 ("Encoding: UTF-8, Character set: Windows-1252, Not allowed: Ŕ, ೠ, еߙϲ․",
// dev.procountor.com/api-requests) and refuses anything else. Text bound for Procountor is made representable here,
// one user-perceived character (grapheme) at a time, so an emoji or a letter with stacked accents is never split.
import iconv from 'iconv-lite';
import { transliterate } from 'transliteration';

const fitsWhole = (text: string) => iconv.decode(iconv.encode(text, 'win1252'), 'win1252') === text;

/** Whether Procountor can store this text as it is. */
export const fitsWindows1252 = (text: string) => fitsWhole(text);

// Symbols whose plain form is an ASCII look-alike that reads the same on an invoice. Everything else goes through
// the transliteration package; emoji and pictographs have no faithful plain form and are dropped.
const SYMBOL_NAMES: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '⇐': '<=',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '∞': 'infinity',
  '✓': '',
  '✔': '',
  '✗': 'x',
  '−': '-',
  '⁄': '/',
};

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
/** Zero-width and other invisible formatting characters (ZWSP, ZWJ, BOM, bidi marks…): they carry nothing to print. */
const INVISIBLE = /^\p{Cf}+$/u;
const SPACE = /^\p{Zs}$/u;

const plainFormOf = (grapheme: string): string => {
  const composed = grapheme.normalize('NFC');
  if (fitsWhole(composed)) return composed;
  if (composed in SYMBOL_NAMES) return SYMBOL_NAMES[composed]!;
  if (PICTOGRAPH.test(composed) || INVISIBLE.test(composed)) return '';
  // Non-breaking, narrow and other spaces that Windows-1252 lacks read as an ordinary space.
  if (SPACE.test(composed)) return ' ';
  // A letter whose accent Windows-1252 lacks keeps its base letter: ő -> o, Ŕ -> R, č -> c.
  const unaccented = composed
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
  if (unaccented && fitsWhole(unaccented)) return unaccented;
  // Letters with no accent to strip (Ł, ß-like, Greek, Cyrillic, CJK) take their usual Latin spelling.
  const latin = transliterate(composed, { unknown: '' });
  return fitsWhole(latin) ? latin : '';
};

/**
 * The text as Procountor can store it: characters Windows-1252 has (€, –, “ ”, ’, …, Å Ä Ö Š Ž) unchanged, letters with
 * a faithful plain form transliterated (Ł -> L, ő -> o, → -> "->"), emoji and invisible characters dropped. Spaces
 * doubled by a dropped character are closed up.
 */
export const toWindows1252 = (text: string): string => {
  if (fitsWhole(text)) return text;
  let out = '';
  for (const { segment } of segmenter.segment(text)) out += plainFormOf(segment);
  return out.replace(/[ \t]{2,}/g, ' ').replace(/^[ \t]+|[ \t]+$/gm, '');
};

/** How many characters Procountor counts: its limits are in UTF-16 units (Java strings); a grapheme is never cut. */
const graphemes = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);

/**
 * The text cut to at most `max` characters, at a word boundary when one is near the end, ending with "…" (which
 * Windows-1252 has). Text within the limit comes back unchanged.
 */
export const shortenAtWord = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const room = max - 1;
  let kept = '';
  for (const g of graphemes(text)) {
    if (kept.length + g.length > room) break;
    kept += g;
  }
  const lastSpace = kept.search(/\s\S*$/);
  // A boundary in the last third keeps whole words; a very long word is cut where the room ends.
  const cut = lastSpace > room * 0.66 ? kept.slice(0, lastSpace) : kept;
  return `${cut.replace(/[\s,;:.-]+$/, '')}…`;
};
