// FHIRPath expressions of a FHIR Questionnaire (demo/pages/fhir/working-week.json) in the
// survey: a calculated value that follows the answers, an enableWhenExpression that shows and
// hides a question, an initialExpression filled in from the page's launchContext, and the
// QuestionnaireResponse that carries them. The FHIRPath engine is a lazy chunk: these tests
// load it as a page would.
import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {SurveyErrorDetail} from '../../src/events.js';
import type {RsSurvey} from '../../src/elements/rs-survey/rs-survey.js';
import '../../src/define.js';
import {$, clickButton, freshKey, settle} from '../support/survey.js';

const QUESTIONNAIRE = '/demo/pages/fhir/working-week.json';
const nurse = {
  user: {resourceType: 'Practitioner', qualification: [{code: {text: 'Staff nurse'}}]},
};

async function open(launchContext?: Record<string, object>, endpoint?: string) {
  const el = document.createElement('rs-survey');
  el.storageKey = freshKey();
  el.instrument = QUESTIONNAIRE;
  if (launchContext) el.launchContext = launchContext;
  if (endpoint) {
    el.endpoint = endpoint;
    el.format = 'fhir';
  }
  const errors: SurveyErrorDetail[] = [];
  el.addEventListener('rs-error', (e) => errors.push(e.detail));
  const ready = oneEvent(el, 'rs-ready');
  await fixture(html`<main>${el}</main>`);
  await ready;
  await settle(el);
  return {el, errors};
}

/** Types into a question's field, as a person does. */
async function type(el: RsSurvey, id: string, text: string) {
  const input = $<HTMLInputElement>(el, `#q-${id}-input`)!;
  input.focus();
  input.select();
  await sendKeys({type: text});
  await settle(el);
}

const shown = (el: RsSurvey, id: string) => $(el, `#q-${id}`);
const answers = (el: RsSurvey) => (el as unknown as {answers: Record<string, unknown>}).answers;

describe('FHIRPath expressions in a FHIR Questionnaire', function () {
  this.timeout(60000);

  it('keeps a calculated value up to date as the person answers, read-only and accessible', async () => {
    const {el, errors} = await open(nurse);
    expect(errors.filter((e) => e.code === 'instrument-warning')).to.deep.equal([]);
    await clickButton(el, 'Start');
    await settle(el);
    const hours = shown(el, 'week-hours')!;
    expect(hours.querySelector('input, textarea, select'), 'no field to change').to.equal(null);
    expect(hours.querySelector('output')!.textContent!.trim()).to.equal('');
    await type(el, 'week-shifts', '4');
    await type(el, 'week-length', '12.5');
    expect(shown(el, 'week-hours')!.textContent).to.contain('Hours worked this week');
    expect(shown(el, 'week-hours')!.querySelector('output')!.textContent!.trim()).to.equal('50');
    await type(el, 'week-shifts', '3');
    expect(shown(el, 'week-hours')!.querySelector('output')!.textContent!.trim()).to.equal('37.5');
    // Kept in the draft with the person's own answers.
    expect(answers(el)['week-hours']).to.equal(37.5);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('shows a question while its enableWhenExpression holds, and never sends it otherwise', async () => {
    const bucket = `fhirpath-${freshKey()}`;
    const {el} = await open(nurse, `/__endpoint/${bucket}/responses`);
    await clickButton(el, 'Start');
    await settle(el);
    expect(shown(el, 'week-rest'), 'hidden before any answer').to.equal(null);
    await type(el, 'week-shifts', '5');
    await type(el, 'week-length', '12');
    expect(shown(el, 'week-rest'), 'shown after 60 hours').to.exist;
    $<HTMLInputElement>(el, '#q-week-rest-input')!.click();
    await settle(el);
    await type(el, 'week-shifts', '3');
    expect(shown(el, 'week-rest'), 'hidden again after 36 hours').to.equal(null);
    await clickButton(el, 'Next');
    await settle(el);
    await clickButton(el, 'Submit');
    let attempts: {status: number | null; body: string}[] = [];
    await waitUntil(
      async () => {
        attempts = (await (await fetch(`/__endpoint/${bucket}/log`)).json()).attempts;
        return attempts.some((a) => a.status === 201);
      },
      'the endpoint received the response',
      {timeout: 10000},
    );
    const qr = JSON.parse(attempts[0].body);
    const items = qr.item[0].item as {linkId: string; answer: Record<string, unknown>[]}[];
    const byLinkId = Object.fromEntries(items.map((i) => [i.linkId, i.answer[0]]));
    expect(qr.status).to.equal('completed');
    expect(byLinkId['week.hours']).to.deep.equal({valueDecimal: 36});
    expect(byLinkId['week.role']).to.deep.equal({valueString: 'Staff nurse'});
    expect(byLinkId['week.shifts']).to.deep.equal({valueInteger: 3});
    expect(Object.keys(byLinkId), 'the hidden question is not answered').not.to.include(
      'week.rest',
    );
    el.remove();
  });

  it('fills an initialExpression in from launchContext, and names what is missing without it', async () => {
    const given = await open(nurse);
    await clickButton(given.el, 'Start');
    await settle(given.el);
    const role = shown(given.el, 'week-role')!;
    expect(role.querySelector('.question-text')!.textContent).to.equal('Your role');
    expect(role.querySelector('output')!.textContent).to.equal('Staff nurse');
    given.el.remove();

    const {el, errors} = await open();
    const warning = errors.find((e) => e.code === 'instrument-warning');
    expect(warning?.message).to.contain('linkId "week.role": initialExpression needs %user');
    await clickButton(el, 'Start');
    await settle(el);
    expect(shown(el, 'week-role')!.querySelector('output')!.textContent!.trim()).to.equal('');
    el.remove();
  });
});
