/** Retry delays. Pure: the random source is a parameter. */

export interface BackoffOptions {
  /** Delay ceiling of the first retry. */
  readonly baseMs?: number;
  /** Largest delay the exponential part reaches. */
  readonly capMs?: number;
}

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 5 * 60 * 1000;

/**
 * Delay before the next attempt after `attempt` failed ones (1 after the first failure):
 * "full jitter", uniform in [0, min(cap, base · 2^(attempt−1))), so many devices coming back
 * online do not retry in step. Never less than the server's `Retry-After`.
 */
export function nextDelay(
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
  {baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS}: BackoffOptions = {},
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 52);
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent);
  const delay = Math.floor(random() * ceiling);
  return Math.max(delay, retryAfterMs ?? 0);
}
