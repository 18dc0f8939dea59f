// Clocks for tests (`src/internal/clock.ts`): time moves when a test says so, so absence ("no
// draft was written") and order are proved by running every timer there is, never by sleeping.
import type {Clock} from '../../src/internal/clock.js';

interface Timer {
  at: number;
  task: () => unknown;
  /** The real timer behind it (LiveClock). */
  real?: ReturnType<typeof setTimeout>;
}

/** Time stands still until `tick` or `runAll` moves it; timers run in the order they are due. */
export class FakeClock implements Clock {
  protected time: number;
  protected readonly timers = new Map<number, Timer>();
  #ids = 0;

  constructor(start = Date.parse('2026-12-01T09:00:00Z')) {
    this.time = start;
  }

  now() {
    return this.time;
  }

  setTimeout(task: () => unknown, ms: number) {
    const id = ++this.#ids;
    this.timers.set(id, {at: this.time + Math.max(0, ms), task});
    return id;
  }

  clearTimeout(id: unknown) {
    this.timers.delete(id as number);
  }

  /** How many timers wait. */
  get pending() {
    return this.timers.size;
  }

  /** Moves time on by `ms`, running each timer that falls due (and awaiting what it returns). */
  async tick(ms: number) {
    const end = this.time + ms;
    for (let next = this.#next(); next && next[1].at <= end; next = this.#next()) {
      await this.#run(...next);
    }
    this.time = end;
  }

  /** Runs every timer, and those they set, moving time to each; fails on an endless chain. */
  async runAll(limit = 1000) {
    for (let n = 0, next = this.#next(); next; next = this.#next()) {
      if (++n > limit) throw new Error(`timers still set after ${limit} ran`);
      await this.#run(...next);
    }
  }

  async #run(id: number, timer: Timer) {
    this.clearTimeout(id);
    this.time = Math.max(this.time, timer.at);
    await timer.task();
  }

  #next(): [number, Timer] | undefined {
    return [...this.timers].sort(([, a], [, b]) => a.at - b.at)[0];
  }
}

/**
 * Real time for an element a test drives as a person would (autosave happens by itself), with
 * `runAll()` to run at once every timer still set, awaiting each: what has not happened after
 * that will not happen.
 */
export class LiveClock extends FakeClock {
  #offset = 0;

  constructor() {
    super(Date.now());
  }

  override now() {
    return Date.now() + this.#offset;
  }

  override setTimeout(task: () => unknown, ms: number) {
    const id = super.setTimeout(task, 0) as number;
    const timer = this.timers.get(id)!;
    timer.at = this.now() + Math.max(0, ms);
    timer.real = setTimeout(() => {
      this.timers.delete(id);
      void task();
    }, ms);
    return id;
  }

  override clearTimeout(id: unknown) {
    clearTimeout(this.timers.get(id as number)?.real);
    super.clearTimeout(id);
  }

  override async runAll(limit = 1000) {
    for (let n = 0; this.timers.size;) {
      const [id, timer] = [...this.timers].sort(([, a], [, b]) => a.at - b.at)[0];
      if (++n > limit) throw new Error(`timers still set after ${limit} ran`);
      this.clearTimeout(id);
      // Time jumps to when it was due, so a timer that measures what remains does not re-arm.
      this.#offset += Math.max(0, timer.at - this.now());
      await timer.task();
    }
  }
}
