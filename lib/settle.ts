/**
 * Like Promise.all, but when one fails it waits for the others to finish before failing. A failed run must not
 * leave requests in flight: they would land after the run let go of its claim and spent its rate budget.
 */
export const allSettledOrThrow = async <T extends readonly unknown[]>(promises: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> => {
  const settled = await Promise.allSettled(promises);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
};
