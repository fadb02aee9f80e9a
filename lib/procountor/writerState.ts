// What one run of a company's invoice lane hands to the next, in one z.cache value read at the start of its turn and
// written at the end only when it changed (both inside the lane's claim): the writes whose answer was lost
// (lib/invoice/inDoubt.ts). The request times it once carried moved to the API client's shared budget
// (lib/zapier/requestBudget.ts), which counts every company's requests together; a turn that loses nothing writes nothing.
import type { ZObject } from 'zapier-platform-core';
import { companyCache } from '../zapier/cache';
import { outcomeUnknown, retryLater } from '../zapier/errors';

const WRITER_STATE_KEY = 'procountor:writer-state:v2';
/** Each invoice lane hands over its own state (lib/invoice/lanes.ts); lane 0 keeps the key of the single writer. */
const writerStateKey = (lane: number) => (lane === 0 ? WRITER_STATE_KEY : `${WRITER_STATE_KEY}:${lane}`);
/** As long as a lost write is remembered (the longest mark in it). */
const WRITER_STATE_TTL_SECONDS = 24 * 3600;
/** At most this many lost writes are remembered, the newest kept. */
const MAX_LOST_WRITES = 200;

/** A write sent at `at` (ms) whose answer was lost; `since` is that moment as Procountor's `versionStartDate` takes it. */
export interface LostWrite {
  at: number;
  since: string;
}

/** What the run's work reads and changes; saved at the end of the turn. */
export interface WriterTurn {
  /** Lost writes by the key of what they were for (a digest of the order's key). */
  lostWrites: Record<string, LostWrite>;
}

const isLostWrite = (value: unknown): value is LostWrite =>
  !!value && typeof value === 'object' && typeof (value as LostWrite).at === 'number' && typeof (value as LostWrite).since === 'string';

const lostWritesIn = (stored: unknown, now: number): Record<string, LostWrite> => {
  const raw = stored && typeof stored === 'object' ? (stored as { lostWrites?: unknown }).lostWrites : undefined;
  if (!raw || typeof raw !== 'object') return {};
  const live = Object.entries(raw).filter(
    (entry): entry is [string, LostWrite] => isLostWrite(entry[1]) && now - entry[1].at < WRITER_STATE_TTL_SECONDS * 1000,
  );
  return Object.fromEntries(live.sort((a, b) => b[1].at - a[1].at).slice(0, MAX_LOST_WRITES));
};

/**
 * Runs `work` with the writer state of one of the company's invoice lanes: the lost writes of the lane's runs before
 * are there to look at. Only meaningful inside the lane's claim, which serialises its runs. `work` gets the state as it is being read, so that the read
 * joins the step's first reads instead of coming before them. Fails closed: without the state a lost write could be
 * written again, so the step is retried.
 */
export const withWriterState = async <T>(z: ZObject, lane: number, work: (turn: Promise<WriterTurn>) => Promise<T>) => {
  let before: string | undefined;
  const turn = companyCache(z)
    .get(writerStateKey(lane))
    .then(
      (stored): WriterTurn => {
        const read = { lostWrites: lostWritesIn(stored, Date.now()) };
        before = JSON.stringify(read.lostWrites);
        return read;
      },
      (error: unknown) => {
        throw retryLater(z, `Zapier's storage did not answer (${(error as Error).message}). Nothing was written; Zapier will retry.`);
      },
    );
  // A failed read is work's to meet (it awaits the turn before anything is written).
  turn.catch(() => undefined);
  try {
    return await work(turn);
  } finally {
    const handed = before === undefined ? undefined : await turn;
    // A turn that lost nothing and cleared nothing has nothing to hand over: it spends no z.cache call here.
    if (handed && JSON.stringify(handed.lostWrites) !== before) {
      try {
        await companyCache(z).set(writerStateKey(lane), { lostWrites: handed.lostWrites }, WRITER_STATE_TTL_SECONDS);
      } catch (error) {
        // A lost write that could not be remembered keeps the lane's claim until it lapses (outcomeUnknown).
        // eslint-disable-next-line no-unsafe-finally -- the step must end in the error that keeps the claim
        throw outcomeUnknown(z, `A write's answer was lost and Zapier's storage did not keep that (${(error as Error).message}). Zapier will retry.`);
      }
    }
  }
};
