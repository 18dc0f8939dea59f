import {expect, waitUntil} from '@open-wc/testing';
import type {Pack} from '../../../src/instrument/types.js';
import {$, $$, clickButton, freshKey, mountSurvey, settle} from '../../support/survey.js';

/** Choices whose value sets live on a terminology server (one contained, for contrast). */
const questionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  url: 'http://example.org/Questionnaire/tx',
  version: '1.0.0',
  title: 'Terminology',
  contained: [
    {
      resourceType: 'ValueSet',
      id: 'yn',
      status: 'active',
      compose: {include: [{system: 'urn:yn', concept: [{code: 'y', display: 'Yes'}]}]},
    },
  ],
  item: [
    {
      linkId: 'colour',
      type: 'choice',
      text: 'Colour',
      answerValueSet: 'http://example.org/ValueSet/colours|2.0',
    },
    {
      linkId: 'other',
      type: 'open-choice',
      text: 'Something unknown',
      answerValueSet: 'http://example.org/ValueSet/unknown',
    },
    {linkId: 'local', type: 'choice', text: 'Local', answerValueSet: '#yn'},
  ],
};

interface Logged {
  url: string;
  valueSetVersion: string | null;
}

async function survey(terminology: string, requests: string[] = []) {
  const {el: mounted, errors} = await mountSurvey(questionnaire as unknown as Pack, {
    key: freshKey(),
    fetch: (input, init) => {
      requests.push(String(input));
      return fetch(input, init);
    },
    attributes: {terminology},
  });
  await clickButton(mounted, 'Start');
  await settle(mounted);
  const warning = errors.find((e) => e.code === 'instrument-warning');
  const problems = (warning?.problems ?? []).map((p) => p.message);
  return {el: mounted, problems};
}

describe('rs-survey with a terminology server', function () {
  this.timeout(30000);

  it('offers the codes of $expand as options and sends the chosen Coding', async () => {
    const bucket = `${freshKey()}-ok`;
    const {el, problems} = await survey(`/__terminology/${bucket}`);
    const labels = $$(el, '#q-colour label').map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['colours 1', 'colours 2', 'colours 3']);
    const log: Logged[] = await (await fetch(`/__terminology/${bucket}/log`)).json();
    expect(log).to.deep.include({
      url: 'http://example.org/ValueSet/colours',
      valueSetVersion: '2.0',
    });
    expect(log.map((l) => l.url).sort(), 'only what is not contained').to.deep.equal([
      'http://example.org/ValueSet/colours',
      'http://example.org/ValueSet/unknown',
    ]);
    // A canonical the server does not know: free text, and the page is told why.
    expect($(el, '#q-other-input')!.getAttribute('type')).to.equal('text');
    expect(problems.join('\n')).to.match(
      /linkId "other": answerValueSet .*unknown.* and the terminology server answered HTTP 404 \(free text\)/,
    );
    expect(problems.join('\n')).not.to.contain('colours');
    await expect(el).to.be.accessible();
  });

  it('sends the expanded code in the QuestionnaireResponse', async () => {
    const bucket = `${freshKey()}-ok`;
    const endpoint = `fhir-${freshKey()}`;
    const {el: s} = await mountSurvey(questionnaire as unknown as Pack, {
      key: freshKey(),
      endpoint: `/__endpoint/${endpoint}/responses`,
      format: 'fhir',
      attributes: {terminology: `/__terminology/${bucket}`},
    });
    await clickButton(s, 'Start');
    await settle(s);
    $<HTMLInputElement>(s, '#q-colour input[value="colours-2"]')!.click();
    await settle(s);
    await clickButton(s, 'Next');
    await settle(s);
    await clickButton(s, 'Submit');
    let body: {item: {linkId: string; answer: unknown[]}[]} | undefined;
    await waitUntil(async () => {
      const {stored} = await (await fetch(`/__endpoint/${endpoint}/log`)).json();
      body = stored[0];
      return body;
    }, 'the response arrived');
    const colour = body!.item.find((i) => i.linkId === 'colour');
    expect(colour?.answer).to.deep.equal([
      {
        valueCoding: {
          system: 'http://example.org/test-codes',
          code: 'colours-2',
          display: 'colours 2',
        },
      },
    ]);
  });

  for (const [mode, why] of [
    ['outcome', /did not answer with an expanded ValueSet/],
    ['error', /answered HTTP 500/],
  ] as const) {
    it(`offers free text and says why when the server answers ${mode}`, async () => {
      const {el, problems} = await survey(`/__terminology/${freshKey()}-${mode}`);
      expect($(el, '#q-colour-input')!.getAttribute('type')).to.equal('text');
      expect(problems.find((p) => p.includes('"colour"'))).to.match(why);
    });
  }

  it('offers free text when the server is not there at all', async () => {
    // Nothing listens on the discard port of this machine: the connection is refused.
    const {el, problems} = await survey('http://127.0.0.1:9/fhir');
    expect($(el, '#q-colour-input')!.getAttribute('type')).to.equal('text');
    expect(problems.find((p) => p.includes('"colour"'))).to.match(/could not be reached/);
  });

  it('never asks a server the endpoint rules refuse', async () => {
    const requests: string[] = [];
    const {el, problems} = await survey('http://terminology.example.org/fhir', requests);
    expect(requests.filter((r) => r.includes('example.org'))).to.deep.equal([]);
    expect($(el, '#q-colour-input')).to.exist;
    expect(problems.find((p) => p.includes('"colour"'))).to.match(
      /terminology server refused.*https/,
    );
  });
});
