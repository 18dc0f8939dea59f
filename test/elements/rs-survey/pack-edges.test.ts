// Packs at the edges of what the checker lets through: ids named like an object's own
// members, packs that are not packs at all.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import type {Pack} from '../../../src/instrument/types.js';
import {$, $$, clickButton, heading, newSurvey, surveyAt} from '../../support/survey.js';

const inherited: Pack = {
  id: 'inherited-names',
  version: '1.0.0',
  title: 'Inherited names',
  timepoints: [{id: 'now', label: 'Now'}],
  sections: [
    {
      id: 'one',
      title: 'One',
      items: [
        {id: 'constructor', type: 'number', text: 'How many?'},
        {id: 'toString', type: 'text', text: 'Anything else?'},
      ],
    },
  ],
};

describe('rs-survey with item ids named like Object.prototype members', () => {
  it('shows their fields empty and, on the review, not answered', async () => {
    const el = await surveyAt(inherited, 'section:one');
    expect(heading(el)).to.equal('One');
    expect($<HTMLInputElement>(el, '#q-constructor-input')!.value).to.equal('');
    expect($<HTMLInputElement>(el, '#q-toString-input')!.value).to.equal('');
    await clickButton(el, 'Next');
    expect(heading(el)).to.equal('Check your answers');
    const answers = $$(el, '.review-row dd:not(.change)').map((d) => d.textContent!.trim());
    expect(answers).to.deep.equal(['Not answered', 'Not answered']);
  });
});

describe('rs-survey given something that is no pack', () => {
  /** The rs-error of a survey given `instrument` (as a property) or inline JSON text. */
  async function errorOf(instrument: unknown, inline?: string) {
    const el = newSurvey(inherited);
    el.instrument = instrument as string;
    if (inline !== undefined) {
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = inline;
      el.append(script);
    }
    const failed = oneEvent(el, 'rs-error');
    await fixture(html`<div>${el}</div>`);
    return (await failed).detail;
  }

  it('inline text that is not JSON: instrument-invalid at $', async () => {
    const detail = await errorOf(undefined, '{not json');
    expect(detail.code).to.equal('instrument-invalid');
    expect(detail.path).to.equal('$');
  });

  it('a number or true as the property: instrument-invalid with a path, in words', async () => {
    for (const value of [5, true]) {
      const detail = await errorOf(value);
      expect(detail.code).to.equal('instrument-invalid');
      expect(detail.path).to.be.a('string');
      expect(detail.message).to.not.contain('is not a function');
    }
  });
});
