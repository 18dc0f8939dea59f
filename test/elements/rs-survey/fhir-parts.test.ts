import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {Pack} from '../../../src/instrument/types.js';
import {$, $$, clickButton, freshKey, mountSurvey, settle} from '../../support/survey.js';

const SD = 'http://hl7.org/fhir/StructureDefinition/';
const xhtml = (valueString: string) => ({
  extension: [{url: `${SD}rendering-xhtml`, valueString}],
});
const unitOption = (code: string, display: string) => ({
  url: `${SD}questionnaire-unitOption`,
  valueCoding: {system: 'http://unitsofmeasure.org', code, display},
});

/** Rich text, a quantity with units, an open choice. */
const questionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  url: 'http://example.org/Questionnaire/parts',
  version: '1',
  title: 'Parts',
  item: [
    {
      linkId: 'intro',
      type: 'display',
      text: 'Read this first. Then answer. Guidance',
      _text: xhtml(
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>Read <b>this</b> first.</p><ul><li>Then answer.</li></ul><p><a href="https://example.org/guide">Guidance</a></p></div>',
      ),
    },
    {
      linkId: 'bad',
      type: 'display',
      text: 'Plain instead',
      _text: xhtml('<p onclick="alert(1)">Plain <script>alert(1)</script>instead</p>'),
    },
    {
      linkId: 'w',
      type: 'quantity',
      text: 'Weight today',
      _text: xhtml('Weight <em>today</em>'),
      extension: [unitOption('kg', 'kilograms'), unitOption('[lb_av]', 'pounds')],
    },
    {
      linkId: 'colour',
      type: 'open-choice',
      text: 'Colour',
      answerOption: [{valueCoding: {system: 'urn:c', code: 'red', display: 'Red'}}],
    },
  ],
};

async function open(lang?: string, extra = {}) {
  const mounted = await mountSurvey(questionnaire as unknown as Pack, {
    key: freshKey(),
    lang,
    ...extra,
  });
  const start = lang === 'cy' ? 'Dechrau' : 'Start';
  // The Welsh catalogue loads after the first render.
  await waitUntil(() => $$(mounted.el, 'button').some((b) => b.textContent!.includes(start)));
  await clickButton(mounted.el, start);
  await settle(mounted.el);
  return mounted;
}

describe('rs-survey with rendering-xhtml, quantity units and open choices', function () {
  this.timeout(30000);

  it('builds the safe subset as elements, and falls back to plain text with a warning', async () => {
    const {el, errors} = await open();
    const intro = $(el, '#q-intro')!;
    expect(intro.tagName).to.equal('DIV');
    expect(intro.querySelector('p strong')!.textContent).to.equal('this');
    expect(intro.querySelector('ul li')!.textContent).to.equal('Then answer.');
    const link = intro.querySelector('a')!;
    expect([link.href, link.target, link.rel]).to.deep.equal([
      'https://example.org/guide',
      '_blank',
      'noopener noreferrer',
    ]);
    // Outside the subset: the plain text, never the markup, and the page is told.
    const bad = $(el, '#q-bad')!;
    expect(bad.textContent!.trim()).to.equal('Plain instead');
    expect(el.shadowRoot!.querySelector('script, [onclick]')).to.equal(null);
    const problems = errors.find((e) => e.code === 'instrument-warning')!.problems!;
    expect(problems.map((p) => p.message).join('\n')).to.match(
      /linkId "bad": rendering-xhtml on _text: .* is not in the safe subset \(plain text shown\)/,
    );
    // A question's label keeps its emphasis.
    expect($(el, 'label[for="q-w-input"] em')!.textContent).to.equal('today');
    await expect(el).to.be.accessible();
  });

  it('labels the unit and the other answer in the interface language', async () => {
    const {el} = await open('cy');
    await waitUntil(() => $(el, '#q-w-unit legend')?.textContent?.includes('Uned'));
    expect($(el, '#q-w-unit legend')!.textContent).to.contain('Uned');
    expect($(el, 'label[for="q-colour-other-input"]')!.textContent).to.contain('Ateb arall');
    const en = await open();
    expect($(en.el, '#q-w-unit legend')!.textContent).to.contain('Unit');
    expect($(en.el, 'label[for="q-colour-other-input"]')!.textContent).to.contain('Other answer');
  });

  it('sends the quantity in the unit the person chose, and the own answer as text', async () => {
    const bucket = `parts-${freshKey()}`;
    const {el} = await open(undefined, {
      endpoint: `/__endpoint/${bucket}/responses`,
      format: 'fhir',
    });
    const units = $$<HTMLInputElement>(el, '#q-w-unit input');
    expect(units.map((u) => [u.value, u.checked])).to.deep.equal([
      ['kg', true],
      ['[lb_av]', false],
    ]);
    $<HTMLInputElement>(el, '#q-w-input')!.focus();
    await sendKeys({type: '150'});
    units[1].focus();
    units[1].click();
    $<HTMLInputElement>(el, '#q-colour-other-input')!.focus();
    await sendKeys({type: 'teal'});
    await settle(el);
    await clickButton(el, 'Next');
    await settle(el);
    // The review page shows the parts under the interface's labels too.
    const terms = $$(el, '.review dt').map((d) => d.textContent!.trim());
    expect(terms).to.include('Unit').and.to.include('Other answer');
    await clickButton(el, 'Submit');
    let body: {item: {linkId: string; answer: unknown[]}[]} | undefined;
    await waitUntil(async () => {
      const {stored} = await (await fetch(`/__endpoint/${bucket}/log`)).json();
      body = stored[0];
      return body;
    }, 'the response arrived');
    const byId = Object.fromEntries(body!.item.map((i) => [i.linkId, i.answer]));
    expect(byId.w).to.deep.equal([
      {
        valueQuantity: {
          value: 150,
          unit: 'pounds',
          system: 'http://unitsofmeasure.org',
          code: '[lb_av]',
        },
      },
    ]);
    expect(byId.colour).to.deep.equal([{valueString: 'teal'}]);
  });
});
