// @ts-check
// A simulated study for the demo: the evaluation a newcomer sees at once after `npm start`.
// Shaped like the published evaluation of this training (../shared/DOMAIN.md): 66 people at
// baseline, 62 after the workshop, 47 after the coaching call, 33 at follow-up, on the
// built-in pack `coping-with-error` with its real item ids and scoring rules; confidence and
// knowledge rise after the workshop and stay up, resilience rises a little. Some people enter
// one part of their code differently later (a month typed as 06 instead of 07), so tolerant
// matching shows on the page. Deterministic for a seed (d3-random's LCG), so a test and a
// screenshot see the same study. Every body says it is simulated (`client.simulated: true`).
import {randomLcg, randomNormal} from 'd3-random';
import {itemScore, itemsOf, packFor} from './analysis/packs.js';

export const DEMO_SIZES = {baseline: 66, 'post-workshop': 62, 'post-coaching': 47, 'follow-up': 33};
const ORDER = /** @type {const} */ (['baseline', 'post-workshop', 'post-coaching', 'follow-up']);
// Days after the first baseline answer when each timepoint is answered (workshop the same
// day, coaching about ten days later, follow-up at five weeks).
const DAY = 86_400_000;
const OFFSET_DAYS = {baseline: 0, 'post-workshop': 0.2, 'post-coaching': 10, 'follow-up': 35};
// Mean gain on the latent confidence (in scale points) and knowledge (probability correct).
const CONFIDENCE_GAIN = {
  baseline: 0,
  'post-workshop': 0.55,
  'post-coaching': 0.7,
  'follow-up': 0.6,
};
const KNOWLEDGE = {baseline: 0.5, 'post-workshop': 0.8, 'post-coaching': 0.82, 'follow-up': 0.76};
const RESILIENCE_GAIN = {baseline: 0, 'post-workshop': 0.4, 'post-coaching': 0.7, 'follow-up': 0.6};

const PROFESSIONS = [
  ['midwife', 18],
  ['nurse', 12],
  ['paediatrician', 8],
  ['obstetrician', 7],
  ['paramedic', 9],
  ['physician-associate', 4],
  ['mammographer', 3],
  ['sonographer', 3],
  ['other', 2],
];
const OTHER_PROFESSIONS = ['Maternity support worker', 'Health visitor'];
const COMMENTS = [
  'More time for the breathing exercise, please.',
  'A second coaching call would help.',
  'Examples from ambulance work as well as hospital wards.',
  'Shorter slides, more practice.',
  'I would have liked my team to do it together.',
  'The part on systems outside my control was the most useful.',
];
const LETTERS = 'ABCDEFGHIJKLMNOPRSTWY';

/**
 * The simulated cohort's responses as contract bodies (`resilience-survey/response@1`), in
 * the order they were submitted.
 * @param {{seed?: number, now?: Date|string|number}} [options]  `now`: the time the last
 *   follow-up answer comes in (default 2026-11-27T12:00Z), so the study ends "recently".
 * @returns {any[]}
 */
export function simulateStudy({seed = 20261127, now = Date.UTC(2026, 10, 27, 12)} = {}) {
  const pack = packFor('coping-with-error', '1.0.0');
  if (!pack) throw new Error('simulateStudy needs the built-in pack coping-with-error 1.0.0');
  const random = randomLcg(seed);
  const normal = randomNormal.source(random);
  const uniform = (lo, hi) => lo + (hi - lo) * random();
  const pick = (list) => list[Math.floor(random() * list.length)];
  const items = new Map(itemsOf(pack).map((item) => [item.id, item]));
  const end = new Date(now).getTime();
  const start = end - (OFFSET_DAYS['follow-up'] + 14) * DAY;

  const used = new Set();
  // Who answers at which timepoint: each later group is part of the one before.
  const people = Array.from({length: DEMO_SIZES.baseline}, (_, i) => person(i));
  const present = {baseline: people};
  for (let t = 1; t < ORDER.length; t++) {
    const previous = present[ORDER[t - 1]];
    present[ORDER[t]] = shuffle(previous, random).slice(0, DEMO_SIZES[ORDER[t]]);
  }
  // A few people enter one part of their code differently at one later timepoint.
  const slips = new Map();
  for (const t of ORDER.slice(1)) {
    for (const p of shuffle(present[t], random).slice(0, 3))
      slips.set(`${p.index}|${t}`, slip(p.code));
  }

  function person(index) {
    const [profession] = weighted(PROFESSIONS, random);
    const inTraining = random() < 0.2;
    let code;
    do
      code = `${pick(LETTERS)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${pick(LETTERS)}`;
    while (used.has(code));
    used.add(code);
    return {
      index,
      code,
      profession,
      inTraining,
      years: inTraining ? null : Math.max(0, Math.round(uniform(1, 25))),
      confidence: 2.9 + normal(0, 0.55)(),
      response: 0.9 + normal(0, 0.45)(), // how much this person gains
      knowledge: normal(0, 0.8)(),
      resilience: 6 + normal(0, 1.4)(),
      firstDay: Math.floor(uniform(0, 12)),
    };
  }
  // Another part entered differently, never someone else's code.
  function slip(code) {
    let other;
    do other = slipOnce(code);
    while (used.has(other));
    return other;
  }
  function slipOnce(code) {
    const parts = code.split('-');
    const i = Math.floor(random() * parts.length);
    if (i === 1) {
      const month = Number(parts[1]);
      parts[1] = String(month === 12 ? 11 : month + 1).padStart(2, '0');
    } else {
      const next = LETTERS[(LETTERS.indexOf(parts[i]) + 1) % LETTERS.length];
      parts[i] = next;
    }
    return parts.join('-');
  }

  const bodies = [];
  for (const t of ORDER) {
    for (const p of present[t]) {
      const answers = answersFor(p, t);
      const submitted = start + (p.firstDay + OFFSET_DAYS[t]) * DAY + uniform(0.35, 0.7) * DAY;
      const started = submitted - uniform(6, 14) * 60_000;
      bodies.push({
        schema: 'resilience-survey/response@1',
        id: uuid(random),
        instrument: {id: pack.id, version: pack.version},
        timepoint: t,
        participant: slips.get(`${p.index}|${t}`) ?? p.code,
        locale: 'en',
        startedAt: new Date(started).toISOString(),
        submittedAt: new Date(Math.min(submitted, end)).toISOString(),
        answers,
        scores: scoresOf(answers),
        client: {version: '1.0.0', simulated: true},
      });
    }
  }
  bodies.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return bodies;

  function answersFor(p, t) {
    /** @type {Record<string, any>} */
    const answers = {code: slips.get(`${p.index}|${t}`) ?? p.code};
    const [name2, month, mother1] = answers.code.split('-');
    Object.assign(answers, {'code.name2': name2, 'code.month': month, 'code.mother1': mother1});
    if (t === 'baseline') {
      answers.profession = [p.profession];
      if (p.profession === 'other') answers['profession-other'] = pick(OTHER_PROFESSIONS);
      answers['in-training'] = [p.inTraining ? 'yes' : 'no'];
      if (p.years !== null) answers.years = p.years;
    }
    const level = p.confidence + CONFIDENCE_GAIN[t] * p.response;
    for (let i = 1; i <= 7; i++) {
      const item = items.get(`conf-${i}`);
      const value = likert(level + normal(0, 0.7)());
      answers[item.id] = item.reverse ? 6 - value : value;
    }
    const chance = Math.min(0.97, Math.max(0.05, KNOWLEDGE[t] + p.knowledge * 0.28));
    for (let i = 1; i <= 5; i++) {
      const item = items.get(`know-${i}`);
      const right = random() < chance;
      const wrong = item.options.map((o) => o.value).filter((v) => !item.correct.includes(v));
      answers[item.id] = right
        ? [...item.correct]
        : item.multiple
          ? [item.correct[0], pick(wrong)]
          : [pick(wrong)];
    }
    answers.resilience = clamp(
      Math.round(p.resilience + RESILIENCE_GAIN[t] * p.response + normal(0, 0.8)()),
      0,
      10,
    );
    if (t !== 'baseline') {
      const liking = 3.9 + p.response * 0.4;
      for (const id of [
        'eval-relevant',
        'eval-interactive',
        'eval-applicable',
        'eval-own-coping',
        'eval-organisation',
      ]) {
        answers[id] = likert(liking + normal(0, 0.7)());
      }
      if (t !== 'post-workshop') answers['eval-coaching'] = likert(liking - 0.2 + normal(0, 0.8)());
      if (random() < 0.25) answers['eval-comments'] = pick(COMMENTS);
      answers['retro-confidence'] = clamp(
        Math.round((p.confidence - 1) * 2.2 + normal(0, 1)()),
        0,
        10,
      );
      answers['now-confidence'] = clamp(Math.round((level - 1) * 2.2 + normal(0, 1)()), 0, 10);
    }
    return answers;
  }

  function scoresOf(answers) {
    /** @type {Record<string, any>} */
    const scores = {};
    for (const rule of pack.scores) {
      const values = rule.items
        .map((id) => itemScore(pack, items.get(id), rule.method, answers))
        .filter(Number.isFinite);
      const total = values.reduce((s, v) => s + v, 0);
      const value =
        rule.method === 'mean' ? Math.round((total / values.length) * 100) / 100 : total;
      scores[rule.id] = {value, answered: values.length, of: rule.items.length, band: null};
    }
    return scores;
  }
}

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const likert = (v) => clamp(Math.round(v), 1, 5);

function shuffle(list, random) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function weighted(pairs, random) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const pair of pairs) if ((r -= pair[1]) < 0) return pair;
  return pairs[pairs.length - 1];
}

/** A version 4 UUID from the seeded generator (so a seed gives the same ids each time). */
function uuid(random) {
  const hex = Array.from({length: 32}, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
