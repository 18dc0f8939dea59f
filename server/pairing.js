// Linking a person's answers across timepoints by their self-generated code (e.g. `M-07-J`).
//
// People answer the code questions inconsistently over months, so exact matching loses
// many pairs; tolerating one or two wrong parts recovers most of them. Tolerance also
// invites wrong links, so the matcher is conservative: it pairs greedily from the fewest
// differences up, and at each level accepts a link only when it is the sole candidate for
// both responses. Responses whose best candidates are contested are reported as ambiguous
// and left unpaired rather than guessed — a wrong pair biases a before/after comparison
// more than a missing one.

export const MAX_DIFFERENCES = 2;

/** Splits a code into comparable parts: trimmed, upper-cased, split on '-'. */
export function codeParts(code) {
  if (typeof code !== 'string' || !code.trim()) return null;
  return code
    .trim()
    .toUpperCase()
    .split('-')
    .map((part) => part.trim());
}

/** How many parts differ, or Infinity when the codes cannot be compared. */
export function codeDifferences(a, b) {
  const pa = Array.isArray(a) ? a : codeParts(a);
  const pb = Array.isArray(b) ? b : codeParts(b);
  if (!pa || !pb || pa.length !== pb.length) return Infinity;
  let differences = 0;
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) differences++;
  return differences;
}

/** "exact", "1 part differs", "2 parts differ". */
export function matchQuality(differences) {
  if (differences === 0) return 'exact';
  return differences === 1 ? '1 part differs' : `${differences} parts differ`;
}

/**
 * Pairs `before` with `after` items by code.
 * @template T
 * @param {T[]} before
 * @param {T[]} after
 * @param {{code?: (item: T) => string | null, maxDifferences?: number}} [options]
 * @returns {{
 *   pairs: Array<{before: T, after: T, differences: number, quality: string}>,
 *   unpairedBefore: T[], unpairedAfter: T[],
 *   ambiguousBefore: T[], ambiguousAfter: T[],
 * }} ambiguous items are also listed as unpaired.
 */
export function pairByCode(before, after, options = {}) {
  const {code = (item) => item.participant, maxDifferences = MAX_DIFFERENCES} = options;
  const bParts = before.map((item) => codeParts(code(item)));
  const aParts = after.map((item) => codeParts(code(item)));

  // Every comparable candidate within tolerance, grouped by number of differences.
  const byLevel = Array.from({length: maxDifferences + 1}, () => []);
  bParts.forEach((bp, b) => {
    if (!bp) return;
    aParts.forEach((ap, a) => {
      const d = codeDifferences(bp, ap);
      if (d <= maxDifferences) byLevel[d].push([b, a]);
    });
  });

  const pairedB = new Set();
  const pairedA = new Set();
  const ambiguousB = new Set();
  const ambiguousA = new Set();
  const pairs = [];
  const free = ([b, a]) =>
    !pairedB.has(b) && !pairedA.has(a) && !ambiguousB.has(b) && !ambiguousA.has(a);

  byLevel.forEach((candidates, differences) => {
    const open = candidates.filter(free);
    const countB = countBy(open, ([b]) => b);
    const countA = countBy(open, ([, a]) => a);
    for (const [b, a] of open) {
      if (countB.get(b) === 1 && countA.get(a) === 1) {
        pairedB.add(b);
        pairedA.add(a);
        pairs.push({
          before: before[b],
          after: after[a],
          differences,
          quality: matchQuality(differences),
        });
      } else {
        // Contested at its best level: any choice here would be a guess.
        ambiguousB.add(b);
        ambiguousA.add(a);
      }
    }
  });

  const pick = (items, keep) => items.filter((_, i) => keep(i));
  return {
    pairs,
    unpairedBefore: pick(before, (i) => !pairedB.has(i)),
    unpairedAfter: pick(after, (i) => !pairedA.has(i)),
    ambiguousBefore: pick(before, (i) => ambiguousB.has(i)),
    ambiguousAfter: pick(after, (i) => ambiguousA.has(i)),
  };
}

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
