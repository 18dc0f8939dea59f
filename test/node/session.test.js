// The survey's session model (src/elements/rs-survey/session.ts), without a browser: the
// pages, the rules of Next, Back and Submit, and answers that have no inherited keys. And the
// response's way out that has no DOM in it (transport/): the endpoint resolved once, the body
// formats' registry, the CSV export.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {loadTs} from './load-ts.js';

const m = await loadTs(`
  export * from './src/elements/rs-survey/session.ts';
  export {resolveEndpoint} from './src/transport/endpoint.ts';
  export {formatOf, formats} from './src/transport/formats.ts';
  export {responseCsv} from './src/transport/csv.ts';
  export {deliveryProblems} from './src/transport/submit.ts';
`);

const pack = {
  id: 'p',
  version: '1',
  title: 'P',
  timepoints: [{id: 'now', label: 'Now'}],
  consent: {title: 'C', paragraphs: [], statement: 'S'},
  sections: [
    {
      id: 'a',
      title: 'A',
      items: [
        {
          id: 'role',
          type: 'choice',
          text: 'Role',
          required: true,
          options: [
            {value: 'nurse', label: 'Nurse'},
            {value: 'other', label: 'Other'},
          ],
        },
      ],
    },
    {
      id: 'b',
      title: 'B',
      showIf: {item: 'role', op: 'includes', value: 'other'},
      items: [{id: 'what', type: 'text', text: 'What?', required: true}],
    },
    {id: 'c', title: 'C', items: [{id: 'constructor', type: 'number', text: 'How many?'}]},
  ],
};
const s = {pack, timepoint: 'now'};

describe('session', () => {
  it('lists the pages a person has now: sections come and go with the answers', () => {
    const none = m.answersFrom();
    assert.deepEqual(m.pagesOf(s, none), ['start', 'consent', 'section:a', 'section:c', 'review']);
    const other = m.answersFrom({role: ['other']});
    assert.deepEqual(m.pagesOf(s, other), [
      'start',
      'consent',
      'section:a',
      'section:b',
      'section:c',
      'review',
    ]);
  });

  it('Next stays on a page with a problem and says which; Back goes one page back', () => {
    const none = m.answersFrom();
    const step = m.next(s, none, 'section:a');
    assert.deepEqual([...step.errors.keys()], ['role']);
    assert.equal(step.errors.get('role').code, 'required');
    assert.deepEqual(m.next(s, m.answersFrom({role: ['nurse']}), 'section:a'), {page: 'section:c'});
    assert.equal(m.back(s, none, 'section:c'), 'section:a');
    assert.equal(m.back(s, none, 'start'), undefined);
  });

  it('Submit finds the first page with something wrong, or none', () => {
    const problem = m.firstProblem(s, m.answersFrom({role: ['other']}));
    assert.equal(problem.page, 'section:b');
    assert.equal(m.firstProblem(s, m.answersFrom({role: ['nurse']})), undefined);
  });

  it('a stored page comes back only while the pack still shows it', () => {
    const none = m.answersFrom();
    assert.equal(m.restoredPage(s, none, 'section:c'), 'section:c');
    assert.equal(m.restoredPage(s, none, 'section:b'), 'start');
    assert.equal(m.restoredPage(s, none, 'section:gone'), 'start');
  });

  it('answers have no inherited keys: an item named constructor is unanswered', () => {
    const none = m.answersFrom({});
    assert.equal(none.constructor, undefined);
    assert.equal(none.toString, undefined);
    const one = m.withAnswer(none, 'constructor', 3);
    assert.equal(one.constructor, 3);
    assert.equal(m.withAnswer(one, 'constructor', undefined).constructor, undefined);
    assert.deepEqual(Object.keys(m.knownAnswers(pack, {constructor: 2, gone: 1}).answers), [
      'constructor',
    ]);
  });

  it('an error goes as soon as its field (or a part of it) changes', () => {
    const errors = new Map([
      ['code', 'x'],
      ['refl.what', 'y'],
      ['other', 'z'],
    ]);
    assert.deepEqual([...m.errorsAfterChange(errors, 'code.month').keys()], ['refl.what', 'other']);
    assert.deepEqual([...m.errorsAfterChange(errors, 'refl.what').keys()], ['code', 'other']);
  });
});

describe('transport: where a response goes, in which body', () => {
  const page = 'https://intranet.example.org/survey/';

  it('resolves the endpoint once: none or white space is local, a refused one says why', () => {
    assert.deepEqual(m.resolveEndpoint(undefined, page), {kind: 'local'});
    assert.deepEqual(m.resolveEndpoint('   ', page), {kind: 'local'});
    assert.deepEqual(m.resolveEndpoint(' /api/responses ', page), {
      kind: 'send',
      url: 'https://intranet.example.org/api/responses',
    });
    const refused = m.resolveEndpoint('http://elsewhere.example/x', page);
    assert.equal(refused.kind, 'refused');
    assert.match(refused.message, /https: only/);
    assert.deepEqual(
      m.deliveryProblems(refused, 'csv').map((p) => p.code),
      ['endpoint-invalid', 'format-unknown'],
    );
  });

  it('knows each format by one registry entry; an unknown one sends JSON', () => {
    assert.deepEqual(Object.keys(m.formats), ['json', 'fhir', 'xapi']);
    assert.equal(m.formatOf('fhir'), 'fhir');
    assert.equal(m.formatOf('csv'), 'json');
    assert.equal(m.formatOf('toString'), 'json');
    assert.equal(
      m.deliveryProblems({kind: 'local'}, 'csv')[0].message,
      'format="csv" is not json, fhir or xapi: the JSON body is sent.',
    );
  });

  it('exports a response as CSV: quoted, and no cell a spreadsheet would run', () => {
    const csv = m.responseCsv({
      schema: 'resilience-survey/response@1',
      id: 'r1',
      instrument: {id: 'p', version: '1'},
      timepoint: 'now',
      participant: null,
      locale: 'en',
      startedAt: 'a',
      submittedAt: 'b',
      answers: {role: ['nurse', 'other'], note: '=HYPERLINK("x")', n: -3, quote: 'say "hi", then'},
      scores: {total: {value: 4, answered: 1, of: 1}},
      client: {version: '0'},
    });
    assert.equal(
      csv,
      'id,instrument,version,timepoint,participant,startedAt,submittedAt,score.total,' +
        'answer.role,answer.note,answer.n,answer.quote\r\n' +
        `r1,p,1,now,,a,b,4,nurse|other,"'=HYPERLINK(""x"")",-3,"say ""hi"", then"\r\n`,
    );
  });
});

describe('where the reflection view is needed (its code loads for it)', () => {
  const reflective = {
    id: 'r',
    version: '1',
    title: 'R',
    timepoints: [
      {id: 'before', label: 'Before'},
      {id: 'after', label: 'After'},
    ],
    sections: [
      {id: 'a', title: 'A', items: [{id: 't', type: 'text', text: 'T'}]},
      {
        id: 'b',
        title: 'B',
        items: [
          {id: 'u', type: 'text', text: 'U'},
          {
            id: 'refl',
            type: 'reflection',
            text: 'Reflect',
            timepoints: ['after'],
            steps: [{id: 's', prompt: 'S'}],
          },
        ],
      },
    ],
  };
  const at = (timepoint) => ({pack: reflective, timepoint});

  it('at a timepoint with a reflection anywhere, not at one without', () => {
    assert.equal(m.hasReflection(at('after')), true);
    assert.equal(m.hasReflection(at('before')), false);
    assert.equal(m.hasReflection(undefined), false);
  });

  it('on the page that asks for one, at its timepoint only', () => {
    assert.equal(m.hasReflection(at('after'), 'section:b'), true);
    assert.equal(m.hasReflection(at('before'), 'section:b'), false);
    assert.equal(m.hasReflection(at('after'), 'section:a'), false);
    assert.equal(m.hasReflection(at('after'), 'start'), false);
    assert.equal(m.hasReflection(at('after'), 'review'), false);
  });

  it('a page ahead: on the page before one with a reflection, and on it; not two pages before', () => {
    const longer = {
      ...reflective,
      sections: [{id: 'z', title: 'Z', items: []}, ...reflective.sections],
    };
    const later = (timepoint) => ({pack: longer, timepoint});
    assert.equal(m.reflectionAhead(later('after'), 'section:z'), false);
    assert.equal(m.reflectionAhead(later('after'), 'section:a'), true);
    assert.equal(m.reflectionAhead(later('after'), 'section:b'), true);
    assert.equal(m.reflectionAhead(later('before'), 'section:a'), false);
    assert.equal(m.reflectionAhead(later('after'), 'start'), false);
    assert.equal(m.reflectionAhead(undefined, 'section:a'), false);
  });
});
