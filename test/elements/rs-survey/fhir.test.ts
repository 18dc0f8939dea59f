import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import type {SurveyErrorDetail} from '../../../src/events.js';
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

/**
 * Questionnaires, and what the widget should say it leaves out: the team's own fixtures
 * (test/fixtures/fhir/, always) and public ones (../shared/fhir/, when it is beside the
 * repository; a fresh clone may not have it, and its tests then say so as skipped).
 */
const questionnaires: [folder: string, file: string, unsupported: RegExp | null][] = [
  ['/__fixtures/fhir/', 'after-shift-check.json', /observationLinkPeriod/],
  ['/__fixtures/fhir/', 'conditions.json', /this-year/],
  // Its `table` group's rows share their options: a matrix, nothing to warn about.
  ['/__fixtures/fhir/', 'options.json', null],
  ['/__shared/fhir/', 'phq9.json', /44261-6/],
  ['/__shared/fhir/', 'enableWhen-test.R4.json', /Q7-gt/],
  ['/__shared/fhir/', 'answerOption-valueCoding.choice.R4.json', null],
  ['/__shared/fhir/', 'answerOption-valueInteger.R4.json', null],
  ['/__shared/fhir/', 'hidden-item-questionnaire.R4.json', null],
  ['/__shared/fhir/', 'matrixLayoutSingleSelectionWithData.R4.json', null],
];

/** Whether the test server has the folder (it answers 404 for a missing ../shared/fhir/). */
const here = new Map<string, Promise<boolean>>();
const folderHere = (folder: string) => {
  if (!here.has(folder))
    here.set(
      folder,
      fetch(folder).then((r) => r.ok),
    );
  return here.get(folder)!;
};

describe('rs-survey with a FHIR R4 Questionnaire', function () {
  this.timeout(120000);

  before(async () => {
    if (!(await folderHere('/__shared/fhir/'))) {
      console.log('../shared/fhir/ is not there: the public Questionnaires are skipped.');
    }
  });

  for (const [folder, file, unsupported] of questionnaires) {
    it(`renders ${folder.slice(3, -1)}/${file}, is answered with the keyboard and posts a QuestionnaireResponse`, async function () {
      if (!(await folderHere(folder))) this.skip();
      const questionnaire = await (await fetch(`${folder}${file}`)).json();
      const bucket = `fhir-${freshKey()}`;
      const el = document.createElement('rs-survey');
      el.storageKey = freshKey();
      el.instrument = `${folder}${file}`;
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
