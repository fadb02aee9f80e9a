/**
 * Keeps one run's calls within a per-second budget: at most `limit` calls start in any window of `windowMs`. It guards
 * a single run only: Procountor's budget shared by every run is requestBudget.ts, which falls back to this when z.cache
 * cannot be asked.
 */
export class SlidingWindowLimiter {
  private starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the caller may start its call; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.starts = this.starts.filter((t) => now - t < this.windowMs);
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      // +1 ms: the oldest start must have left the window, not be exactly on its edge.
      await new Promise((resolve) => setTimeout(resolve, this.windowMs - (now - this.starts[0]!) + 1));
    }
  }
}
