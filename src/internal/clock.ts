/**
 * Time as a parameter: the controllers that wait (autosave's pause, delivery's retries, the
 * last pages' code on a stalled connection) take a clock, so a test moves time instead of
 * sleeping, and proves that something did not happen by running every timer there is.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `task` after `ms`; what it returns (a promise) a fake clock can wait for. */
  setTimeout(task: () => unknown, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (task, ms) => setTimeout(task, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/** Runs `task` when the page is idle (soon, where the browser cannot say: WebKit). */
export const whenIdle = (task: () => void) => (window.requestIdleCallback ?? setTimeout)(task);

/**
 * `promise`, or a `TimeoutError` after `ms` on `clock`: lazily loaded code on a stalled
 * connection is given up on, so the page can offer "Try again" instead of loading for ever.
 */
export async function withinTime<T>(clock: Clock, ms: number, promise: Promise<T>): Promise<T> {
  let timer: unknown;
  const stalled = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(
      () => reject(new DOMException('The page took too long to load.', 'TimeoutError')),
      ms,
    );
  });
  try {
    return await Promise.race([promise, stalled]);
  } finally {
    clock.clearTimeout(timer);
  }
}
