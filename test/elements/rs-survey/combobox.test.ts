import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {Pack} from '../../../src/instrument/types.js';
import {
  $,
  $$,
  clickButton,
  deepActive,
  freshKey,
  mountSurvey,
  settle,
} from '../../support/survey.js';

const SD = 'http://hl7.org/fhir/StructureDefinition/';
const autocomplete = {
  url: `${SD}questionnaire-itemControl`,
  valueCodeableConcept: {coding: [{code: 'autocomplete'}]},
};
const names = ['Eczema', 'Asthma', 'Hay fever', 'Éclampsia', 'Diabetes'];
/** 40 options: a long list, typed to filter without an itemControl. */
const many = Array.from({length: 40}, (_, i) => ({
  valueCoding: {system: 'urn:n', code: `n${i}`, display: i < 5 ? names[i] : `Condition ${i}`},
}));

const questionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  title: 'History',
  item: [
    {linkId: 'condition', type: 'choice', text: 'Condition', required: true, answerOption: many},
    {
      linkId: 'colour',
      type: 'open-choice',
      text: 'Colour',
      extension: [autocomplete],
      answerOption: [
        {valueCoding: {system: 'urn:c', code: 'red', display: 'Red'}},
        {valueCoding: {system: 'urn:c', code: 'blue', display: 'Blue'}},
      ],
    },
  ],
};

const input = (el: HTMLElement, id: string) =>
  (el as unknown as {shadowRoot: ShadowRoot}).shadowRoot.getElementById(
    `q-${id}-input`,
  ) as HTMLInputElement;

describe('rs-survey: a choice typed to filter (combobox)', function () {
  this.timeout(30000);

  it('filters as one types, moves with the arrows, chooses with Enter, says how many match', async () => {
    const {el} = await mountSurvey(questionnaire as unknown as Pack, {key: freshKey()});
    await clickButton(el, 'Start');
    await settle(el);
    const field = input(el, 'condition');
    expect(field.getAttribute('role')).to.equal('combobox');
    expect(field.getAttribute('aria-expanded')).to.equal('false');
    field.focus();
    await sendKeys({type: 'ec'});
    await settle(el);
    expect(field.getAttribute('aria-expanded')).to.equal('true');
    // Accents aside: "Éclampsia" matches "ec".
    const shown = () =>
      $$(el, '#q-condition-list [role="option"]').map((o) => o.textContent!.trim());
    expect(shown()).to.deep.equal(['Eczema', 'Éclampsia']);
    expect($(el, '#q-condition [role="status"]')!.textContent).to.equal('2 options match');
    await expect(el).to.be.accessible();
    await sendKeys({press: 'ArrowDown'});
    await sendKeys({press: 'ArrowDown'});
    await settle(el);
    expect(field.getAttribute('aria-activedescendant')).to.equal('q-condition-option-1');
    await sendKeys({press: 'Enter'});
    await settle(el);
    expect(field.value).to.equal('Éclampsia');
    expect(field.getAttribute('aria-expanded')).to.equal('false');
    expect((el as unknown as {answers: Record<string, unknown>}).answers.condition).to.deep.equal([
      'n3',
    ]);
    expect(deepActive()).to.equal(field);
    // Escape closes the list; closed, it clears the answer.
    await sendKeys({press: 'ArrowDown'});
    await settle(el);
    expect(field.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({press: 'Escape'});
    await settle(el);
    expect(field.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({press: 'Escape'});
    await settle(el);
    expect(field.value).to.equal('');
    expect((el as unknown as {answers: Record<string, unknown>}).answers.condition).to.equal(
      undefined,
    );
  });

  it("chooses with a tap, and keeps text that matches nothing as the open choice's own answer", async () => {
    const {el} = await mountSurvey(questionnaire as unknown as Pack, {key: freshKey()});
    await clickButton(el, 'Start');
    await settle(el);
    const colour = input(el, 'colour');
    colour.click();
    await settle(el);
    expect(colour.getAttribute('aria-expanded')).to.equal('true');
    ($(el, '#q-colour-option-1') as HTMLElement).click();
    await settle(el);
    expect(colour.value).to.equal('Blue');
    colour.focus();
    colour.select();
    await sendKeys({type: 'teal'});
    await settle(el);
    expect($(el, '#q-colour [role="status"]')!.textContent).to.equal('No option matches');
    await sendKeys({press: 'Tab'});
    await settle(el);
    await waitUntil(() => input(el, 'colour-other')?.value === 'teal');
    const answers = (el as unknown as {answers: Record<string, unknown>}).answers;
    expect([answers.colour, answers['colour-other']]).to.deep.equal([undefined, 'teal']);
  });
  it("keeps an open choice's typed text as its own answer in an instance of a repeating group too", async () => {
    const colour = questionnaire.item[1];
    const grouped = {
      ...questionnaire,
      item: [{linkId: 'pet', type: 'group', text: 'Pet', repeats: true, item: [colour]}],
    };
    const {el} = await mountSurvey(grouped as unknown as Pack, {key: freshKey()});
    await clickButton(el, 'Start');
    await settle(el);
    const field = $<HTMLInputElement>(el, 'input[id^="q-pet--"][id$="--colour-input"]')!;
    const prefix = field.id.slice('q-'.length, -'colour-input'.length).replace(/--/g, '.');
    field.focus();
    await sendKeys({type: 'teal'});
    await settle(el);
    await sendKeys({press: 'Tab'});
    await settle(el);
    const answers = (el as unknown as {answers: Record<string, unknown>}).answers;
    expect([answers[`${prefix}colour`], answers[`${prefix}colour-other`]]).to.deep.equal([
      undefined,
      'teal',
    ]);
  });
});
