// A company's invoice steps run in two lanes, each a claim in z.cache that one step holds at a time. An order always
// runs in the same lane (by a digest of its key), so two runs of one order still take turns, and its writes whose
// answer was lost are remembered in that lane's writer state (lib/procountor/writerState.ts). Lane 0 is the company's
// record lane: only a step holding it loads or writes the indexes, or makes a customer or product. A step in lane 1
// whose customer and products all exist writes its invoice beside lane 0; one that must make something takes lane 0
// too (lane 0 is never held while waiting for lane 1, so the two never wait for each other).
//
// Two lanes, not more: one company's burst then writes about twice as fast (a turn is mostly round trips), and still
// asks Procountor's shared budget (lib/zapier/requestBudget.ts) with at most two steps, so another company's step is
// not starved (issue 27).
import crypto from 'node:crypto';

export const INVOICE_LANES = 2;
export const RECORD_LANE = 0;

/** The order's lane: the first byte of a digest of its key, so every run of the order agrees. */
export const laneOf = (orderKey: string) => crypto.createHash('sha256').update(orderKey).digest()[0]! % INVOICE_LANES;

/** The lane's claim; lane 0 keeps the name the single writer had, so runs of the version before still take turns with it. */
export const laneClaimKey = (lane: number) => (lane === RECORD_LANE ? 'procountor:invoice-writer' : `procountor:invoice-writer:${lane}`);
