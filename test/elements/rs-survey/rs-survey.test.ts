import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {answerText} from '../../../src/elements/rs-survey/pages/review.js';
import {requestFor} from '../../../src/transport/formats.js';
import {responseOf} from '../../../src/transport/response.js';
import type {RsSurvey} from '../../../src/elements/rs-survey/rs-survey.js';
import type {Answers, CodeItem, Pack, Question} from '../../../src/instrument/types.js';
import {assembleCode} from '../../../src/instrument/validate.js';
import {typeKeys} from '../form-control-suite.js';
import {everyType} from './fixtures.js';
import {
  $,
  $$,
  captureDownload,
  clickButton,
  deepActive,
  freshKey,
  heading,
  mount,
  newSurvey,
  settle,
  surveyAt,
  surveyWith,
} from '../../support/survey.js';

async function fillAbout(el: RsSurvey, role = 'midwife') {
  const letter = $<HTMLInputElement>(el, '#q-code--letter-input')!;
  letter.value = 'm';
  letter.dispatchEvent(new Event('input'));
  const month = $<HTMLInputElement>(el, '#q-code--month-input')!;
  month.value = '07';
  month.dispatchEvent(new Event('input'));
  const years = $<HTMLInputElement>(el, '#q-years-input')!;
  years.value = '12';
  years.dispatchEvent(new Event('input'));
  $<HTMLInputElement>(el, `input[value="${role}"]`)!.click();
  await el.updateComplete;
}

async function pickLikert(el: RsSurvey, id: string, value: number) {
  $<HTMLInputElement>(el, `#q-${id} input[value="${value}"]`)!.click();
  await el.updateComplete;
}

describe('rs-survey', () => {
  it('shows the start page with the title, timepoint, length and a Start button', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    expect(heading(el)).to.equal('Every type');
    expect($(el, '.timepoint')!.textContent).to.equal('Before');
    expect($(el, '.meta')!.textContent).to.contain('About 3 minutes');
    expect($$(el, 'button').map((b) => b.textContent!.trim())).to.deep.equal([
      'Start',
      'Delete everything this questionnaire stored on this device',
    ]);
    await expect(el).to.be.accessible();
  });

  it('asks before deleting everything, and Cancel keeps it all', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    await clickButton(el, 'Delete everything');
    // It counts what was never sent first (an IndexedDB read), then asks.
    await waitUntil(() => $(el, '.confirm'), 'no confirmation');
    await settle(el);
    const group = $(el, '.confirm')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(group.textContent).to.contain('It cannot be undone.');
    expect(deepActive()?.textContent?.trim()).to.equal('Yes, delete');
    await expect(el).to.be.accessible();
    await clickButton(el, 'Cancel');
    expect($(el, '.confirm')).to.equal(null);
    expect(heading(el)).to.equal('Every type');
  });

  it('fires rs-ready with the instrument, the timepoint and restored', async () => {
    const detail = await mount(newSurvey(everyType, {timepoint: 'after'}));
    expect(detail).to.deep.equal({
      instrument: {id: 'every-type', version: '1.2.0'},
      timepoint: 'after',
      restored: false,
    });
  });

  it('tells the page of a format it does not know once the first questions show, once', async () => {
    const el = newSurvey(everyType, {timepoint: 'after'});
    el.setAttribute('format', 'xml');
    const codes: string[] = [];
    el.addEventListener('rs-error', (e) => codes.push(e.detail.code));
    await mount(el);
    // Checked with delivery, whose code loads once the first questions show.
    await clickButton(el, 'Start');
    expect(codes).to.deep.equal([]);
    await clickButton(el, 'I agree');
    await waitUntil(() => codes.length > 0, 'format-unknown is told', {timeout: 5000});
    expect(codes).to.deep.equal(['format-unknown']);
    await el.flush();
    expect(codes).to.deep.equal(['format-unknown']);
  });

  it('asks for consent, and a person who declines is thanked and nothing is kept', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    await clickButton(el, 'Start');
    expect(heading(el)).to.equal('Information and consent');
    expect(el.shadowRoot!.textContent).to.contain('You can withdraw at any time.');
    await expect(el).to.be.accessible();
    await clickButton(el, 'I do not agree');
    expect(heading(el)).to.equal('Thank you for your time');
    expect(el.shadowRoot!.textContent).to.contain('Nothing you entered has been kept or sent');
  });

  it('moves focus to the heading of each new page', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    await clickButton(el, 'Start');
    await settle(el);
    expect(deepActive()?.tagName).to.equal('H2');
    expect(deepActive()?.textContent).to.equal('Information and consent');
    await clickButton(el, 'I agree');
    await settle(el);
    expect(deepActive()?.textContent).to.equal('About you');
  });

  it('shows an error summary that links to each field, and ties errors to the fields', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    await clickButton(el, 'Start');
    await clickButton(el, 'I agree');
    await clickButton(el, 'Next');
    await settle(el);
    expect(heading(el)).to.equal('About you');
    const summary = $(el, '.error-summary')!;
    expect(summary).to.exist;
    expect(deepActive()).to.equal(summary);
    const links = $$<HTMLAnchorElement>(el, '.error-summary a');
    expect(links.map((a) => a.textContent!.trim())).to.deep.equal([
      'Second letter of your first name: Enter one letter',
      'Your birth month: Enter a month from 01 to 12',
      'Years in practice: Answer this question',
      'Your role: Answer this question',
    ]);
    const years = $<HTMLInputElement>(el, '#q-years-input')!;
    expect(years.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = years.getAttribute('aria-describedby')!;
    expect($(el, `#${describedBy.split(' ').pop()}`)!.textContent).to.contain(
      'Answer this question',
    );
    links[2].click();
    expect(deepActive()).to.equal(years);
    await expect(el).to.be.accessible();
  });

  it('checks ranges and shows a conditional question only when it applies', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    await clickButton(el, 'Start');
    await clickButton(el, 'I agree');
    await fillAbout(el, 'other');
    expect($(el, '#q-role-other-input')).to.exist;
    const years = $<HTMLInputElement>(el, '#q-years-input')!;
    years.value = '61';
    years.dispatchEvent(new Event('input'));
    await clickButton(el, 'Next');
    expect($$(el, '.error-summary a').map((a) => a.textContent!.trim())).to.deep.equal([
      'Years in practice: Enter a number of 60 or less',
      'Which role? Answer this question',
    ]);
    $<HTMLInputElement>(el, 'input[value="midwife"]')!.click();
    await el.updateComplete;
    expect($(el, '#q-role-other-input')).to.equal(null);
  });

  it('warns when shared free text looks like it holds a patient identifier', async () => {
    // Straight to the knowledge page, whose comments field is shared long text.
    const el = await surveyAt(everyType, 'section:knowledge', {timepoint: 'after'});
    const comments = $<HTMLTextAreaElement>(el, '#q-comments-input')!;
    comments.value = 'The patient, NHS number 943 476 5919, was upset.';
    comments.dispatchEvent(new Event('input'));
    // The check loads on first use (or once the first page showed): the warning follows it.
    const warning = $(el, '#q-comments-identifiers')!;
    await waitUntil(() => warning.textContent!.includes('NHS number'), 'no identifier warning');
    expect(comments.getAttribute('aria-describedby')).to.contain('q-comments-identifiers');
    await expect(el).to.be.accessible();
    comments.value = 'The patient was upset.';
    comments.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(warning.textContent!.trim()).to.equal('');
  });

  it('keeps a number as it is typed, text included until it is a number', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    await clickButton(el, 'Start');
    await clickButton(el, 'I agree');
    const years = $<HTMLInputElement>(el, '#q-years-input')!;
    const saved = oneEvent(el, 'rs-draft-saved');
    for (const text of ['1', '1.', '1.5']) {
      years.value = text;
      years.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(years.value, 'what the person typed stays in the field').to.equal(text);
    }
    await saved;
    await clickButton(el, 'Next');
    expect($$(el, '.error-summary a').map((a) => a.textContent!.trim())).to.include(
      'Years in practice: Enter a whole number',
    );
  });

  it('lays consecutive Likert items on one scale out as a matrix with one header', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    await clickButton(el, 'Start');
    await clickButton(el, 'I agree');
    await fillAbout(el);
    await clickButton(el, 'Next');
    expect(heading(el)).to.equal('Confidence');
    await clickButton(el, 'Next');
    // The summary names each row without the statement's full stop.
    expect($$(el, '.error-summary a').map((a) => a.textContent!.trim())).to.include(
      'I can cope: Answer this question',
    );
    const matrix = $(el, '.matrix')!;
    expect(matrix.querySelectorAll('fieldset.likert.in-matrix').length).to.equal(2);
    expect(matrix.querySelector('.matrix-head')!.getAttribute('aria-hidden')).to.equal('true');
    expect(
      [...matrix.querySelectorAll('.matrix-head span')].map((s) => s.textContent),
    ).to.deep.equal(['', 'Disagree', 'Neutral', 'Agree']);
    await expect(el).to.be.accessible();
    // Narrow: stacked rows, no header. Wider: rows and header switch together, and each
    // header label sits over its column's radios.
    for (const width of [480, 600, 900]) {
      el.style.width = `${width}px`;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const head = matrix.querySelector<HTMLElement>('.matrix-head')!;
      const row = matrix.querySelector<HTMLElement>('fieldset.likert')!;
      const headShown = getComputedStyle(head).display !== 'none';
      expect(headShown, `header at ${width}px`).to.equal(width >= 576);
      expect(getComputedStyle(row).display === 'grid', `row layout at ${width}px`).to.equal(
        headShown,
      );
      if (!headShown) continue;
      const labels = [...head.querySelectorAll('span')].slice(1);
      const radios = [...row.querySelectorAll('input')];
      labels.forEach((label, i) => {
        const a = label.getBoundingClientRect();
        const b = radios[i].getBoundingClientRect();
        expect(Math.abs(a.left + a.width / 2 - (b.left + b.width / 2))).to.be.below(3);
      });
    }
  });

  it('walks every page, reviews the answers and submits one response', async () => {
    const el = await surveyWith(everyType, {timepoint: 'after'});
    await clickButton(el, 'Start');
    await clickButton(el, 'I agree');
    expect($(el, 'progress')).to.exist;
    expect($(el, '.progress span')!.textContent).to.equal('Page 1 of 4');
    await fillAbout(el);
    await clickButton(el, 'Next');
    await pickLikert(el, 'conf-1', 3);
    await pickLikert(el, 'conf-2', 1);
    $<HTMLInputElement>(el, '.scale-points input[value="7"]')!.click();
    await clickButton(el, 'Next');
    expect(heading(el)).to.equal('Knowledge');
    expect(el.shadowRoot!.textContent).to.contain('Choose all that apply.');
    $<HTMLInputElement>(el, 'input[value="c"]')!.click();
    $<HTMLInputElement>(el, 'input[value="a"]')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await clickButton(el, 'Next');
    expect(heading(el)).to.equal('Reflection');
    await expect(el).to.be.accessible();
    await clickButton(el, 'Next');
    expect(heading(el)).to.equal('Check your answers');
    const review = el.shadowRoot!.textContent!;
    expect(review).to.contain('M-07');
    expect(review).to.contain('Breathing, Talking');
    expect(review).to.contain('Midwife');
    await expect(el).to.be.accessible();

    let submits = 0;
    el.addEventListener('rs-submit', () => submits++);
    await clickButton(el, 'Submit');
    await el.submit();
    await el.submit();
    await settle(el);
    expect(heading(el)).to.equal('Thank you');
    expect(submits).to.equal(1);
    // Feedback: mean of 3 and reversed 1 (= 3) is 3; knowledge 1 of 1 correct.
    const scores = $$(el, '.score').map((s) => s.textContent!.replace(/\s+/g, ' ').trim());
    expect(scores[0]).to.contain('Confidence').and.contain('3');
    expect(scores[1]).to.contain('Knowledge').and.contain('1');
    expect($(el, '.support a')!.getAttribute('href')).to.equal('tel:116123');
    await expect(el).to.be.accessible();
  });

  it('takes the person back to the page with a problem when submit finds one', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    await el.submit();
    await settle(el);
    expect(heading(el)).to.equal('About you');
    expect($(el, '.error-summary')).to.exist;
  });

  it('renders pack text as text, never as HTML', async () => {
    const hostile: Pack = {
      ...everyType,
      consent: undefined,
      title: '<img src=x onerror="window.__pwned=1">Hello',
    };
    const el = await surveyWith(hostile, {timepoint: 'before'});
    expect($(el, 'img')).to.equal(null);
    expect(heading(el)).to.equal('<img src=x onerror="window.__pwned=1">Hello');
  });

  it('speaks Welsh when lang is cy: interface strings and pack text', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before', lang: 'cy'});
    expect(heading(el)).to.equal('Pob math');
    // The Welsh catalogue loads on demand; the element re-renders when it arrives.
    await waitUntil(
      () => $$(el, 'button')[0].textContent!.trim() !== 'Start',
      'Welsh interface text',
    );
    expect($$(el, 'button')[0].textContent!.trim()).to.equal('Dechrau');
  });

  it('changes language when its lang attribute changes', async () => {
    const el = await surveyWith(everyType, {timepoint: 'before'});
    expect(heading(el)).to.equal('Every type');
    el.setAttribute('lang', 'cy');
    await waitUntil(() => heading(el) === 'Pob math', 'the Welsh title');
    await waitUntil(() => $$(el, 'button')[0].textContent!.trim() === 'Dechrau', 'Welsh buttons');
  });

  it('gives the built-in pack its Welsh when the page switches to Welsh after loading', async () => {
    const el = document.createElement('rs-survey');
    el.instrument = 'coping-with-error';
    el.timepoint = 'baseline';
    el.storageKey = freshKey();
    await mount(el);
    expect(heading(el)).to.equal('Coping with error and stressful events');
    el.setAttribute('lang', 'cy');
    await waitUntil(
      () => heading(el) === 'Ymdopi â chamgymeriadau a digwyddiadau llawn straen',
      'the Welsh title of the built-in pack',
    );
    el.setAttribute('lang', 'en');
    await waitUntil(() => heading(el) === 'Coping with error and stressful events', 'English');
  });

  it('follows the page direction (dir="rtl")', async () => {
    const el = newSurvey(everyType, {timepoint: 'before'});
    await mount(el, await fixture<HTMLDivElement>(html`<div dir="rtl"></div>`));
    await settle(el);
    expect(getComputedStyle($(el, '.card')!).direction).to.equal('rtl');
    const actions = $(el, '.actions')!.getBoundingClientRect();
    const start = $(el, '.button.primary')!.getBoundingClientRect();
    // The main button sits at the end of the line: on the left in a right-to-left page.
    expect(start.left - actions.left).to.be.lessThan(actions.right - start.right);
  });

  it('inherits lang from the page around it', async () => {
    const el = newSurvey(everyType, {timepoint: 'before'});
    await mount(el, await fixture<HTMLDivElement>(html`<div lang="cy"></div>`));
    await settle(el);
    expect(heading(el)).to.equal('Pob math');
  });
});

describe('rs-survey starting over', () => {
  const tiny: Pack = {
    id: 'tiny',
    version: '1.0.0',
    title: 'Tiny',
    timepoints: [{id: 'now', label: 'Now'}],
    sections: [
      {
        id: 'one',
        title: 'One',
        items: [
          {
            id: 'pick',
            type: 'choice',
            text: 'Pick one',
            required: true,
            options: [
              {value: 'a', label: 'A'},
              {value: 'b', label: 'B'},
            ],
          },
          {
            id: 'refl',
            type: 'reflection',
            text: 'Reflect',
            required: true,
            steps: [
              {id: 'what', prompt: 'What happened?'},
              {id: 'next', prompt: 'What next?'},
            ],
          },
        ],
      },
    ],
  };

  /** Starts and answers the one page of `tiny`. */
  async function answerTiny(el: RsSurvey) {
    await clickButton(el, 'Start');
    $<HTMLInputElement>(el, 'input[value="a"]')!.click();
    const text = $<HTMLTextAreaElement>(el, '#q-refl-text')!;
    text.value = 'Something happened.';
    text.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await el.updateComplete;
  }

  async function finishOnce(el: RsSurvey) {
    await answerTiny(el);
    await clickButton(el, 'Next');
    const submitting = oneEvent(el, 'rs-submit');
    await clickButton(el, 'Submit');
    const {response} = (await submitting).detail;
    await el.submit();
    await settle(el);
    expect(heading(el)).to.equal('Thank you');
    return response;
  }

  it('a Welsh page gets the review and thank-you pages in Welsh too', async () => {
    const el = await surveyWith(tiny, {lang: 'cy'});
    await waitUntil(() => $$(el, 'button').some((b) => b.textContent!.trim() === 'Dechrau'));
    await clickButton(el, 'Dechrau');
    $<HTMLInputElement>(el, 'input[value="a"]')!.click();
    const text = $<HTMLTextAreaElement>(el, '#q-refl-text')!;
    text.value = 'Rhywbeth.';
    text.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await el.updateComplete;
    await clickButton(el, 'Nesaf');
    await settle(el);
    expect(heading(el)).to.equal('Gwirio eich atebion');
    expect($$(el, 'button').map((b) => b.textContent!.trim())).to.include('Cyflwyno');
    await clickButton(el, 'Cyflwyno');
    // The submission the click started, to its end.
    await el.submit();
    await settle(el);
    expect(heading(el)).to.equal('Diolch');
    expect($(el, '[part="status"]')!.textContent).to.contain('ar y ddyfais hon yn unig');
  });

  it('after deleting everything, the next response is a new one with a new id', async () => {
    const el = await surveyWith(tiny);
    const first = await finishOnce(el);
    await el.deleteEverything();
    await settle(el);
    expect(heading(el)).to.equal('Tiny');
    const second = await finishOnce(el);
    expect(second.id).to.not.equal(first.id);
  });

  const restores: (() => void)[] = [];
  afterEach(() => restores.splice(0).forEach((restore) => restore()));

  /** How the survey loads its finish chunk, until this test ends; `calls()` counts the loads. */
  function loadFinishWith(load: (real: () => Promise<unknown>, call: number) => Promise<unknown>) {
    const Survey = customElements.get('rs-survey') as typeof RsSurvey;
    const real = Survey.importFinish;
    let calls = 0;
    Survey.importFinish = () => load(real, ++calls) as ReturnType<typeof real>;
    restores.push(() => (Survey.importFinish = real));
    return {calls: () => calls};
  }
  const offline = () =>
    Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

  it('a background fetch of the last pages that failed is tried again at the review, unseen', async () => {
    const loads = loadFinishWith((real, call) => (call === 1 ? offline() : real()));
    const el = await surveyWith(tiny);
    await answerTiny(el);
    // The fetch made once the first questions show fails.
    await waitUntil(() => loads.calls() === 1, 'no background fetch');
    await clickButton(el, 'Next');
    await settle(el);
    expect($(el, '.failure')).to.equal(null);
    expect(heading(el)).to.equal('Check your answers');
    expect(loads.calls()).to.equal(2);
  });

  it('when the last pages cannot load (offline early on), says so once and Try again works', async () => {
    const loads = loadFinishWith((real, call) => (call === 1 ? offline() : real()));
    const el = await surveyAt(tiny, 'review');
    await settle(el);
    expect($(el, '.failure')!.textContent).to.contain('Your answers are kept on this device');
    await expect(el).to.be.accessible();
    // One attempt, not a loop of them: only the person's Try again tries again (a loop would
    // have tried again at each of these renders).
    el.requestUpdate();
    await settle(el);
    expect(loads.calls()).to.equal(1);
    await clickButton(el, 'Try again');
    await settle(el);
    expect(heading(el)).to.equal('Check your answers');
  });

  it('says so when the background fetch of the last pages fails while the person waits at the review', async () => {
    let fail!: () => void;
    const loads = loadFinishWith((real, call) =>
      call === 1
        ? new Promise((_, reject) => (fail = () => reject(new TypeError('offline'))))
        : real(),
    );
    const el = await surveyWith(tiny);
    await answerTiny(el);
    await waitUntil(() => loads.calls() === 1, 'no background fetch');
    // Not clickButton: updateComplete waits for the chunk on the last pages.
    $$<HTMLButtonElement>(el, 'button')
      .find((b) => b.textContent!.trim() === 'Next')!
      .click();
    await new Promise((r) => requestAnimationFrame(r));
    expect($(el, '.loading')).to.not.equal(null);
    fail();
    await waitUntil(() => $(el, '.failure'), 'loads for ever');
    await clickButton(el, 'Try again');
    await settle(el);
    expect(heading(el)).to.equal('Check your answers');
  });

  it('on a stalled connection the last pages offer Try again instead of loading for ever', async () => {
    const Survey = customElements.get('rs-survey') as typeof RsSurvey;
    const timeout = Survey.finishTimeoutMs;
    Survey.finishTimeoutMs = 200;
    restores.push(() => (Survey.finishTimeoutMs = timeout));
    const loads = loadFinishWith((real, call) => (call === 1 ? new Promise(() => {}) : real()));
    const el = await surveyAt(tiny, 'review');
    await waitUntil(() => $(el, '.failure'), 'still loading');
    expect($(el, '.failure')!.textContent).to.contain('Your answers are kept on this device');
    await clickButton(el, 'Try again');
    await settle(el);
    expect(heading(el)).to.equal('Check your answers');
    expect(loads.calls()).to.equal(2);
  });

  it('moves focus to the review heading when the last pages arrive after the person', async () => {
    let arrive!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    // A slow connection: the finish chunk is still on its way when the person presses Next.
    loadFinishWith((real) => arrived.then(real));
    const el = await surveyWith(tiny);
    await answerTiny(el);
    // Not clickButton: updateComplete waits for the chunk on the last pages.
    $$<HTMLButtonElement>(el, 'button')
      .find((b) => b.textContent!.trim() === 'Next')!
      .click();
    await new Promise((r) => requestAnimationFrame(r));
    expect($(el, '.loading')).to.not.equal(null);
    arrive();
    await settle(el);
    expect(heading(el)).to.equal('Check your answers');
    expect(deepActive()?.tagName).to.equal('H2');
    expect(deepActive()?.textContent).to.equal('Check your answers');
  });

  it('links a missing reflection step from the error summary to its text area', async () => {
    const el = await surveyWith(tiny);
    await clickButton(el, 'Start');
    await clickButton(el, 'Next');
    await settle(el);
    const link = $$<HTMLAnchorElement>(el, '.error-summary a').find((a) =>
      a.textContent!.includes('What happened?'),
    );
    expect(link, 'a summary line for the reflection step').to.exist;
    link!.click();
    await settle(el);
    const active = deepActive();
    expect(active?.tagName).to.equal('TEXTAREA');
  });
});

describe('rs-survey reflections', () => {
  const pack: Pack = {
    id: 'reflect',
    version: '1.0.0',
    title: 'Reflect',
    timepoints: [{id: 'now', label: 'Now'}],
    sections: [
      {
        id: 'one',
        title: 'One',
        items: [
          {
            id: 'refl',
            type: 'reflection',
            text: 'Reflect on an error',
            required: true,
            steps: [
              {id: 'what', prompt: 'What happened?'},
              {id: 'next', prompt: 'What next?', help: 'One thing is enough.'},
            ],
          },
        ],
      },
    ],
  };
  const text = (el: RsSurvey) => $<HTMLTextAreaElement>(el, '#q-refl-text')!;
  const prompt = (el: RsSurvey) => text(el).labels![0].textContent!.trim();

  async function typeInto(el: RsSurvey, keys: string) {
    text(el).focus();
    await typeKeys(keys);
    await el.updateComplete;
  }

  it('shows one step at a time; the step buttons move focus to the text area', async () => {
    const el = await surveyWith(pack);
    await clickButton(el, 'Start');
    expect(prompt(el)).to.equal('What happened?');
    expect($(el, '#q-refl-progress')!.textContent!.trim()).to.equal('Step 1 of 2');
    await typeInto(el, 'A near miss');
    await clickButton(el, 'Next step');
    expect(prompt(el)).to.equal('What next?');
    expect(text(el).value).to.equal('');
    expect(deepActive()).to.equal(text(el));
    expect(text(el).getAttribute('aria-describedby')).to.contain('q-refl-step-help');
    await typeInto(el, 'Ask');
    await clickButton(el, 'Previous step');
    expect(deepActive()).to.equal(text(el));
    expect(text(el).value).to.equal('A near miss');
    expect($(el, '#q-refl-hint')!.textContent).to.contain('11 characters');
    await expect(el).to.be.accessible();
  });

  it('starting again shows the first step again', async () => {
    const el = await surveyWith(pack);
    await clickButton(el, 'Start');
    await clickButton(el, 'Next step');
    expect(prompt(el)).to.equal('What next?');
    await el.clearDraft();
    await clickButton(el, 'Start');
    expect(prompt(el)).to.equal('What happened?');
  });

  it('the error summary shows the step at fault and puts focus in it', async () => {
    const el = await surveyWith(pack);
    await clickButton(el, 'Start');
    await clickButton(el, 'Next step');
    await clickButton(el, 'Next');
    const link = $$<HTMLAnchorElement>(el, '.error-summary a').find((a) =>
      a.textContent!.includes('What happened?'),
    );
    expect(link, 'a summary line for the first step').to.exist;
    link!.click();
    await settle(el);
    expect(prompt(el)).to.equal('What happened?');
    expect(deepActive()).to.equal(text(el));
    expect(text(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('says politely when the text seems to hold an NHS number', async () => {
    const el = await surveyWith(pack);
    await clickButton(el, 'Start');
    const findings = $(el, '#q-refl-findings')!;
    expect(findings.getAttribute('aria-live')).to.equal('polite');
    await typeInto(el, 'Patient 943 476 5919 ');
    await waitUntil(() => findings.textContent!.includes('NHS number'), 'no NHS warning');
    expect(text(el).getAttribute('aria-describedby')).to.contain('q-refl-findings');
  });

  it('saves the person’s own reflection as a text file', async () => {
    const el = await surveyWith(pack);
    await clickButton(el, 'Start');
    await typeInto(el, 'A near miss');
    const {name, blob} = await captureDownload(() => clickButton(el, 'Download my reflection'));
    expect(name).to.equal('my-reflection.txt');
    expect(await blob.text()).to.equal(
      ['Reflect on an error', '', 'What happened?', 'A near miss', '', 'What next?', '', ''].join(
        '\n',
      ),
    );
  });
});

describe('rs-survey with a broken or missing pack', () => {
  async function failing(setup: (el: RsSurvey) => void) {
    const el = document.createElement('rs-survey');
    setup(el);
    const error = oneEvent(el, 'rs-error');
    await fixture(html`<div>${el}</div>`);
    const {detail} = await error;
    await settle(el);
    return {el, detail};
  }

  it('reports an invalid pack with the JSON path at fault, inside the element too', async () => {
    const broken = {
      ...everyType,
      sections: [
        {id: 's', title: 'S', items: [{id: 'x', type: 'likert', text: 'X', scale: 'agree7'}]},
      ],
    };
    const {el, detail} = await failing((e) => (e.instrument = broken));
    expect(detail.code).to.equal('instrument-invalid');
    expect(detail.path).to.equal('sections[0].items[0].scale');
    expect(detail.message).to.contain('sections[0].items[0].scale').and.contain('agree7');
    const alert = $(el, '[role="alert"]')!;
    expect(alert.textContent).to.contain('sections[0].items[0].scale');
    await expect(el).to.be.accessible();
  });

  it('reports a pack URL that cannot be fetched, with a way to try again', async () => {
    const {el, detail} = await failing((e) => (e.instrument = '/no/such/pack.json'));
    expect(detail.code).to.equal('instrument-unreachable');
    expect(detail.message).to.contain('/no/such/pack.json');
    expect($$(el, 'button').map((b) => b.textContent!.trim())).to.deep.equal(['Try again']);
  });

  it('reports an unknown timepoint', async () => {
    const {detail} = await failing((e) => {
      e.instrument = everyType;
      e.timepoint = 'never';
    });
    expect(detail.code).to.equal('timepoint-unknown');
    expect(detail.message).to.contain('never');
  });

  it('asks for a timepoint when the pack has several', async () => {
    const {el, detail} = await failing((e) => (e.instrument = everyType));
    expect(detail.code).to.equal('timepoint-unknown');
    expect($(el, '[role="alert"]')!.textContent).to.contain('which timepoint');
  });

  it('reads an inline pack from a JSON script child', async () => {
    const el = document.createElement('rs-survey');
    el.timepoint = 'before';
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(everyType);
    el.append(script);
    const ready = oneEvent(el, 'rs-ready');
    await fixture(html`<div>${el}</div>`);
    await ready;
    await settle(el);
    expect(heading(el)).to.equal('Every type');
  });

  it('loads a pack from a URL', async () => {
    const blob = new Blob([JSON.stringify(everyType)], {type: 'application/json'});
    const el = document.createElement('rs-survey');
    el.timepoint = 'before';
    // A real HTTP fetch of a real file would need the dev server to serve one: the test
    // hands in a fetch that answers with a Response, which is what the element sees.
    el.fetch = async () => new Response(blob);
    el.instrument = 'https://packs.example.org/every-type.json';
    const ready = oneEvent(el, 'rs-ready');
    await fixture(html`<div>${el}</div>`);
    expect((await ready).detail.instrument.id).to.equal('every-type');
  });
});

describe('rs-survey review page: answers as a person reads them', () => {
  const items = everyType.sections.flatMap((s) => s.items);
  const item = (id: string) => items.find((i) => i.id === id) as Question;
  const read = (id: string, answers: Answers, lang = 'en') =>
    answerText({lang, pack: everyType, answers}, item(id));

  it('names a Likert point by its label, in the page’s language', () => {
    expect(read('conf-1', {'conf-1': 3})).to.equal('Agree');
    expect(read('conf-1', {'conf-1': 3}, 'cy')).to.equal('Cytuno');
    expect(read('conf-2', {'conf-2': 2})).to.equal('Neutral');
    expect(read('conf-1', {'conf-1': 4})).to.equal(null);
    expect(read('conf-1', {})).to.equal(null);
  });

  it('joins choices, reflection steps and code parts; blank is not answered', () => {
    expect(read('know-1', {'know-1': ['c', 'a', 'gone']})).to.equal('Talking, Breathing, gone');
    expect(read('know-1', {'know-1': []})).to.equal(null);
    expect(read('refl', {'refl.what': 'A fall', 'refl.feel': ' ', refl: 'x'})).to.equal('A fall');
    expect(read('refl', {'refl.what': 'A fall', 'refl.feel': 'Shaken'})).to.equal(
      'A fall\n\nShaken',
    );
    expect(read('refl', {'refl.what': '  ', 'refl.feel': ''})).to.equal(null);
    expect(read('code', {'code.letter': 'm', 'code.month': '07'})).to.equal(
      assembleCode(item('code') as CodeItem, {'code.letter': 'm', 'code.month': '07'}),
    );
    expect(read('years', {years: 0})).to.equal('0');
    expect(read('comments', {comments: ''})).to.equal(null);
  });
});

describe('rs-survey xAPI body: the cmi5 registration goes to the launch’s own record store', () => {
  const launch = {
    endpoint: 'https://lrs.example/xapi',
    fetch: 'https://lms.example/token',
    actor: {objectType: 'Agent' as const, account: {homePage: 'https://lms.example', name: 'x'}},
    registration: '6b0a4c2e-7f3d-4e8a-9b1c-2d3e4f5a6b7c',
    activityId: 'https://lms.example/activity/1',
  };
  const registrationFor = async (url: string) => {
    const response = responseOf({
      pack: everyType,
      timepoint: 'after',
      answers: {},
      id: '11111111-2222-4333-8444-555555555555',
      locale: 'en',
      startedAt: '2026-11-27T09:00:00.000Z',
      submittedAt: '2026-11-27T09:30:00.000Z',
    });
    const {body} = await requestFor('xapi', {
      response,
      pack: everyType,
      url,
      lrs: launch,
      origin: location.origin,
    });
    return (JSON.parse(body) as {context?: {registration?: string}}[])[0].context?.registration;
  };

  it('below its endpoint, with or without the slash', async () => {
    expect(await registrationFor('https://lrs.example/xapi')).to.equal(launch.registration);
    expect(await registrationFor('https://lrs.example/xapi/')).to.equal(launch.registration);
  });

  it('not to a host that only starts the same', async () => {
    expect(await registrationFor('https://lrs.example.evil/xapi')).to.equal(undefined);
    expect(await registrationFor('https://lrs.example/xapi-other')).to.equal(undefined);
  });
});
