// Slack as people see it after the demo: each channel's messages as their blocks show them, each with its thread's
// replies under it, read from the Slack sandbox's own record (`GET /_sandbox/messages`).
import { helsinkiWallClock } from '../sandboxes/clock';

interface Held {
  channel: string;
  ts: string;
  text: string;
  blocks: Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ text?: string }> }> | null;
  username: string | null;
  thread_ts: string | null;
  reply_broadcast?: boolean;
}

const at = (ts: string) => helsinkiWallClock(new Date(Number(ts.split('.')[0]) * 1000)).text.slice(11, 16);

/** A message's lines as Slack lays them out: the header, the fields two by two, the sections, the context small. */
const shown = (message: Held): string[] => {
  if (!message.blocks?.length) return message.text.split('\n');
  return message.blocks.flatMap((block) => {
    // Slack shows a header large and bold; *…* is how Slack's own text marks bold.
    if (block.type === 'header') return [`*${block.text?.text ?? ''}*`];
    if (block.fields) {
      const cells = block.fields.map((f) => f.text.padEnd(38));
      return cells.filter((_, i) => i % 2 === 0).map((cell, i) => `${cell}  ${cells[2 * i + 1] ?? ''}`.trimEnd());
    }
    if (block.type === 'context') return [`(${(block.elements ?? []).map((e) => e.text ?? '').join(' ')})`];
    return block.text ? block.text.text.split('\n') : [];
  });
};

export const printSlackChannels = (messages: Held[], channelNames: Record<string, string>) => {
  const parents = messages.filter((m) => !m.thread_ts);
  for (const channel of [...new Set(parents.map((m) => m.channel))]) {
    console.log(`\nSlack #${channelNames[channel] ?? channel}, as people see it`);
    for (const message of parents.filter((m) => m.channel === channel)) {
      console.log(`\n  ${message.username ?? 'Invoices (app)'}  ${at(message.ts)}`);
      for (const line of shown(message)) console.log(`  │ ${line}`);
      const replies = messages.filter((m) => m.thread_ts === message.ts);
      if (replies.length) console.log(`  │ ${replies.length} repl${replies.length === 1 ? 'y' : 'ies'}:`);
      for (const reply of replies) {
        const [first, ...rest] = shown(reply);
        console.log(`  └─ ${at(reply.ts)} ${first}${reply.reply_broadcast ? ' (also sent to the channel)' : ''}`);
        for (const line of rest) console.log(`        ${line}`);
      }
    }
  }
};
