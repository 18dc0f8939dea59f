// The reflection view's code is not in the bundle: it loads in idle time a page ahead (once
// the page before one with a reflection shows), and at once on a page with one. These
// tests hand the survey a loader that is slow, offline or stalled, as a connection can be.
import {expect, waitUntil} from '@open-wc/testing';
import {RsSurvey} from '../../../src/elements/rs-survey/rs-survey.js';
import {realClock, whenIdle} from '../../../src/internal/clock.js';
import type {Pack} from '../../../src/instrument/types.js';
import {LiveClock} from '../../support/clock.js';
import {$, $$, clickButton, deepActive, heading, settle, surveyWith} from '../../support/survey.js';

const pack: Pack = {
  id: 'reflect-later',
  version: '1.0.0',
  title: 'Reflect later',
  timepoints: [
    {id: 'with', label: 'With a reflection'},
    {id: 'without', label: 'Without'},
  ],
  sections: [
    {id: 'first', title: 'First', items: [{id: 'name', type: 'text', text: 'Your role'}]},
    {
      id: 'reflect',
      title: 'Reflect',
      timepoints: ['with'],
      items: [
        {
          id: 'refl',
          type: 'reflection',
          text: 'Reflect on an error',
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
/** The same reflection on the first page. */
const first: Pack = {...pack, timepoints: [pack.timepoints[0]], sections: [pack.sections[1]]};

const real = RsSurvey.importReflection;
let calls = 0;
/** How the survey loads the reflection's code in this test; counts the loads. */
function loadWith(load: () => ReturnType<typeof real>) {
  RsSurvey.importReflection = () => (calls++, load());
}
const offline = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
beforeEach(() => {
  calls = 0;
  loadWith(real);
});
afterEach(() => {
  RsSurvey.importReflection = real;
  RsSurvey.clock = realClock;
});

const text = (el: RsSurvey) => $<HTMLTextAreaElement>(el, '#q-refl-text');
const status = (el: RsSurvey) => $(el, '#q-refl [role="status"]');
/** Presses a button without waiting for the page's code (updateComplete would). */
async function press(el: RsSurvey, label: string) {
  $$<HTMLButtonElement>(el, 'button')
    .find((b) => b.textContent!.trim() === label)!
    .click();
  await new Promise((r) => requestAnimationFrame(r));
}

describe('rs-survey: the reflection’s code, loaded on demand', () => {
  it('is fetched in idle time on the page before the reflection (here the first questions)', async () => {
    const el = await surveyWith(pack, {timepoint: 'with'});
    await clickButton(el, 'Start');
    await waitUntil(() => calls === 1, 'no fetch while the first questions show');
    expect(heading(el)).to.equal('First');
  });

  it('is not fetched where the timepoint has no reflection', async () => {
    let finish = 0;
    const realFinish = RsSurvey.importFinish;
    RsSurvey.importFinish = () => (finish++, realFinish());
    try {
      const el = await surveyWith(pack, {timepoint: 'without'});
      await clickButton(el, 'Start');
      // The finish code's fetch, asked for in the same idle time after the reflection's
      // would have been, has arrived: a fetch of the reflection's would have started.
      await clickButton(el, 'Next');
      expect(heading(el)).to.equal('Check your answers');
      expect(finish).to.be.greaterThan(0);
      expect(calls).to.equal(0);
    } finally {
      RsSurvey.importFinish = realFinish;
    }
  });

  it('is fetched a page ahead: not while a page two before the reflection shows', async () => {
    const ahead: Pack = {
      ...pack,
      sections: [
        {id: 'zero', title: 'Zero', items: [{id: 'team', type: 'text', text: 'Your team'}]},
        ...pack.sections,
      ],
    };
    const el = await surveyWith(ahead, {timepoint: 'with'});
    await clickButton(el, 'Start');
    await settle(el);
    expect(heading(el)).to.equal('Zero');
    // Idle callbacks run in the order they were asked for: this one comes after any fetch the
    // page asked for in idle time.
    await new Promise<void>((resolve) => whenIdle(resolve));
    expect(calls).to.equal(0);
    await clickButton(el, 'Next');
    expect(heading(el)).to.equal('First');
    await waitUntil(() => calls === 1, 'no fetch on the page before the reflection');
  });

  it('shows the question and a polite loading line until the code arrives; then focus goes to the step shown', async () => {
    let arrive!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    loadWith(() => arrived.then(real));
    const el = await surveyWith(first);
    await press(el, 'Start');
    expect(heading(el)).to.equal('Reflect');
    expect($(el, '#q-refl legend')!.textContent).to.contain('Reflect on an error');
    expect(status(el)!.textContent).to.contain('Loading this question…');
    expect(text(el)).to.equal(null);
    await expect(el).to.be.accessible();
    arrive();
    await settle(el);
    expect(status(el)).to.equal(null);
    expect(text(el)!.labels![0].textContent).to.contain('What happened?');
    // Its styles came with it: the warning is laid out as a row with its icon.
    expect(getComputedStyle($(el, '.identifier-warning')!).display).to.equal('flex');
    await clickButton(el, 'Next step');
    expect(text(el)!.labels![0].textContent).to.contain('What next?');
    expect(deepActive()).to.equal(text(el));
  });

  it('puts focus in the text area from the error summary even when the code comes later', async () => {
    let arrive!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    loadWith(() => arrived.then(real));
    const el = await surveyWith(first);
    await press(el, 'Start');
    await press(el, 'Next');
    const link = $$<HTMLAnchorElement>(el, '.error-summary a').find((a) =>
      a.textContent!.includes('What happened?'),
    );
    expect(link, 'a summary line for the step').to.exist;
    link!.click();
    arrive();
    await settle(el);
    await waitUntil(() => deepActive() === text(el), 'focus is not in the text area');
  });

  it('says politely when the code could not load, once, and Try again brings the question', async () => {
    let online = false;
    loadWith(() => (online ? real() : offline()));
    const el = await surveyWith(first);
    await press(el, 'Start');
    await waitUntil(() => status(el)?.textContent!.includes('could not be loaded'), 'no failure');
    // A status (polite), not an alert: the person may be typing elsewhere on the page.
    expect($(el, '[role="alert"]')).to.equal(null);
    await expect(el).to.be.accessible();
    // One attempt, not a loop of them: only Try again tries again.
    el.requestUpdate();
    await settle(el);
    expect(calls).to.equal(1);
    online = true;
    await clickButton(el, 'Try again');
    await settle(el);
    expect(text(el)!.labels![0].textContent).to.contain('What happened?');
    expect(calls).to.equal(2);
  });

  it('says so when the idle-time fetch fails while the reflection’s page waits for it', async () => {
    let fail!: () => void;
    loadWith(() =>
      calls === 1
        ? new Promise((_, reject) => (fail = () => reject(new TypeError('offline'))))
        : real(),
    );
    const el = await surveyWith(pack, {timepoint: 'with'});
    await clickButton(el, 'Start');
    await waitUntil(() => calls === 1, 'no fetch while the first questions show');
    // The person reaches the reflection while that fetch is still on its way; then it fails.
    await press(el, 'Next');
    expect(heading(el)).to.equal('Reflect');
    expect(status(el)!.textContent).to.contain('Loading this question…');
    fail();
    await waitUntil(
      () => status(el)?.textContent!.includes('could not be loaded'),
      'loads for ever',
    );
    await clickButton(el, 'Try again');
    await settle(el);
    expect(text(el)).to.not.equal(null);
  });

  it('on a stalled connection offers Try again instead of loading for ever', async () => {
    const clock = new LiveClock();
    RsSurvey.clock = clock;
    loadWith(() => (calls === 1 ? new Promise(() => {}) : real()));
    const el = await surveyWith(first);
    await press(el, 'Start');
    expect(status(el)!.textContent).to.contain('Loading this question…');
    // Time runs out (every timer set runs now, the time limit's among them).
    await clock.runAll();
    await waitUntil(
      () => status(el)?.textContent!.includes('could not be loaded'),
      'still loading',
    );
    await clickButton(el, 'Try again');
    await settle(el);
    expect(text(el)).to.not.equal(null);
  });
});
