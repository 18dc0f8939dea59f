import {expect} from '@open-wc/testing';
import {formatProblem, parsePack} from '../../src/instrument/parse.js';
import {basePack, fresh} from './fixtures.js';

/** The formatted problems of a pack, or the formatted warnings when it parses. */
function problemsOf(json: unknown): string[] {
  const result = parsePack(json);
  return result.ok ? [] : result.problems.map(formatProblem);
}

function warningsOf(json: unknown): string[] {
  const result = parsePack(json);
  if (!result.ok)
    throw new Error(`did not parse: ${result.problems.map(formatProblem).join('; ')}`);
  return result.warnings.map(formatProblem);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Breaker = (p: any) => void;

/** One broken pack each, with exactly the problems it must report. */
const broken: [string, Breaker, string[]][] = [
  [
    'an unknown scale',
    (p) => (p.sections[0].items[0].scale = 'agree7'),
    ['sections[0].items[0].scale: unknown scale "agree7"'],
  ],
  [
    'a missing id and title',
    (p) => {
      delete p.id;
      delete p.title;
    },
    ['id: is required', 'title: is required'],
  ],
  [
    'a wrong schema',
    (p) => (p.schema = 'resilience-survey/instrument@2'),
    ['schema: must be "resilience-survey/instrument@1"'],
  ],
  [
    'a version that is not semantic',
    (p) => (p.version = 'v1'),
    ['version: must be a semantic version such as "1.0.0"'],
  ],
  [
    'an id with a dot',
    (p) => (p.sections[0].items[2].id = 'q.3'),
    ['sections[0].items[2].id: must match ^[A-Za-z0-9_-]{1,64}$'],
  ],
  [
    'a __proto__ id',
    (p) => (p.sections[0].items[2].id = '__proto__'),
    ['sections[0].items[2].id: "__proto__" is reserved'],
  ],
  [
    'an id shared by an item and a section',
    (p) => (p.sections[1].items[0].id = 's1'),
    ['sections[1].items[0].id: duplicate id "s1" (also sections[0])'],
  ],
  [
    'two items with one id',
    (p) => (p.sections[1].items[1].id = 'q1'),
    ['sections[1].items[1].id: duplicate id "q1" (also sections[0].items[0])'],
  ],
  [
    'no timepoints',
    (p) => (p.timepoints = []),
    ['timepoints: must not be empty', 'sections[1].timepoints[0]: unknown timepoint "post"'],
  ],
  [
    'a duplicate timepoint',
    (p) => (p.timepoints[1].id = 'pre'),
    [
      'timepoints[1].id: duplicate timepoint "pre"',
      'sections[1].timepoints[0]: unknown timepoint "post"',
    ],
  ],
  [
    'an unknown timepoint on an item',
    (p) => (p.sections[0].items[1].timepoints = ['pre', 'later']),
    ['sections[0].items[1].timepoints[1]: unknown timepoint "later"'],
  ],
  [
    'an empty timepoint list',
    (p) => (p.sections[0].timepoints = []),
    ['sections[0].timepoints: must not be empty'],
  ],
  [
    'a scale with one point',
    (p) => (p.scales.agree5.points = [{value: 1, label: 'One'}]),
    ['scales.agree5.points: must have at least 2'],
  ],
  [
    'a scale with a repeated value',
    (p) => (p.scales.agree5.points[4].value = 4),
    ['scales.agree5.points[4].value: duplicate value 4'],
  ],
  [
    'a scale point that is not a number',
    (p) => (p.scales.agree5.points[0].value = '1'),
    ['scales.agree5.points[0].value: must be a number'],
  ],
  [
    'a scale id with a space',
    (p) => (p.scales['agree 5'] = p.scales.agree5),
    ['scales["agree 5"]: scale id must match ^[A-Za-z0-9_-]{1,64}$'],
  ],
  [
    'a scale item with min ≥ max',
    (p) =>
      p.sections[0].items.push({
        id: 'sc1',
        type: 'scale',
        text: 'S',
        min: 10,
        max: 0,
        minLabel: 'Lo',
        maxLabel: 'Hi',
      }),
    ['sections[0].items[3].max: must be greater than min'],
  ],
  [
    'a scale item whose step does not fit',
    (p) =>
      p.sections[0].items.push({
        id: 'sc1',
        type: 'scale',
        text: 'S',
        min: 0,
        max: 10,
        step: 3,
        minLabel: 'Lo',
        maxLabel: 'Hi',
      }),
    ['sections[0].items[3].step: must divide max − min into whole steps'],
  ],
  [
    'a choice with no options',
    (p) => (p.sections[0].items[1].options = []),
    [
      'sections[0].items[1].options: must not be empty',
      'sections[0].items[1].correct[0]: "a" is not an option',
    ],
  ],
  [
    'a choice with a repeated option',
    (p) => (p.sections[0].items[1].options[1].value = 'a'),
    ['sections[0].items[1].options[1].value: duplicate option value "a"'],
  ],
  [
    'a correct answer that is not an option',
    (p) => (p.sections[0].items[1].correct = ['a', 'z']),
    ['sections[0].items[1].correct[1]: "z" is not an option'],
  ],
  [
    'a reflection with no steps',
    (p) => (p.sections[1].items[0].steps = []),
    ['sections[1].items[0].steps: must not be empty'],
  ],
  [
    'a reflection with a repeated step',
    (p) => p.sections[1].items[0].steps.push({id: 'what', prompt: 'Again'}),
    ['sections[1].items[0].steps[1].id: duplicate step id "what"'],
  ],
  [
    'a code with no parts',
    (p) => (p.sections[1].items[1].parts = []),
    ['sections[1].items[1].parts: must not be empty'],
  ],
  [
    'a code part of an unknown kind, and digits with no length',
    (p) => {
      p.sections[1].items[1].parts.push({id: 'x', kind: 'emoji', prompt: 'X'});
      p.sections[1].items[1].parts.push({id: 'y', kind: 'digits', prompt: 'Y'});
    },
    [
      'sections[1].items[1].parts[1].kind: must be one of "letter", "month", "digits"',
      'sections[1].items[1].parts[2].length: is required for digits',
    ],
  ],
  [
    'an unknown item type',
    (p) => (p.sections[0].items[2].type = 'slider'),
    ['sections[0].items[2].type: unknown item type "slider"'],
  ],
  [
    'an item with no type',
    (p) => delete p.sections[0].items[2].type,
    ['sections[0].items[2].type: is required'],
  ],
  [
    'a number item with max < min',
    (p) => (p.sections[0].items[2].max = -1),
    ['sections[0].items[2].max: must not be less than min'],
  ],
  [
    'a text item with maxLength < minLength',
    (p) =>
      p.sections[0].items.push({
        id: 't1',
        type: 'text',
        text: 'T',
        minLength: 10,
        maxLength: 5,
      }),
    ['sections[0].items[3].maxLength: must not be less than minLength'],
  ],
  [
    'a text that is a number',
    (p) => (p.sections[0].title = 7),
    ['sections[0].title: must be text: a string, or an object of strings by language'],
  ],
  [
    'a translation that is not a string',
    (p) => (p.title = {en: 'Test', cy: null}),
    ['title.cy: must be a string'],
  ],
  [
    'a text keyed by something that is no language',
    (p) => (p.title = {english: 'Test'}),
    ['title.english: "english" is not a language tag'],
  ],
  [
    'a condition on an unknown item',
    (p) => (p.sections[0].items[2].showIf = {item: 'nope', op: 'answered'}),
    ['sections[0].items[2].showIf.item: unknown item "nope"'],
  ],
  [
    'a condition on a section',
    (p) => (p.sections[1].showIf = {item: 's1', op: 'answered'}),
    ['sections[1].showIf.item: "s1" is a section, not an item'],
  ],
  [
    'a condition on the item itself',
    (p) => (p.sections[0].items[2].showIf = {item: 'q3', op: 'answered'}),
    ['sections[0].items[2].showIf.item: refers to the item itself'],
  ],
  [
    'an op that does not fit the item',
    (p) => (p.sections[0].items[2].showIf = {item: 'q2', op: 'gt', value: 1}),
    ['sections[0].items[2].showIf.op: "gt" cannot be used with a choice item'],
  ],
  [
    'a value that is not an option',
    (p) => (p.sections[0].items[2].showIf = {item: 'q2', op: 'equals', value: 'c'}),
    ['sections[0].items[2].showIf.value: "c" is not an option of "q2"'],
  ],
  [
    'a string compared with a Likert answer',
    (p) => (p.sections[0].items[2].showIf = {item: 'q1', op: 'gte', value: '3'}),
    ['sections[0].items[2].showIf.value: must be a number for a likert item'],
  ],
  [
    'an unknown op inside a group',
    (p) =>
      (p.sections[0].items[2].showIf = {
        any: [
          {item: 'q1', op: 'answered'},
          {item: 'q1', op: 'between', value: 1},
        ],
      }),
    ['sections[0].items[2].showIf.any[1].op: unknown op "between"'],
  ],
  [
    'a group with both all and any',
    (p) => (p.sections[0].items[2].showIf = {all: [], any: []}),
    ['sections[0].items[2].showIf: must have one of "all", "any" or "item", not several'],
  ],
  [
    'a condition that is a string',
    (p) => (p.sections[0].items[2].showIf = 'q1 > 3'),
    [
      'sections[0].items[2].showIf: must be a condition: {item, op, value}, {all: […]} or {any: […]}',
    ],
  ],
  [
    'a score over an unknown item',
    (p) => (p.scores[0].items = ['q1', 'q9']),
    ['scores[0].items[1]: unknown item "q9"'],
  ],
  [
    'a mean over a choice item',
    (p) => (p.scores[0].items = ['q1', 'q2']),
    ['scores[0].items[1]: "q2" is a choice item; mean needs likert, scale or number items'],
  ],
  [
    'a correct-count over a Likert item',
    (p) => (p.scores[0].method = 'correct'),
    ['scores[0].items[0]: "q1" is not a choice item'],
  ],
  [
    'a correct-count over a choice with no correct answer',
    (p) => {
      delete p.sections[0].items[1].correct;
      p.scores[0] = {id: 'k', label: 'K', method: 'correct', items: ['q2']};
    },
    ['scores[0].items[0]: "q2" has no correct answer'],
  ],
  [
    'minAnswered outside 0–1',
    (p) => (p.scores[0].minAnswered = 80),
    ['scores[0].minAnswered: must be from 0 to 1'],
  ],
  [
    'an unknown score method and imputation',
    (p) => {
      p.scores[0].method = 'median';
      p.scores[0].impute = 'zero';
    },
    [
      'scores[0].method: must be one of "sum", "mean", "correct"',
      'scores[0].impute: must be "person-mean"',
    ],
  ],
  [
    'a band with lt and lte',
    (p) => (p.scores[0].bands = [{label: 'Low', lt: 3, lte: 3}]),
    ['scores[0].bands[0]: use lt or lte, not both'],
  ],
  [
    'a javascript: support link',
    (p) => (p.support.links[0].href = 'javascript:alert(1)'),
    ['support.links[0].href: must be an https:, tel: or mailto: link'],
  ],
  [
    'a support link hidden behind spaces and tabs',
    (p) => (p.support.links[0].href = ' java\tscript:alert(1)'),
    ['support.links[0].href: must be an https:, tel: or mailto: link'],
  ],
  [
    'an http: support link',
    (p) => (p.support.links[0].href = 'http://example.org/'),
    ['support.links[0].href: must be an https:, tel: or mailto: link'],
  ],
  [
    'a relative support link',
    (p) => (p.support.links[0].href = '/help'),
    ['support.links[0].href: must be an https:, tel: or mailto: link'],
  ],
  [
    'sections that are not a list (so the score cannot find its item)',
    (p) => (p.sections = {s1: {}}),
    ['sections: must be an array', 'scores[0].items[0]: unknown item "q1"'],
  ],
  ['a licence that is not an object', (p) => (p.licence = 'MIT'), ['licence: must be an object']],
  [
    'a flag that is not true or false',
    (p) => (p.feedback = 'yes'),
    ['feedback: must be true or false'],
  ],
  ['a time of 0 minutes', (p) => (p.minutes = 0), ['minutes: must be greater than 0']],
  [
    'a url that is not http: or https:',
    (p) => (p.url = 'ftp://example.org/pack.json'),
    ['url: must be an absolute http: or https: URL'],
  ],
  [
    'a text in no language',
    (p) => (p.title = {}),
    ['title: must have text in at least one language'],
  ],
  [
    'a language that is no language tag',
    (p) => p.languages.push('welsh!'),
    ['languages[2]: must be a language tag such as "en" or "cy"'],
  ],
  [
    'a language listed twice',
    (p) => p.languages.push('EN'),
    ['languages[2]: duplicate language "EN"'],
  ],
  [
    'a scale that is not an object',
    (p) => (p.scales.agree3 = [1, 2, 3]),
    ['scales.agree3: must be an object'],
  ],
  [
    'a __proto__ scale id',
    (p) => Object.defineProperty(p.scales, '__proto__', {value: p.scales.agree5, enumerable: true}),
    ['scales.__proto__: scale id must match ^[A-Za-z0-9_-]{1,64}$'],
  ],
  [
    'consent with no paragraphs',
    (p) => (p.consent = {paragraphs: [], statement: 'I agree'}),
    ['consent.paragraphs: must not be empty'],
  ],
  [
    'a section that is not an object',
    (p) => p.sections.push('s3'),
    ['sections[2]: must be an object'],
  ],
  [
    'an item that is not an object',
    (p) => p.sections[0].items.push(null),
    ['sections[0].items[3]: must be an object'],
  ],
  [
    'a timepoint listed twice on an item',
    (p) => (p.sections[0].items[0].timepoints = ['pre', 'pre']),
    ['sections[0].items[0].timepoints[1]: duplicate timepoint "pre"'],
  ],
  [
    'a timepoint that is not a string',
    (p) => (p.sections[1].timepoints = [2]),
    ['sections[1].timepoints[0]: must be a string'],
  ],
  [
    'an option that is not an object',
    (p) => p.sections[0].items[1].options.push('c'),
    ['sections[0].items[1].options[2]: must be an object'],
  ],
  [
    'an option value over 200 characters (still one that correct and initial may name)',
    (p) => {
      const item = p.sections[0].items[1];
      item.options[1].value = 'b'.repeat(201);
      item.correct = ['a', 'b'.repeat(201)];
      item.initial = ['b'.repeat(201)];
    },
    ['sections[0].items[1].options[1].value: must be 1 to 200 characters'],
  ],
  [
    'a correct answer listed twice',
    (p) => (p.sections[0].items[1].correct = ['a', 'a']),
    ['sections[0].items[1].correct[1]: duplicate value "a"'],
  ],
  [
    'a Likert initial that is not a number',
    (p) => (p.sections[0].items[0].initial = '3'),
    ['sections[0].items[0].initial: must be a number'],
  ],
  [
    'a choice initial that is not a list',
    (p) => (p.sections[0].items[1].initial = 'a'),
    ['sections[0].items[1].initial: must be a list of option values'],
  ],
  [
    'two initial values for a single choice',
    (p) => (p.sections[0].items[1].initial = ['a', 'b']),
    ['sections[0].items[1].initial: must have one value: the item is not multiple'],
  ],
  [
    'an initial value that is not an option',
    (p) => (p.sections[0].items[1].initial = ['z']),
    ['sections[0].items[1].initial[0]: "z" is not an option'],
  ],
  [
    'a text initial that is not a string',
    (p) => p.sections[0].items.push({id: 't1', type: 'text', text: 'T', initial: 5}),
    ['sections[0].items[3].initial: must be a string'],
  ],
  [
    'a maxLength that is not a whole number',
    (p) => p.sections[0].items.push({id: 't1', type: 'text', text: 'T', maxLength: 2.5}),
    ['sections[0].items[3].maxLength: must be a whole number'],
  ],
  [
    'a negative minLength',
    (p) => p.sections[0].items.push({id: 't1', type: 'text', text: 'T', minLength: -1}),
    ['sections[0].items[3].minLength: must be 0 or more'],
  ],
  [
    'a suggestedLength of 0',
    (p) => (p.sections[1].items[0].suggestedLength = 0),
    ['sections[1].items[0].suggestedLength: must be 1 or more'],
  ],
  [
    'a part id used twice',
    (p) => p.sections[1].items[1].parts.push({id: 'l', kind: 'month', prompt: 'M'}),
    ['sections[1].items[1].parts[1].id: duplicate part id "l"'],
  ],
  [
    'digits longer than 12',
    (p) => p.sections[1].items[1].parts.push({id: 'd', kind: 'digits', length: 13, prompt: 'D'}),
    ['sections[1].items[1].parts[1].length: must be from 1 to 12'],
  ],
  [
    'a condition nested too deep',
    (p) => {
      let cond: object = {item: 'q1', op: 'answered'};
      for (let i = 0; i < 17; i++) cond = {all: [cond]};
      p.sections[0].items[2].showIf = cond;
    },
    [`sections[0].items[2].showIf${'.all[0]'.repeat(17)}: is nested more than 16 deep`],
  ],
  [
    'a comparison with no value',
    (p) => (p.sections[0].items[2].showIf = {item: 'q1', op: 'equals'}),
    ['sections[0].items[2].showIf.value: is required'],
  ],
  [
    'a condition value that is an object',
    (p) => (p.sections[0].items[2].showIf = {item: 'q1', op: 'equals', value: {}}),
    [
      'sections[0].items[2].showIf.value: must be a string, number or boolean',
      'sections[0].items[2].showIf.value: must be a number for a likert item',
    ],
  ],
  [
    'a condition on a display item',
    (p) => {
      p.sections[0].items.unshift({id: 'd1', type: 'display', text: 'Read this'});
      p.sections[0].items[3].showIf = {item: 'd1', op: 'answered'};
    },
    ['sections[0].items[3].showIf.item: "d1" is a display item and has no answer'],
  ],
  [
    'a number compared with a text answer',
    (p) => {
      p.sections[0].items.unshift({id: 't1', type: 'text', text: 'T'});
      p.sections[0].items[3].showIf = {item: 't1', op: 'equals', value: 3};
    },
    ['sections[0].items[3].showIf.value: must be a string for a text item'],
  ],
  [
    'a band that is not an object',
    (p) => (p.scores[0].bands = ['Low']),
    ['scores[0].bands[0]: must be an object'],
  ],
  [
    'a score id used twice',
    (p) => p.scores.push({id: 'sc', label: 'Again', method: 'sum', items: ['q1']}),
    ['scores[1].id: duplicate score id "sc"'],
  ],
  [
    'an item counted twice in a score',
    (p) => (p.scores[0].items = ['q1', 'q1']),
    ['scores[0].items[1]: duplicate item "q1"'],
  ],
  [
    'imputation on a correct-count',
    (p) =>
      (p.scores[0] = {
        id: 'k',
        label: 'K',
        method: 'correct',
        items: ['q2'],
        impute: 'person-mean',
      }),
    ['scores[0].impute: applies only to sum and mean'],
  ],
  [
    'a precision over 10',
    (p) => (p.scores[0].precision = 11),
    ['scores[0].precision: must be from 0 to 10'],
  ],
];

describe('parsePack', () => {
  it('accepts the fixture pack with no problems and no warnings', () => {
    const result = parsePack(fresh());
    expect(result.ok, JSON.stringify(result)).to.equal(true);
    if (result.ok) expect(result.warnings).to.deep.equal([]);
  });

  for (const [name, breakIt, expected] of broken) {
    it(`reports ${name} with its path`, () => {
      const pack = fresh();
      breakIt(pack);
      expect(problemsOf(pack)).to.deep.equal(expected);
    });
  }

  it('collects every problem, not just the first', () => {
    const pack = fresh();
    pack.sections[0].items[0].scale = 'agree7';
    pack.support.links[0].href = 'javascript:void 0';
    pack.scores[0].minAnswered = -1;
    expect(problemsOf(pack)).to.deep.equal([
      'support.links[0].href: must be an https:, tel: or mailto: link',
      'sections[0].items[0].scale: unknown scale "agree7"',
      'scores[0].minAnswered: must be from 0 to 1',
    ]);
  });

  it('never throws, whatever it is given', () => {
    const garbage: unknown[] = [
      null,
      undefined,
      0,
      NaN,
      'pack',
      true,
      [],
      [fresh()],
      {},
      {sections: [null, 1, 'x', [], {items: [null, 1, {type: 7}, {type: 'likert'}]}]},
      {timepoints: 'all', sections: [{items: {}}], scores: [{items: [1, null]}], scales: []},
      {scales: {a: null, b: {points: [null, {}]}}, support: {links: [null, {href: 5}]}},
      {sections: [{items: [{id: 'a', type: 'choice', options: [null], correct: 'a'}]}]},
      {sections: [{items: [{id: 'a', type: 'text', showIf: {all: [null, {any: 'x'}]}}]}]},
      {consent: {paragraphs: [null]}, languages: [1, 'en', 'en'], licence: 'MIT'},
      Object.create(null),
      new Date(),
      () => 1,
    ];
    for (const input of garbage) {
      const result = parsePack(input);
      expect(result.ok, JSON.stringify(input)).to.equal(false);
    }
  });

  it('reports a pack whose properties throw when read, instead of throwing', () => {
    const pack = fresh();
    Object.defineProperty(pack, 'sections', {
      get() {
        throw new Error('boom');
      },
    });
    expect(problemsOf(pack)).to.deep.equal(['(pack): could not be read']);
  });

  it('reports a non-object at the root', () => {
    expect(problemsOf(null)).to.deep.equal(['(pack): must be an object (a pack)']);
    expect(problemsOf([basePack])).to.deep.equal(['(pack): must be an object (a pack)']);
  });

  it('returns a frozen copy and leaves the input alone', () => {
    const input = fresh();
    const before = JSON.stringify(input);
    const result = parsePack(input);
    if (!result.ok) throw new Error('did not parse');
    expect(result.pack).to.not.equal(input);
    expect(result.pack).to.deep.equal(input);
    expect(Object.isFrozen(result.pack)).to.equal(true);
    expect(Object.isFrozen(result.pack.sections[0].items[0])).to.equal(true);
    expect(Object.isFrozen(input)).to.equal(false);
    expect(JSON.stringify(input)).to.equal(before);
    input.sections[0].title = 'Changed later';
    expect(result.pack.sections[0].title).to.equal('One');
  });

  it('warns about unknown properties instead of failing', () => {
    const pack = fresh();
    pack.sections[0].items[2].showif = {item: 'q1', op: 'answered'};
    pack.colour = 'blue';
    expect(warningsOf(pack)).to.deep.equal([
      'colour: unknown property (ignored)',
      'sections[0].items[2].showif: unknown property (ignored)',
    ]);
  });

  it('warns about a text missing one of the pack languages', () => {
    const pack = fresh();
    pack.sections[0].items[0].text = {en: 'Only English'};
    expect(warningsOf(pack)).to.deep.equal(['sections[0].items[0].text: has no "cy" text']);
  });

  it('warns about a condition on a later item, and an item outside its section’s timepoints', () => {
    const pack = fresh();
    pack.sections[0].items[0].showIf = {item: 'q3', op: 'gt', value: 2};
    pack.sections[1].items[0].timepoints = ['pre'];
    expect(warningsOf(pack)).to.deep.equal([
      'sections[0].items[0].showIf.item: refers to "q3", which comes later',
      'sections[1].items[0].timepoints: the section is not shown at "pre"',
    ]);
  });

  it('warns about a band that can never be reached', () => {
    const pack = fresh();
    pack.scores[0].bands = [{label: 'Any'}, {label: 'Never', lt: 3}];
    expect(warningsOf(pack)).to.deep.equal([
      'scores[0].bands[1]: is never reached: bands[0] has no bound',
    ]);
  });

  it('warns about a scale item of more than 101 points', () => {
    const pack = fresh();
    pack.sections[0].items.push({
      id: 'sc1',
      type: 'scale',
      text: 'S',
      min: 0,
      max: 200,
      minLabel: 'Lo',
      maxLabel: 'Hi',
    });
    expect(warningsOf(pack)).to.deep.equal(['sections[0].items[3]: has more than 101 points']);
  });

  it('refuses a scale item of more points than a page can show, with its path', () => {
    // Each point is a radio button: 0..1e9, or a step of 1e-300, would hang the tab.
    for (const [max, step] of [
      [1e9, 1],
      [1, 1e-300],
    ]) {
      const pack = fresh();
      pack.sections[0].items.push({
        id: 'sc1',
        type: 'scale',
        text: 'S',
        min: 0,
        max,
        step,
        minLabel: 'Lo',
        maxLabel: 'Hi',
      });
      expect(problemsOf(pack)).to.deep.equal([
        'sections[0].items[3]: has more than 1000 points (min, max and step)',
      ]);
    }
  });

  it('warns about a length on a part that is not digits', () => {
    const pack = fresh();
    pack.sections[1].items[1].parts[0].length = 2;
    expect(warningsOf(pack)).to.deep.equal([
      'sections[1].items[1].parts[0].length: is ignored for "letter"',
    ]);
  });

  it('warns about a step’s texts before its unknown properties', () => {
    const pack = fresh();
    pack.sections[1].items[0].steps[0] = {id: 'what', prompt: 'What?', hint: 'x', help: {en: 'H'}};
    expect(warningsOf(pack)).to.deep.equal([
      'sections[1].items[0].steps[0].help: has no "cy" text',
      'sections[1].items[0].steps[0].hint: unknown property (ignored)',
    ]);
  });

  it('leaves functions and cycles in unknown properties out of the copy', () => {
    const pack = fresh();
    pack.onLoad = () => 1;
    pack.self = pack;
    const result = parsePack(pack);
    if (!result.ok) throw new Error('did not parse');
    expect(Object.keys(result.pack)).to.not.include.members(['onLoad', 'self']);
    expect(result.pack).to.deep.equal(fresh());
  });

  it('accepts https:, tel: and mailto: support links in any case', () => {
    const pack = fresh();
    pack.support.links = [
      {label: 'Web', href: 'https://www.practitionerhealth.nhs.uk/'},
      {label: 'Phone', href: 'TEL:116123'},
      {label: 'Email', href: 'mailto:jo@samaritans.org'},
    ];
    expect(problemsOf(pack)).to.deep.equal([]);
  });

  it('formats a problem at the root and deep inside', () => {
    expect(formatProblem({path: '', message: 'must be an object (a pack)'})).to.equal(
      '(pack): must be an object (a pack)',
    );
    expect(
      formatProblem({path: 'sections[2].items[0].scale', message: 'unknown scale "agree7"'}),
    ).to.equal('sections[2].items[0].scale: unknown scale "agree7"');
  });
});
