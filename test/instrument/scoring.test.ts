import {expect} from '@open-wc/testing';
import {round, scoreAll, scoreRule} from '../../src/instrument/scoring.js';
import type {Item, Pack, ScoreRule} from '../../src/instrument/types.js';
import {packOf} from './fixtures.js';

// Shapes of published scales, with made-up item text: the wording of the real ones is licensed.
const agree5 = {points: [1, 2, 3, 4, 5].map((value) => ({value, label: `${value}`}))};
const brsItems: Item[] = [1, 2, 3, 4, 5, 6].map((n) => ({
  id: `brs${n}`,
  type: 'likert',
  scale: 'agree5',
  text: `Made-up statement ${n}`,
  reverse: n % 2 === 0,
}));
const brsRule: ScoreRule = {
  id: 'brs',
  label: 'Brief resilience (shape)',
  method: 'mean',
  items: brsItems.map((i) => i.id),
  bands: [
    {label: {en: 'low', cy: 'isel'}, lt: 3},
    {label: {en: 'normal', cy: 'arferol'}, lte: 4.3},
    {label: {en: 'high', cy: 'uchel'}},
  ],
};
const brs: Pack = packOf({
  languages: ['en', 'cy'],
  scales: {agree5},
  sections: [{id: 's', title: 'S', items: brsItems}],
  scores: [brsRule],
});
const brsAnswers = (...values: number[]) =>
  Object.fromEntries(values.map((v, i) => [`brs${i + 1}`, v]));

const csesItems: Item[] = Array.from({length: 26}, (_, i) => ({
  id: `cse${i + 1}`,
  type: 'scale',
  text: `Made-up coping task ${i + 1}`,
  min: 0,
  max: 10,
  minLabel: 'Cannot do at all',
  maxLabel: 'Certain can do',
}));
const csesRule: ScoreRule = {
  id: 'cses',
  label: 'Coping self-efficacy (shape)',
  method: 'sum',
  items: csesItems.map((i) => i.id),
  minAnswered: 0.8,
  impute: 'person-mean',
};
const cses: Pack = packOf({
  sections: [
    {id: 'a', title: 'A', items: csesItems.slice(0, 13)},
    {id: 'b', title: 'B', items: csesItems.slice(13)},
  ],
  scores: [csesRule],
});
/** The first `n` items answered: `sixes` of them 6, the rest 8. */
const csesAnswers = (n: number, sixes: number) =>
  Object.fromEntries(csesItems.slice(0, n).map((item, i) => [item.id, i < sixes ? 6 : 8]));

describe('round', () => {
  it('rounds half away from zero without floating-point drift', () => {
    expect(round(23 / 6, 2)).to.equal(3.83);
    expect(round(1.005, 2)).to.equal(1.01);
    expect(round(-1.005, 2)).to.equal(-1.01);
    expect(round(2.5, 0)).to.equal(3);
    expect(round(1e-7, 2)).to.equal(0);
    expect(Object.is(round(-0.001, 2), -0)).to.equal(false);
  });
});

describe('scoreRule: Brief Resilience Scale shape', () => {
  it('reverses items 2, 4 and 6 and takes the mean', () => {
    // 4, 6−2=4, 4, 6−2=4, 4, 6−3=3 → 23 / 6 = 3.8333…
    expect(scoreRule(brs, brsRule, brsAnswers(4, 2, 4, 2, 4, 3))).to.deep.equal({
      value: 3.83,
      answered: 6,
      of: 6,
      band: 'normal',
    });
  });

  it('bands below 3 as low, up to 4.30 as normal, above as high', () => {
    // 1, 1, 1, 1, 1, 1 → 1.00
    expect(scoreRule(brs, brsRule, brsAnswers(1, 5, 1, 5, 1, 5)).band).to.equal('low');
    // all 3 → exactly 3.00: not below 3
    expect(scoreRule(brs, brsRule, brsAnswers(3, 3, 3, 3, 3, 3))).to.deep.include({
      value: 3,
      band: 'normal',
    });
    // 5, 5, 5, 4, 4, 3 → 26 / 6 = 4.33
    expect(scoreRule(brs, brsRule, brsAnswers(5, 1, 5, 2, 4, 3))).to.deep.include({
      value: 4.33,
      band: 'high',
    });
  });

  it('bands the rounded value, so the band agrees with the number shown', () => {
    const whole = {...brsRule, precision: 0};
    // 3, 3, 3, 2, 2, 3 → 16 / 6 = 2.67, shown as 3: normal, not low.
    expect(scoreRule(brs, whole, brsAnswers(3, 3, 3, 4, 2, 3))).to.deep.include({
      value: 3,
      band: 'normal',
    });
  });

  it('stores the band in the pack’s first language', () => {
    const welshFirst = {...brs, languages: ['cy', 'en']};
    expect(scoreRule(welshFirst, brsRule, brsAnswers(1, 5, 1, 5, 1, 5)).band).to.equal('isel');
  });

  it('gives no value when an item is missing (all are needed by default)', () => {
    const answers = brsAnswers(4, 2, 4, 2, 4);
    expect(scoreRule(brs, brsRule, answers)).to.deep.equal({
      value: null,
      answered: 5,
      of: 6,
      band: null,
    });
  });

  it('does not count an answer that is not a point of the scale', () => {
    expect(scoreRule(brs, brsRule, brsAnswers(4, 2, 4, 2, 4, 7))).to.deep.include({
      value: null,
      answered: 5,
    });
    expect(scoreRule(brs, brsRule, {...brsAnswers(4, 2, 4, 2, 4), brs6: '3'})).to.deep.include({
      answered: 5,
    });
  });
});

describe('scoreRule: Coping Self-Efficacy Scale shape', () => {
  it('sums all 26 items when all are answered', () => {
    // 10 × 6 + 16 × 8 = 188
    expect(scoreRule(cses, csesRule, csesAnswers(26, 10))).to.deep.equal({
      value: 188,
      answered: 26,
      of: 26,
      band: null,
    });
  });

  it('fills 5 missing items with the person’s own mean (21 of 26 is over 80%)', () => {
    // 10 × 6 + 11 × 8 = 148 over 21 items; 148 / 21 × 26 = 183.238…
    expect(scoreRule(cses, csesRule, csesAnswers(21, 10))).to.deep.equal({
      value: 183.24,
      answered: 21,
      of: 26,
      band: null,
    });
  });

  it('gives no value with 20 of 26 answered (under 80%)', () => {
    expect(scoreRule(cses, csesRule, csesAnswers(20, 10))).to.deep.equal({
      value: null,
      answered: 20,
      of: 26,
      band: null,
    });
  });

  it('without imputation, sums only the answered items', () => {
    const plain = {...csesRule, impute: undefined};
    expect(scoreRule(cses, plain, csesAnswers(21, 10)).value).to.equal(148);
  });

  it('meets a threshold that floating point would miss (0.7 × 10 = 7.000000000000001)', () => {
    const rule = {...csesRule, items: csesRule.items.slice(0, 10), minAnswered: 0.7};
    expect(scoreRule(cses, rule, csesAnswers(7, 0)).value).to.equal(80);
  });

  it('treats minAnswered 0 as “any answer will do”, but gives no value for none', () => {
    const rule = {...csesRule, minAnswered: 0};
    expect(scoreRule(cses, rule, csesAnswers(1, 1)).value).to.equal(156);
    expect(scoreRule(cses, rule, {}).value).to.equal(null);
  });

  it('ignores an answer outside the item’s range', () => {
    const answers = {...csesAnswers(26, 0), cse1: 11};
    expect(scoreRule(cses, csesRule, answers)).to.deep.include({answered: 25, value: 208});
  });
});

describe('scoreRule: correct answers', () => {
  const quiz: Pack = packOf({
    sections: [
      {
        id: 'q',
        title: 'Quiz',
        items: [
          {
            id: 'single',
            type: 'choice',
            text: 'One',
            options: ['a', 'b', 'c'].map((value) => ({value, label: value})),
            correct: ['a', 'c'],
          },
          {
            id: 'multi',
            type: 'choice',
            multiple: true,
            text: 'Many',
            options: ['a', 'b', 'c'].map((value) => ({value, label: value})),
            correct: ['a', 'b'],
          },
        ],
      },
    ],
  });
  const rule: ScoreRule = {id: 'k', label: 'K', method: 'correct', items: ['single', 'multi']};

  it('counts a single choice right when its answer is any correct value', () => {
    expect(scoreRule(quiz, rule, {single: ['c'], multi: ['b', 'a']})).to.deep.equal({
      value: 2,
      answered: 2,
      of: 2,
      band: null,
    });
  });

  it('counts a multiple choice right only when exactly the correct values are chosen', () => {
    expect(scoreRule(quiz, rule, {single: ['b'], multi: ['a']}).value).to.equal(0);
    expect(scoreRule(quiz, rule, {single: ['a'], multi: ['a', 'b', 'c']}).value).to.equal(1);
  });

  it('needs every question answered by default', () => {
    expect(scoreRule(quiz, rule, {single: ['a']})).to.deep.equal({
      value: null,
      answered: 1,
      of: 2,
      band: null,
    });
    expect(scoreRule(quiz, {...rule, minAnswered: 0.5}, {single: ['a']}).value).to.equal(1);
  });
});

describe('scoreAll', () => {
  const pack: Pack = packOf({
    timepoints: [
      {id: 'pre', label: 'Before'},
      {id: 'post', label: 'After'},
    ],
    scales: {agree5},
    sections: [
      {
        id: 'core',
        title: 'Core',
        items: [
          {id: 'a', type: 'likert', scale: 'agree5', text: 'A'},
          {id: 'b', type: 'likert', scale: 'agree5', text: 'B', reverse: true},
          {id: 'c', type: 'likert', scale: 'agree5', text: 'C', timepoints: ['post']},
          {
            id: 'd',
            type: 'likert',
            scale: 'agree5',
            text: 'D',
            showIf: {item: 'a', op: 'gte', value: 3},
          },
        ],
      },
      {
        id: 'later',
        title: 'Later',
        timepoints: ['post'],
        items: [{id: 'e', type: 'likert', scale: 'agree5', text: 'E'}],
      },
    ],
    scores: [
      {id: 'core', label: 'Core', method: 'sum', items: ['a', 'b', 'c']},
      {id: 'late', label: 'Late', method: 'mean', items: ['e']},
      {id: 'cond', label: 'Cond', method: 'sum', items: ['a', 'd'], minAnswered: 0.5},
    ],
  });

  it('scores only rules with items at the timepoint, over those items', () => {
    // pre: a = 4, b = 2 reversed to 6 − 2 = 4 → 8 over 2 items; c is not asked before.
    expect(scoreAll(pack, 'pre', {a: 4, b: 2, c: 5, e: 5, d: 1})).to.deep.equal({
      core: {value: 8, answered: 2, of: 2, band: null},
      cond: {value: 5, answered: 2, of: 2, band: null},
    });
  });

  it('counts every item present at the later timepoint', () => {
    expect(scoreAll(pack, 'post', {a: 4, b: 2, c: 5, e: 5})).to.deep.equal({
      core: {value: 13, answered: 3, of: 3, band: null},
      late: {value: 5, answered: 1, of: 1, band: null},
      cond: {value: 4, answered: 1, of: 2, band: null},
    });
  });

  it('ignores the answer of an item hidden by its condition', () => {
    // d is hidden when a < 3, so its stale answer of 5 must not count.
    expect(scoreAll(pack, 'pre', {a: 2, b: 2, d: 5}).cond).to.deep.equal({
      value: 2,
      answered: 1,
      of: 2,
      band: null,
    });
  });

  it('is empty for a pack without rules', () => {
    expect(scoreAll({...pack, scores: undefined}, 'pre', {a: 1})).to.deep.equal({});
  });
});
