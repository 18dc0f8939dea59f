import {expect} from '@open-wc/testing';
import {
  buildJsonBody,
  isPrivate,
  sharedAnswers,
  sharedKeys,
} from '../../src/transport/body-json.js';
import {send} from '../../src/transport/send.js';
import {uuid} from '../../src/store/uuid.js';
import type {Question} from '../../src/instrument/types.js';
import {allAnswers, pack, pageFetch, SECRET, TestEndpoint} from './helpers.js';

const input = (id = uuid()) => ({
  id,
  pack,
  timepoint: 'baseline',
  participant: 'M-07-J',
  locale: 'en',
  startedAt: '2026-11-27T09:00:00.000Z',
  submittedAt: '2026-11-27T09:12:31.000Z',
  answers: allAnswers,
  scores: {
    confidence: {value: 3.83, answered: 6, of: 6, band: null},
    knowledge: {value: Number.NaN, answered: 0, of: 2, band: null},
  },
  clientVersion: '0.1.0',
});

describe('sharedAnswers', () => {
  it('keeps shared items, drops private ones, code parts and unknown keys', () => {
    expect(sharedAnswers(pack, allAnswers)).to.deep.equal({
      'conf-1': 4,
      'know-2': ['b'],
      'shared-reflection.plan': 'Talk to a peer',
      'eval-free': 'The breathing exercise',
    });
  });

  it('knows which items are private', () => {
    const items = pack.sections[0].items.filter((i): i is Question => i.type !== 'display');
    const privacy = Object.fromEntries(items.map((i) => [i.id, isPrivate(i)]));
    expect(privacy).to.deep.equal({
      code: false,
      'conf-1': false,
      'know-2': false,
      gibbs: true,
      'shared-reflection': false,
      notes: true,
      'eval-free': false,
      agree: false,
    });
    expect([...sharedKeys(pack)]).to.not.include('code');
  });

  it('lists the keys of shared questions in pack order: an id, then a reflection’s steps', () => {
    const steps = (...ids: string[]) => ids.map((id) => ({id, prompt: id}));
    const twoSections = {
      sections: [
        ...pack.sections,
        {
          id: 'more',
          title: 'More',
          items: [
            {id: 'outro', type: 'display', text: 'Bye'},
            {
              id: 'next',
              type: 'reflection',
              text: 'Next',
              private: false,
              steps: steps('what', 'when'),
            },
            {id: 'quiet', type: 'reflection', text: 'Quiet', steps: steps('why')},
            {id: 'how', type: 'scale', text: 'How', min: 0, max: 10, minLabel: '0', maxLabel: '10'},
          ],
        },
      ],
    } as Pick<typeof pack, 'sections'>;
    expect([...sharedKeys(twoSections)]).to.deep.equal([
      'conf-1',
      'know-2',
      'shared-reflection',
      'shared-reflection.plan',
      'eval-free',
      'agree',
      'next',
      'next.what',
      'next.when',
      'how',
    ]);
  });

  it('drops numbers JSON cannot carry', () => {
    expect(sharedAnswers(pack, {'conf-1': Number.NaN, 'know-2': ['a']})).to.deep.equal({
      'know-2': ['a'],
    });
  });
});

describe('buildJsonBody', () => {
  it('builds the contract’s body, with no private text anywhere', () => {
    const body = buildJsonBody(input('9b2c6d0e-1111-4222-8333-444455556666'));
    expect(body).to.deep.equal({
      schema: 'resilience-survey/response@1',
      id: '9b2c6d0e-1111-4222-8333-444455556666',
      instrument: {id: 'coping-with-error', version: '1.0.0'},
      timepoint: 'baseline',
      participant: 'M-07-J',
      locale: 'en',
      startedAt: '2026-11-27T09:00:00.000Z',
      submittedAt: '2026-11-27T09:12:31.000Z',
      answers: {
        'conf-1': 4,
        'know-2': ['b'],
        'shared-reflection.plan': 'Talk to a peer',
        'eval-free': 'The breathing exercise',
      },
      scores: {
        confidence: {value: 3.83, answered: 6, of: 6, band: null},
        knowledge: {value: null, answered: 0, of: 2, band: null},
      },
      client: {version: '0.1.0'},
    });
    expect(JSON.stringify(body)).to.not.contain(SECRET);
  });

  it('is valid against schema/response.schema.json (checked by the endpoint)', async () => {
    const endpoint = new TestEndpoint();
    const id = uuid();
    const result = await send(
      {id, url: endpoint.url, format: 'json', body: JSON.stringify(buildJsonBody(input(id)))},
      {fetch: pageFetch},
    );
    expect(result).to.deep.equal({kind: 'delivered', status: 201});
    const log = await endpoint.log();
    expect(log.violations).to.deep.equal([]);
    expect(log.stored.map((b) => b.id)).to.deep.equal([id]);
    await endpoint.reset();
  });
});
