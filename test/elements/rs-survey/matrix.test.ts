import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {SurveyErrorDetail} from '../../../src/events.js';
import type {Pack} from '../../../src/instrument/types.js';
import type {RsSurvey} from '../../../src/elements/rs-survey/rs-survey.js';
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
const control = (code: string) => ({
  url: `${SD}questionnaire-itemControl`,
  valueCodeableConcept: {
    coding: [{system: 'http://hl7.org/fhir/questionnaire-item-control', code}],
  },
});
const often = ['Never', 'Sometimes', 'Often'].map((display, i) => ({
  valueCoding: {system: 'urn:freq', code: `f${i}`, display},
}));
const yesNo = [
  {valueCoding: {system: 'urn:yn', code: 'Y', display: 'Yes'}},
  {valueCoding: {system: 'urn:yn', code: 'N', display: 'No'}},
];

/** A `table` group: three rows that share their options, two that do not fit. */
const questionnaire = {
  resourceType: 'Questionnaire',
  url: 'http://example.org/Questionnaire/sleep',
  version: '1.0.0',
  status: 'active',
  title: 'Sleep',
  item: [
    {
      linkId: 'sleep',
      type: 'group',
      text: 'In the last month, how often did you…',
      extension: [control('table')],
      item: [
        {
          linkId: 'wake',
          type: 'choice',
          text: 'wake at night?',
          required: true,
          answerOption: often,
        },
        {linkId: 'nap', type: 'choice', text: 'nap in the day?', answerOption: often},
        {linkId: 'dream', type: 'choice', text: 'remember a dream?', answerOption: often},
        {linkId: 'shift', type: 'choice', text: 'Night shifts?', answerOption: yesNo},
        {linkId: 'hours', type: 'integer', text: 'Hours of sleep'},
      ],
    },
  ],
};

const answers = (el: HTMLElement) => (el as unknown as {answers: Record<string, unknown>}).answers;
const rowRadios = (el: RsSurvey, id: string) =>
  $$<HTMLInputElement>(el, `#q-${id} input[type="radio"]`);

describe('rs-survey: a FHIR table drawn as a matrix', function () {
  this.timeout(60000);

  it('draws rows that share their options as a matrix, warns only of the rows that do not fit', async () => {
    const {el, errors} = await mountSurvey(questionnaire as unknown as Pack, {key: freshKey()});
    const warning = errors.find((e) => e.code === 'instrument-warning');
    const messages = (warning?.problems ?? []).map((p) => p.message);
    expect(messages).to.deep.equal([
      'linkId "shift": in a "table" table, options no row next to it has (shown as an ordinary item)',
      'linkId "hours": in a "table" table, not a choice (shown as an ordinary item)',
    ]);
    await clickButton(el, 'Start');
    await settle(el);
    const matrices = $$(el, '.matrix');
    expect(matrices).to.have.length(1);
    const rows = [...matrices[0].querySelectorAll('fieldset.choice-row')];
    expect(rows.map((r) => r.id)).to.deep.equal(['q-wake', 'q-nap', 'q-dream']);
    expect(rows.map((r) => r.querySelector('legend')!.textContent!.trim())).to.deep.equal([
      'wake at night?',
      'nap in the day? (optional)',
      'remember a dream? (optional)',
    ]);
    // Each radio is labelled by its column; the column head is shown once, hidden from readers.
    expect(rowRadios(el, 'nap').map((r) => r.labels![0].textContent!.trim())).to.deep.equal([
      'Never',
      'Sometimes',
      'Often',
    ]);
    const head = matrices[0].querySelector('.matrix-head')!;
    expect(head.getAttribute('aria-hidden')).to.equal('true');
    expect([...head.children].map((s) => s.textContent)).to.deep.equal([
      '',
      'Never',
      'Sometimes',
      'Often',
    ]);
    // The rows that do not fit stay ordinary questions.
    expect($(el, '#q-shift')!.closest('.matrix')).to.equal(null);
    expect($(el, '#q-shift')!.classList.contains('choice-row')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('is one tab stop per row, the arrow keys choosing within it', async () => {
    const {el} = await mountSurvey(questionnaire as unknown as Pack, {key: freshKey()});
    await clickButton(el, 'Start');
    await settle(el);
    rowRadios(el, 'wake')[0].focus();
    await sendKeys({press: ' '});
    await settle(el);
    expect(answers(el).wake).to.deep.equal(['f0']);
    await sendKeys({press: 'ArrowRight'});
    await settle(el);
    expect(answers(el).wake).to.deep.equal(['f1']);
    expect(deepActive()).to.equal(rowRadios(el, 'wake')[1]);
    // Tab leaves the row: the next row's first radio (none is chosen there yet).
    await sendKeys({press: 'Tab'});
    expect(deepActive()).to.equal(rowRadios(el, 'nap')[0]);
    await sendKeys({press: 'ArrowDown'});
    await settle(el);
    expect(answers(el).nap).to.deep.equal(['f1']);
    await sendKeys({press: 'Tab'});
    expect(deepActive()).to.equal(rowRadios(el, 'dream')[0]);
    await sendKeys({press: 'Tab'});
    expect((deepActive() as HTMLInputElement).name).to.equal('q-shift');
  });

  it('names a required row left empty, links to it, and posts the answers as Codings', async () => {
    const bucket = `matrix-${freshKey()}`;
    const el = document.createElement('rs-survey');
    el.storageKey = freshKey();
    el.instrument = questionnaire as unknown as Pack;
    el.format = 'fhir';
    el.endpoint = `/__endpoint/${bucket}/responses`;
    const errors: SurveyErrorDetail[] = [];
    el.addEventListener('rs-error', (e) => errors.push(e.detail));
    const ready = oneEvent(el, 'rs-ready');
    await fixture(html`<main>${el}</main>`);
    await ready;
    await settle(el);
    await clickButton(el, 'Start');
    await settle(el);
    rowRadios(el, 'nap')[2].click();
    await settle(el);
    await clickButton(el, 'Next');
    await settle(el);
    // Only the required row is in error: its message, and its radios marked invalid.
    const error = $(el, '#q-wake-error')!;
    expect(error.textContent).to.match(/Error:\s+\S/);
    expect($(el, '#q-wake')!.getAttribute('aria-describedby')).to.equal('q-wake-error');
    expect(rowRadios(el, 'wake').every((r) => r.getAttribute('aria-invalid') === 'true')).to.equal(
      true,
    );
    expect($(el, '#q-nap-error')).to.equal(null);
    await expect(el).to.be.accessible();
    ($(el, '.error-summary a') as HTMLAnchorElement).click();
    await settle(el);
    expect(deepActive()).to.equal(rowRadios(el, 'wake')[0]);
    rowRadios(el, 'wake')[1].click();
    await settle(el);
    expect($(el, '#q-wake-error')).to.equal(null);
    await clickButton(el, 'Next');
    await settle(el);
    await clickButton(el, 'Submit');
    let body: {
      status: string;
      item: {linkId: string; item: {linkId: string; answer: unknown[]}[]}[];
    };
    await waitUntil(
      async () => {
        const log = (await (await fetch(`/__endpoint/${bucket}/log`)).json()) as {
          attempts: {status: number; body: string}[];
        };
        const sent = log.attempts.find((a) => a.status === 201);
        if (sent) body = JSON.parse(sent.body);
        return sent;
      },
      'the endpoint received the response',
      {timeout: 10000},
    );
    expect(body!.status).to.equal('completed');
    expect(body!.item).to.deep.equal([
      {
        linkId: 'sleep',
        text: 'In the last month, how often did you…',
        item: [
          {
            linkId: 'wake',
            text: 'wake at night?',
            answer: [{valueCoding: {system: 'urn:freq', code: 'f1', display: 'Sometimes'}}],
          },
          {
            linkId: 'nap',
            text: 'nap in the day?',
            answer: [{valueCoding: {system: 'urn:freq', code: 'f2', display: 'Often'}}],
          },
        ],
      },
    ]);
    el.remove();
  });

  it('draws ordinal rows as the Likert matrix, with no warning', async () => {
    const ordinal = often.map((o, i) => ({
      ...o,
      extension: [{url: `${SD}ordinalValue`, valueDecimal: i}],
    }));
    const scored = {
      ...questionnaire,
      item: [
        {
          ...questionnaire.item[0],
          extension: [control('grid')],
          item: questionnaire.item[0].item
            .slice(0, 3)
            .map((row) => ({...row, answerOption: ordinal})),
        },
      ],
    };
    const {el, errors} = await mountSurvey(scored as unknown as Pack, {key: freshKey()});
    expect(errors).to.deep.equal([]);
    await clickButton(el, 'Start');
    await settle(el);
    const rows = $$(el, '.matrix > fieldset.likert');
    expect(rows.map((r) => r.id)).to.deep.equal(['q-wake', 'q-nap', 'q-dream']);
    expect($$(el, '.choice-row')).to.have.length(0);
  });

  it('draws a table inside a repeating group as a matrix in each instance', async () => {
    const nested = {
      resourceType: 'Questionnaire',
      status: 'active',
      title: 'Shifts',
      item: [
        {
          linkId: 'shift',
          type: 'group',
          text: 'Shift',
          repeats: true,
          item: [{...questionnaire.item[0], item: questionnaire.item[0].item.slice(0, 2)}],
        },
      ],
    };
    const {el, errors} = await mountSurvey(nested as unknown as Pack, {key: freshKey()});
    expect(errors).to.deep.equal([]);
    await clickButton(el, 'Start');
    await settle(el);
    await clickButton(el, 'Add another Shift');
    await settle(el);
    const instances = $$(el, '.instance');
    expect(instances).to.have.length(2);
    for (const instance of instances) {
      const rows = [...instance.querySelectorAll('.matrix > fieldset.choice-row')];
      expect(rows).to.have.length(2);
    }
    const second = instances[1].querySelectorAll<HTMLInputElement>('.matrix input[type="radio"]');
    second[1].click();
    await settle(el);
    const chosen = Object.entries(answers(el)).filter(([, v]) => Array.isArray(v) && v[0] === 'f1');
    expect(chosen.map(([k]) => k)).to.deep.equal(['shift.2.wake']);
    await expect(el).to.be.accessible();
  });

  it('stacks its rows on a phone: nothing wider than the page', async () => {
    const {el} = await mountSurvey(questionnaire as unknown as Pack, {key: freshKey()});
    el.style.width = '343px';
    await clickButton(el, 'Start');
    await settle(el);
    const matrix = $(el, '.matrix')!;
    expect(getComputedStyle(matrix.querySelector('.matrix-head')!).display).to.equal('none');
    expect(matrix.scrollWidth).to.be.at.most(matrix.clientWidth);
    // Each option's own label shows beside its radio.
    const label = rowRadios(el, 'wake')[0].labels![0].querySelector('.option-label')!;
    expect(label.getBoundingClientRect().width).to.be.greaterThan(20);
    el.style.width = '';
  });
});
