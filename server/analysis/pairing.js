// @ts-check
// Linking a person's answers across timepoints by their self-generated code (`M-07-J`).
//
// People answer the code questions inconsistently over months, so exact matching loses many
// pairs; tolerating one or two wrong parts recovers most of them (../shared/DOMAIN.md).
// Tolerance also invites wrong links, so the matcher is conservative: exact codes pair first;
// then, among the leftovers only, level by level (1 part differs, then 2), a link is accepted
// only when it is the sole candidate for both sides. Anything contested at its best level is
// reported as ambiguous and left unpaired: a wrong pair biases a before/after comparison more
// than a missing one.
//
// It scales: exact pairing is one Map lookup per code. Tolerant pairing indexes each leftover
// under every "mask" of d positions (its parts with d of them blanked): two codes that differ
// in exactly d parts share exactly one such key, so each level costs O(leftovers × masks),
// never leftovers².

export const MAX_DIFFERENCES = 2;

/**
 * A code split into comparable parts (trimmed, upper-cased, split on `-`), or null.
 * @param {unknown} code
 * @returns {string[]|null}
 */
export function codeParts(code) {
  if (typeof code !== 'string' || !code.trim()) return null;
  return code
    .trim()
    .toUpperCase()
    .split('-')
    .map((part) => part.trim());
}

/** The comparable form of a code (trimmed, upper-cased, no space around a `-`), or null. */
export function normaliseCode(code) {
  if (typeof code !== 'string') return null;
  const text = code.trim().toUpperCase();
  if (!text) return null;
  // Most codes are already clean; only those with a space next to a `-` need splitting.
  return /\s-|-\s/.test(text)
    ? text
        .split('-')
        .map((part) => part.trim())
        .join('-')
    : text;
}

/** "exact", "1 part differs", "2 parts differ". */
export function matchQuality(differences) {
  if (differences === 0) return 'exact';
  return differences === 1 ? '1 part differs' : `${differences} parts differ`;
}

/** Every set of `d` positions out of `n`, as arrays of indexes. */
function masks(n, d) {
  /** @type {number[][]} */
  const out = [];
  const pick = (start, chosen) => {
    if (chosen.length === d) return void out.push(chosen);
    for (let i = start; i < n; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return out;
}

/** The key of `parts` with the positions in `mask` blanked (parts never hold U+0000). */
function maskedKey(parts, mask, maskIndex) {
  let key = `${parts.length}\u0000${maskIndex}`;
  let m = 0;
  for (let i = 0; i < parts.length; i++) {
    if (mask[m] === i) {
      m++;
      key += '\u0000*';
    } else key += `\u0000${parts[i]}`;
  }
  return key;
}

/**
 * Pairs `before` with `after` items by code. Each side should hold one item per code (the
 * caller picks one response per person and timepoint); a code twice on one side is contested,
 * so those items stay unpaired and are reported as ambiguous.
 * @template B, A
 * @param {B[]} before
 * @param {A[]} after
 * @param {{code?: (item: any) => unknown, maxDifferences?: number, minAgreeing?: number}} [options]
 *   `minAgreeing`: parts that must agree for a tolerant link (1: a one-part id such as an
 *   LMS's pseudonymous id is only ever matched exactly).
 * @returns {{
 *   pairs: Array<{before: B, after: A, differences: number, quality: string}>,
 *   unpairedBefore: B[], unpairedAfter: A[],
 *   ambiguousBefore: B[], ambiguousAfter: A[],
 * }} ambiguous items are also listed as unpaired.
 */
export function pairParticipants(before, after, options = {}) {
  const {
    code = (item) => item.participant,
    maxDifferences = MAX_DIFFERENCES,
    minAgreeing = 1,
  } = options;
  const bKeys = before.map((item) => normaliseCode(code(item)));
  const aKeys = after.map((item) => normaliseCode(code(item)));
  const pairedB = new Uint8Array(before.length);
  const pairedA = new Uint8Array(after.length);
  const ambiguousB = new Uint8Array(before.length);
  const ambiguousA = new Uint8Array(after.length);
  /** @type {Array<{b: number, a: number, differences: number}>} */
  const found = [];

  // Level 0: the same code, by one Map lookup each. A code twice on one side cannot be told
  // apart: ambiguous.
  /** @type {Map<string, number|number[]>} */
  const exactA = new Map();
  aKeys.forEach((key, a) => {
    if (key === null) return;
    const seen = exactA.get(key);
    if (seen === undefined) exactA.set(key, a);
    else if (typeof seen === 'number') exactA.set(key, [seen, a]);
    else seen.push(a);
  });
  /** @type {Map<string, number|number[]>} */
  const exactB = new Map();
  bKeys.forEach((key, b) => {
    if (key === null || !exactA.has(key)) return;
    const seen = exactB.get(key);
    if (seen === undefined) exactB.set(key, b);
    else if (typeof seen === 'number') exactB.set(key, [seen, b]);
    else seen.push(b);
  });
  for (const [key, bs] of exactB) {
    const as = /** @type {number|number[]} */ (exactA.get(key));
    if (typeof bs === 'number' && typeof as === 'number') {
      pairedB[bs] = 1;
      pairedA[as] = 1;
      found.push({b: bs, a: as, differences: 0});
    } else {
      for (const b of typeof bs === 'number' ? [bs] : bs) ambiguousB[b] = 1;
      for (const a of typeof as === 'number' ? [as] : as) ambiguousA[a] = 1;
    }
  }

  // Parts only for the leftovers.
  /** @type {(string[]|null)[]} */
  const bParts = bKeys.map((key, b) =>
    key !== null && !pairedB[b] && !ambiguousB[b] ? key.split('-') : null,
  );
  /** @type {(string[]|null)[]} */
  const aParts = aKeys.map((key, a) =>
    key !== null && !pairedA[a] && !ambiguousA[a] ? key.split('-') : null,
  );

  // Levels 1..max among the leftovers, by masked keys.
  for (let d = 1; d <= maxDifferences; d++) {
    const freeB = [];
    const freeA = [];
    bParts.forEach((p, b) => {
      if (p && !pairedB[b] && !ambiguousB[b] && p.length - d >= minAgreeing) freeB.push(b);
    });
    aParts.forEach((p, a) => {
      if (p && !pairedA[a] && !ambiguousA[a] && p.length - d >= minAgreeing) freeA.push(a);
    });
    if (!freeB.length || !freeA.length) continue;
    /** @type {Map<number, number[][]>} */
    const masksByLength = new Map();
    const masksFor = (n) => {
      if (!masksByLength.has(n)) masksByLength.set(n, masks(n, d));
      return /** @type {number[][]} */ (masksByLength.get(n));
    };
    // After-side buckets; then each before item's candidate count and (when 1) the candidate.
    /** @type {Map<string, number[]>} */
    const bucketsA = new Map();
    for (const a of freeA) {
      const parts = /** @type {string[]} */ (aParts[a]);
      masksFor(parts.length).forEach((mask, i) => {
        const key = maskedKey(parts, mask, i);
        const list = bucketsA.get(key);
        if (list) list.push(a);
        else bucketsA.set(key, [a]);
      });
    }
    /** @type {Map<string, number>} */
    const bucketCountB = new Map();
    /** @type {Map<number, number>} */ const candidateOf = new Map();
    /** @type {Map<number, number>} */ const countB = new Map();
    for (const b of freeB) {
      const parts = /** @type {string[]} */ (bParts[b]);
      let count = 0;
      let only = -1;
      masksFor(parts.length).forEach((mask, i) => {
        const key = maskedKey(parts, mask, i);
        bucketCountB.set(key, (bucketCountB.get(key) ?? 0) + 1);
        const list = bucketsA.get(key);
        if (!list) return;
        count += list.length;
        if (list.length === 1) only = list[0];
      });
      countB.set(b, count);
      if (count === 1) candidateOf.set(b, only);
    }
    /** @type {Map<number, number>} */ const countA = new Map();
    for (const a of freeA) {
      const parts = /** @type {string[]} */ (aParts[a]);
      let count = 0;
      masksFor(parts.length).forEach((mask, i) => {
        count += bucketCountB.get(maskedKey(parts, mask, i)) ?? 0;
      });
      countA.set(a, count);
    }
    for (const b of freeB) {
      const count = countB.get(b) ?? 0;
      if (!count) continue;
      const a = candidateOf.get(b);
      if (count === 1 && a !== undefined && countA.get(a) === 1) {
        pairedB[b] = 1;
        pairedA[a] = 1;
        found.push({b, a, differences: d});
      } else ambiguousB[b] = 1;
    }
    for (const a of freeA) if ((countA.get(a) ?? 0) > 0 && !pairedA[a]) ambiguousA[a] = 1;
  }

  return {
    pairs: found.map(({b, a, differences}) => ({
      before: before[b],
      after: after[a],
      differences,
      quality: matchQuality(differences),
    })),
    unpairedBefore: before.filter((_, i) => !pairedB[i]),
    unpairedAfter: after.filter((_, i) => !pairedA[i]),
    ambiguousBefore: before.filter((_, i) => ambiguousB[i]),
    ambiguousAfter: after.filter((_, i) => ambiguousA[i]),
  };
}
