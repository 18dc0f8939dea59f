import {expect} from '@open-wc/testing';
import {expandValueSets, MAX_CODES} from '../../src/instrument/terminology.js';
import {externalValueSets} from '../../src/instrument/fhir.js';

const base = (mode: string) => `/__terminology/t${Math.random().toString(36).slice(2)}-${mode}`;
const options = (url: string, more = {}) => ({
  url,
  baseUrl: location.href,
  fetch: (...a: Parameters<typeof fetch>) => fetch(...a),
  ...more,
});

describe('expandValueSets', () => {
  it('asks only for canonicals no answerOption or contained ValueSet answers', () => {
    const wanted = externalValueSets({
      resourceType: 'Questionnaire',
      contained: [
        {
          resourceType: 'ValueSet',
          url: 'http://x/ValueSet/in',
          expansion: {contains: [{code: 'a'}]},
        },
        // Contained, but naming no code (a filter): the server is asked.
        {resourceType: 'ValueSet', url: 'http://x/ValueSet/filtered', compose: {include: []}},
      ],
      item: [
        {linkId: 'a', type: 'choice', answerValueSet: 'http://x/ValueSet/in'},
        {linkId: 'b', type: 'choice', answerValueSet: '#local'},
        {
          linkId: 'g',
          type: 'group',
          item: [
            {linkId: 'c', type: 'choice', answerValueSet: 'http://x/ValueSet/out|1'},
            {linkId: 'd', type: 'choice', answerValueSet: 'http://x/ValueSet/out|1'},
            {linkId: 'e', type: 'choice', answerValueSet: 'http://x/ValueSet/filtered'},
          ],
        },
        {
          linkId: 'f',
          type: 'choice',
          answerValueSet: 'http://x/ValueSet/ignored',
          answerOption: [{valueString: 'x'}],
        },
      ],
    });
    expect(wanted).to.deep.equal(['http://x/ValueSet/out|1', 'http://x/ValueSet/filtered']);
  });

  it('gives up on a server that never answers, after the time allowed', async () => {
    const url = base('hang');
    const {valueSets, failed} = await expandValueSets(
      ['http://x/ValueSet/a', 'http://x/ValueSet/b'],
      options(url, {timeoutMs: 300}),
    );
    expect(valueSets).to.deep.equal([]);
    expect([...failed.values()]).to.deep.equal([
      'the terminology server did not answer in time',
      'the terminology server did not answer in time',
    ]);
  });

  it('stops when the survey does (a newer load), with its reason', async () => {
    const stop = new AbortController();
    const pending = expandValueSets(
      ['http://x/ValueSet/a'],
      options(base('hang'), {signal: stop.signal}),
    );
    stop.abort(new DOMException('replaced', 'AbortError'));
    let error: unknown;
    await pending.catch((e: unknown) => (error = e));
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it(`lists no more than ${MAX_CODES} codes`, async () => {
    const {valueSets, failed} = await expandValueSets(
      ['http://x/ValueSet/a'],
      options(base('big')),
    );
    expect(valueSets).to.deep.equal([]);
    expect(failed.get('http://x/ValueSet/a')).to.equal(
      `the expansion has 1500 codes, more than ${MAX_CODES}`,
    );
  });

  it('refuses plain http to another host without asking it', async () => {
    const asked: string[] = [];
    const {failed} = await expandValueSets(['http://x/ValueSet/a'], {
      url: 'http://tx.example.org/fhir',
      baseUrl: 'https://survey.example.org/page',
      fetch: (input) => {
        asked.push(String(input));
        return Promise.reject(new Error('must not be called'));
      },
    });
    expect(asked).to.deep.equal([]);
    expect(failed.get('http://x/ValueSet/a')).to.match(/^terminology server refused: http:\/\/tx/);
  });
});
