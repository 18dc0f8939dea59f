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
