import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import type {SurveyErrorDetail} from '../../../src/elements/rs-survey/rs-survey.js';
import {sendKeys} from '@web/test-runner-commands';
import type {Pack} from '../../../src/instrument/types.js';
import {
  $,
  clickButton,
  completeWithKeyboard,
  freshKey,
  mountSurvey,
  settle,
} from '../../support/survey.js';

interface Attempt {
  status: number | string | null;
  contentType: string | null;
  headers: {'if-none-exist'?: string};
  body: string;
}

interface FhirItem {
  linkId: string;
  item?: FhirItem[];
  answer?: {item?: FhirItem[]}[];
}

const linkIds = (items: FhirItem[] = []): string[] =>
  items.flatMap((i) => [
    i.linkId,
    ...linkIds(i.item),
    ...(i.answer ?? []).flatMap((a) => linkIds(a.item)),
  ]);

/** Public Questionnaires (../shared/fhir/), and what the widget should say it leaves out. */
const questionnaires: [file: string, unsupported: RegExp | null][] = [
  ['phq9.json', /44261-6/],
  ['enableWhen-test.R4.json', /Q7-gt/],
  ['answerOption-valueCoding.choice.R4.json', null],
  ['answerOption-valueInteger.R4.json', null],
  ['hidden-item-questionnaire.R4.json', /CE-VISIBLE/],
  ['matrixLayoutSingleSelectionWithData.R4.json', /g1/],
];

describe('rs-survey with a FHIR R4 Questionnaire', function () {
  this.timeout(120000);

  for (const [file, unsupported] of questionnaires) {
    it(`renders ${file}, is answered with the keyboard and posts a QuestionnaireResponse`, async () => {
      const questionnaire = await (await fetch(`/__shared/fhir/${file}`)).json();
      const bucket = `fhir-${freshKey()}`;
      const el = document.createElement('rs-survey');
      el.storageKey = freshKey();
      el.instrument = `/__shared/fhir/${file}`;
      el.format = 'fhir';
      el.endpoint = `/__endpoint/${bucket}/responses`;
      const errors: SurveyErrorDetail[] = [];
      el.addEventListener('rs-error', (e) => errors.push(e.detail));
      const ready = oneEvent(el, 'rs-ready');
      const main = await fixture(html`<main><a href="#top">Before</a>${el}</main>`);
      await ready;
      await settle(el);

      const warnings = errors.filter((e) => e.code === 'instrument-warning');
      if (unsupported) {
        expect(warnings, 'unsupported features are reported').to.have.length(1);
        expect(warnings[0].message).to.match(unsupported);
        expect(warnings[0].problems!.length).to.be.greaterThan(0);
      } else {
        expect(warnings).to.deep.equal([]);
      }

      main.querySelector('a')!.focus();
      await completeWithKeyboard(el);
      let attempts: Attempt[] = [];
      await waitUntil(
        async () => {
          attempts = (await (await fetch(`/__endpoint/${bucket}/log`)).json()).attempts;
          return attempts.some((a) => a.status === 201);
        },
        'the endpoint received the response',
        {timeout: 10000},
      );
      expect(attempts).to.have.length(1);
      const [attempt] = attempts;
      expect(attempt.contentType).to.match(/^application\/fhir\+json/);
      const body = JSON.parse(attempt.body);
      expect(body.resourceType).to.equal('QuestionnaireResponse');
      expect(body.status).to.equal('completed');
      expect(body.identifier.value).to.match(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(attempt.headers['if-none-exist']).to.equal(
        `identifier=urn:ietf:rfc:3986|${body.identifier.value}`,
      );
      if (questionnaire.url) {
        expect(body.questionnaire).to.equal(`${questionnaire.url}|${questionnaire.version}`);
      }
      const known = new Set(linkIds(questionnaire.item));
      const sent = linkIds(body.item);
      expect(sent.length, 'answered items').to.be.greaterThan(0);
      for (const id of sent)
        expect(known.has(id), `linkId ${id} is the Questionnaire's`).to.equal(true);
      el.remove();
    });
  }
});

describe('rs-survey with the FHIR items it maps onto native ones', () => {
  it('checks a date typed another way, names required items it cannot show, stays accessible', async () => {
    const questionnaire = {
      resourceType: 'Questionnaire',
      status: 'active',
      title: 'Visit',
      item: [
        {
          linkId: 'g',
          type: 'group',
          text: 'Visit',
          item: [
            {
              linkId: 'when',
              type: 'date',
              text: 'Date of the visit',
              required: true,
              extension: [
                {
                  url: 'http://hl7.org/fhir/StructureDefinition/entryFormat',
                  valueString: 'dd.MM.yyyy',
                },
              ],
            },
            {
              linkId: 'colour',
              type: 'open-choice',
              text: 'Colour',
              answerOption: [{valueCoding: {system: 'urn:c', code: 'red', display: 'Red'}}],
            },
            {linkId: 'scan', type: 'attachment', text: 'Scan', required: true},
          ],
        },
      ],
    };
    const {el, errors} = await mountSurvey(questionnaire as unknown as Pack);
    const warning = errors.find((e) => e.code === 'instrument-warning');
    expect(warning?.message).to.contain('linkId "scan": a required item left out');
    await clickButton(el, 'Start');
    await settle(el);
    const date = $<HTMLInputElement>(el, '#q-when-input')!;
    expect($(el, '#q-when-hint')!.textContent).to.contain('As dd.MM.yyyy, for example 27.11.2026');
    expect($(el, '#q-colour-other-input'), "an answer of one's own").to.exist;
    date.focus();
    await sendKeys({type: '31.02.2026'});
    await clickButton(el, 'Next');
    await settle(el);
    expect($(el, '#q-when-error')!.textContent).to.contain('Enter a date, for example 2026-11-27');
    expect(date.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    date.focus();
    date.select();
    await sendKeys({type: '27.11.2026'});
    await clickButton(el, 'Next');
    await settle(el);
    expect($(el, '#q-when-error')).to.equal(null);
    el.remove();
  });
});
