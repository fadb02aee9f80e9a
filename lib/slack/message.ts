// Slack messages as Block Kit with a plain-text fallback, within Slack's limits. Pure.
//
// Everything a Zap maps in goes into plain_text objects, which Slack shows as written: no *bold*, no links,
// no <!channel> pings. The top-level `text` (the notification and screen-reader fallback) is mrkdwn, so it
// is escaped the way Slack documents (&, <, >) and @channel/@here/@everyone are defused.
//
// Whatever the input, the message stays within what Slack accepts: each element within its own limit, and all the
// text in the blocks together within one budget, since Slack refuses a message whose blocks hold too much text in
// total (msg_blocks_too_long) long before it runs out of blocks.
import { cut, cutThenEscape, split, wellFormed } from './text';

/** Slack's per-element limits (Block Kit reference): header text, section text. */
export const MAX_HEADER_TEXT = 150;
export const MAX_SECTION_TEXT = 3000;
/**
 * All text in a message's blocks together. Slack answers msg_blocks_too_long somewhere between about 11,000 and 13,000
 * characters and a Slack maintainer advises staying under 12,000 (slackapi/bolt-js#2509, #2867). Our messages have
 * under a dozen blocks, so the containers' own share of Slack's count stays small.
 */
export const MAX_BLOCK_TEXT = 12_000;
/** Slack cuts `text` past 40,000 characters; a notification needs far less. */
export const MAX_FALLBACK_TEXT = 3000;
/**
 * One field shows one value (a customer name, a date): longer ones are cut here, well inside Slack's 2,000 a field,
 * so six mapped values can never crowd the notes out of the total.
 */
export const FIELD_SHARE = 300;

export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: false });

/** Hands out the message's text budget in order; every piece is cut to what is left and to its own limit. */
export const textBudget = (total: number) => {
  let left = total;
  return {
    take(text: string, max: number) {
      const piece = cut(text, Math.min(max, left));
      left -= piece.length;
      return piece;
    },
    get left() {
      return left;
    },
  };
};

/** Sections of at most 3,000 characters holding `text`, cut to `room` characters in all (marker included). */
export const textSections = (text: string, room: number) =>
  split(cut(text, room), MAX_SECTION_TEXT)
    // A section of nothing but spaces would show as an empty gap in the message.
    .filter((piece) => piece.trim())
    .map((piece) => ({ type: 'section', text: plain(piece) }));

/** A message the Zap builder wrote, shown exactly as written (cut, and marked so, when Slack could not take it all). */
export const customMessage = (message: string) => {
  const text = wellFormed(message);
  return { text: cutThenEscape(text, MAX_FALLBACK_TEXT), blocks: textSections(text, MAX_BLOCK_TEXT) };
};
