// Slack's published rules for a posted message, as pure checks: the sandbox answers with them, and tests hold the
// app's messages against them without a server. Every limit comes from ./reference.ts.
import { characters, LIMITS } from './reference';

export type BlocksRefusal = 'invalid_blocks_format' | 'invalid_blocks' | 'msg_blocks_too_long';
type BlocksVerdict = { ok: true; textCharacters: number } | { ok: false; error: BlocksRefusal; why: string };

/** A UTF-16 surrogate without its partner: not a character, and not encodable as UTF-8 (RFC 3629, RFC 8259 §8.2). */
export const hasBrokenSurrogate = (text: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

class Refused extends Error {
  constructor(
    readonly error: BlocksRefusal,
    why: string,
    pointer: string,
  ) {
    // Slack names the offending element with a JSON pointer in `errors` (e.g. "[json-pointer:/blocks/1/elements]").
    super(`${why} [json-pointer:${pointer}]`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** [bk] A text object: `plain_text` or `mrkdwn` (only `plain_text` where a block says so), text 1..max characters. */
const textObject = (value: unknown, pointer: string, max: number, plainOnly = false): number => {
  if (!isObject(value)) throw new Refused('invalid_blocks', 'must be a text object', pointer);
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(String(value.type))) throw new Refused('invalid_blocks', `type must be one of ${allowed.join(', ')}`, `${pointer}/type`);
  if (typeof value.text !== 'string') throw new Refused('invalid_blocks', 'text must be a string', `${pointer}/text`);
  const length = characters(value.text);
  if (length < 1) throw new Refused('invalid_blocks', 'must be more than 0 characters', `${pointer}/text`);
  if (length > max) throw new Refused('invalid_blocks', `must be less than ${max + 1} characters`, `${pointer}/text`);
  if (hasBrokenSurrogate(value.text)) throw new Refused('invalid_blocks', 'contains a broken surrogate pair', `${pointer}/text`);
  return length;
};

const list = (value: unknown, pointer: string, max: number): unknown[] => {
  if (!Array.isArray(value) || value.length === 0) throw new Refused('invalid_blocks', 'must provide at least 1 item', pointer);
  if (value.length > max) throw new Refused('invalid_blocks', `no more than ${max} items allowed`, pointer);
  return value;
};

/** Characters of text in one block; throws Refused when Slack would refuse the block. */
const blockText = (block: unknown, pointer: string): number => {
  if (!isObject(block)) throw new Refused('invalid_blocks', 'must be an object', pointer);
  if (block.block_id !== undefined && (typeof block.block_id !== 'string' || block.block_id.length > 255)) {
    throw new Refused('invalid_blocks', 'block_id must be a string of at most 255 characters', `${pointer}/block_id`);
  }
  switch (block.type) {
    case 'header':
      return textObject(block.text, `${pointer}/text`, LIMITS.headerText, true);
    case 'section': {
      if (block.text === undefined && block.fields === undefined) throw new Refused('invalid_blocks', 'must provide text or fields', pointer);
      if (block.accessory !== undefined) throw new Refused('invalid_blocks', 'accessories are not modelled by this sandbox', `${pointer}/accessory`);
      const text = block.text === undefined ? 0 : textObject(block.text, `${pointer}/text`, LIMITS.textObject);
      const fields = block.fields === undefined ? [] : list(block.fields, `${pointer}/fields`, LIMITS.sectionFields);
      return fields.reduce<number>((sum, field, i) => sum + textObject(field, `${pointer}/fields/${i}`, LIMITS.sectionFieldText), text);
    }
    case 'context':
      return list(block.elements, `${pointer}/elements`, LIMITS.contextElements).reduce<number>((sum, element, i) => {
        const at = `${pointer}/elements/${i}`;
        if (isObject(element) && element.type === 'image') {
          if (typeof element.image_url !== 'string' || typeof element.alt_text !== 'string')
            throw new Refused('invalid_blocks', 'image needs image_url and alt_text', at);
          return sum;
        }
        return sum + textObject(element, at, LIMITS.textObject);
      }, 0);
    case 'divider':
      return 0;
    default:
      throw new Refused('invalid_blocks', `unsupported block type ${JSON.stringify(block.type)}`, `${pointer}/type`);
  }
};

/** Slack's verdict on a `blocks` argument as it arrives (a JSON string in a form body, or already parsed JSON). */
const checkBlocks = (raw: unknown): BlocksVerdict => {
  let blocks = raw;
  if (typeof raw === 'string') {
    try {
      blocks = JSON.parse(raw);
    } catch {
      return { ok: false, error: 'invalid_blocks_format', why: 'blocks is not valid JSON' };
    }
  }
  if (!Array.isArray(blocks)) return { ok: false, error: 'invalid_blocks_format', why: 'blocks must be an array' };
  try {
    if (blocks.length > LIMITS.blocksPerMessage) throw new Refused('invalid_blocks', `no more than ${LIMITS.blocksPerMessage} items allowed`, '/blocks');
    const textCharacters = blocks.reduce<number>((sum, block, i) => sum + blockText(block, `/blocks/${i}`), 0);
    if (textCharacters > LIMITS.blockTextTotal) {
      return { ok: false, error: 'msg_blocks_too_long', why: `${textCharacters} characters of block text, more than ${LIMITS.blockTextTotal}` };
    }
    return { ok: true, textCharacters };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.error, why: error.message };
    throw error;
  }
};

/** [ref] `text` past 40,000 characters is cut, not refused, and the answer carries a warning. */
const postedText = (text: string): { text: string; warning?: 'message_truncated' } =>
  characters(text) > LIMITS.messageText ? { text: text.slice(0, LIMITS.messageText).replace(/[\uD800-\uDBFF]$/, ''), warning: 'message_truncated' } : { text };

/** The whole message: what Slack answers (an error code) or what it stores. */
export const checkMessage = (message: {
  text?: string;
  blocks?: unknown;
}): { ok: true; text: string; blocks: unknown[] | null; warning?: 'message_truncated' } | { ok: false; error: BlocksRefusal | 'no_text'; why: string } => {
  const text = typeof message.text === 'string' ? message.text : '';
  let blocks: unknown[] | null = null;
  if (message.blocks !== undefined && message.blocks !== null && message.blocks !== '') {
    const verdict = checkBlocks(message.blocks);
    if (!verdict.ok) return verdict;
    blocks = typeof message.blocks === 'string' ? JSON.parse(message.blocks) : (message.blocks as unknown[]);
  }
  if (!text.trim() && !blocks?.length) return { ok: false, error: 'no_text', why: 'neither text nor blocks' };
  return { ok: true, ...postedText(text), blocks };
};
