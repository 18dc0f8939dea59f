import {expect} from '@open-wc/testing';
import {buildStatements, statementsUrl, uuidV5} from '../../src/transport/body-xapi.js';
import {formats} from '../../src/transport/formats.js';
import {packOf} from '../instrument/fixtures.js';

const pack = packOf({
  url: 'https://example.org/packs/p',
  scales: {three: {points: [1, 2, 3].map((value) => ({value, label: `P${value}`}))}},
  sections: [
    {
      id: 's1',
      title: 'One',
      items: [
        {id: 'l', type: 'likert', scale: 'three', text: 'L'},
        {
          id: 'k',
          type: 'choice',
          text: 'K',
          multiple: true,
          options: [
            {value: 'a', label: 'A'},
            {value: 'b', label: 'B'},
          ],
          correct: ['a', 'b'],
        },
        {id: 'n', type: 'number', text: 'N'},
        {id: 'f', type: 'long-text', text: 'F'},
        {id: 'r', type: 'reflection', text: 'R', steps: [{id: 'what', prompt: 'What?'}]},
      ],
    },
  ],
});
const input = {
  id: '9b2c6d0e-1111-4222-8333-444455556666',
  pack,
  timepoint: 't',
  participant: 'M-07-J',
  locale: 'en-GB',
  submittedAt: '2026-11-27T09:12:31.000Z',
  answers: {l: 2, k: ['b', 'a'], n: 7, f: 'Thoughts', 'r.what': 'private'},
  scores: {mean: {value: 2, answered: 1, of: 1, band: null}},
  origin: 'https://trust.example.nhs.uk',
};

describe('uuidV5', () => {
  it('matches RFC 4122 (the DNS namespace example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).to.equal(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('buildStatements', () => {
  it('sends the same ids on every build of the same response, different ones for another', () => {
    const ids = buildStatements(input).map((s) => s.id);
    expect(buildStatements(input).map((s) => s.id)).to.deep.equal(ids);
    expect(new Set(ids).size).to.equal(ids.length);
    const other = buildStatements({...input, id: '00000000-0000-4000-8000-000000000000'});
    expect(other.map((s) => s.id)).to.not.include(ids[0]);
  });

  it('describes each shared answer as a cmi.interaction, then completes the timepoint', () => {
    const [l, k, n, f, done, ...rest] = buildStatements(input) as {
      [key: string]: {[key: string]: unknown};
    }[];
    expect(rest).to.deep.equal([]);
    expect(l.actor).to.deep.equal({
      objectType: 'Agent',
      account: {homePage: 'https://trust.example.nhs.uk', name: 'M-07-J'},
    });
    expect(l.verb.id).to.equal('http://adlnet.gov/expapi/verbs/answered');
    expect(l.object).to.deep.equal({
      objectType: 'Activity',
      id: 'https://example.org/packs/p/items/l',
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: {'en-GB': 'L'},
        interactionType: 'likert',
        scale: [1, 2, 3].map((v) => ({id: String(v), description: {'en-GB': `P${v}`}})),
      },
    });
    expect(l.result).to.deep.equal({response: '2'});
    expect((k.object.definition as {interactionType: string}).interactionType).to.equal('choice');
    expect(k.result).to.deep.equal({response: 'b[,]a', success: true});
    expect(n.result).to.deep.equal({response: '7'});
    expect((f.object.definition as {interactionType: string}).interactionType).to.equal(
      'long-fill-in',
    );
    expect(done.verb.id).to.equal('http://adlnet.gov/expapi/verbs/completed');
    expect(done.object.id).to.equal('https://example.org/packs/p/timepoints/t');
    expect(done.result).to.deep.equal({
      completion: true,
      score: {raw: 2},
      extensions: {
        'https://example.org/packs/p/extensions/scores': {
          mean: {value: 2, answered: 1, of: 1, band: null},
        },
      },
    });
  });

  it('uses a cmi5 actor, activity and registration when given', () => {
    const actor = {account: {homePage: 'https://lms.example.org', name: 'learner-7'}};
    const [first] = buildStatements({
      ...input,
      actor,
      activityId: 'https://lms.example.org/au/1',
      registration: '6b0a4c2e-7f3d-4e8a-9b1c-2d3e4f5a6b7c',
    }) as {[key: string]: {[key: string]: unknown}}[];
    expect(first.actor).to.equal(actor);
    expect(first.object.id).to.equal('https://lms.example.org/au/1/items/l');
    expect(first.context.registration).to.equal('6b0a4c2e-7f3d-4e8a-9b1c-2d3e4f5a6b7c');
  });

  it('posts to {endpoint}/statements with the xAPI version header', () => {
    expect(statementsUrl('https://lrs.example.org/xapi/')).to.equal(
      'https://lrs.example.org/xapi/statements',
    );
    expect(statementsUrl('https://lrs.example.org/xapi')).to.equal(
      'https://lrs.example.org/xapi/statements',
    );
    expect(formats.xapi.headers()['X-Experience-API-Version']).to.equal('1.0.3');
  });
});
