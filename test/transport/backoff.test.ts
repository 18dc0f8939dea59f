import {expect} from '@open-wc/testing';
import {BACKOFF_BASE_MS, BACKOFF_CAP_MS, nextDelay} from '../../src/transport/backoff.js';

const top = () => 0.999999;
const zero = () => 0;

describe('nextDelay', () => {
  it('grows as base · 2^(attempt−1) at most, with full jitter down to zero', () => {
    expect([1, 2, 3, 4].map((n) => nextDelay(n, undefined, top))).to.deep.equal([
      999, 1999, 3999, 7999,
    ]);
    expect(nextDelay(5, undefined, zero)).to.equal(0);
    expect(nextDelay(3, undefined, () => 0.5)).to.equal(2000);
  });

  it('stops growing at the cap, even for absurd attempt counts', () => {
    expect(nextDelay(30, undefined, top)).to.equal(BACKOFF_CAP_MS - 1);
    expect(nextDelay(10_000, undefined, top)).to.equal(BACKOFF_CAP_MS - 1);
    expect(BACKOFF_BASE_MS).to.equal(1000);
    expect(BACKOFF_CAP_MS).to.equal(300_000);
  });

  it('is never less than Retry-After, which may exceed the cap', () => {
    expect(nextDelay(1, 5000, top)).to.equal(5000);
    expect(nextDelay(1, 5000, zero)).to.equal(5000);
    expect(nextDelay(20, 3_600_000, top)).to.equal(3_600_000);
    expect(nextDelay(4, 10, top)).to.equal(7999);
  });

  it('takes a smaller base and cap (as the tests do), and treats attempt 0 as the first', () => {
    expect(nextDelay(1, undefined, top, {baseMs: 10, capMs: 50})).to.equal(9);
    expect(nextDelay(9, undefined, top, {baseMs: 10, capMs: 50})).to.equal(49);
    expect(nextDelay(0, undefined, top)).to.equal(999);
  });

  it('spreads retries: a thousand devices do not retry in step', () => {
    const delays = Array.from({length: 1000}, () => nextDelay(4));
    expect(Math.min(...delays)).to.be.at.least(0);
    expect(Math.max(...delays)).to.be.below(8000);
    expect(new Set(delays.map((d) => Math.floor(d / 1000))).size).to.equal(8);
  });
});
