import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {RsSurvey} from '../../../src/elements/rs-survey/rs-survey.js';
import type {Pack} from '../../../src/instrument/types.js';
import {openStore, storageKey, type Store} from '../../../src/store/store.js';
import type {Draft} from '../../../src/store/types.js';
import {uuid} from '../../../src/store/uuid.js';
import {until} from '../../store/helpers.js';
import {LiveClock} from '../../support/clock.js';
import {realClock} from '../../../src/internal/clock.js';
import {everyType} from './fixtures.js';
import {
  $,
  clickButton,
  freshKey,
  heading,
  mountSurvey,
  reloadSurvey,
  settle,
  type Mounted,
} from '../../support/survey.js';

/** The value of the checked point of a Likert question, or null. */
const likertValue = (el: RsSurvey, id: string) => {
  const radio = $<HTMLInputElement>(el, `#q-${id} input:checked`);
  return radio ? Number(radio.value) : null;
};

/** A survey of `pack` at `timepoint` (`before`), stored under `key`. */
const mount = (
  pack: Pack,
  {timepoint = 'before', key, draftDays}: {timepoint?: string; key: string; draftDays?: number},
) => mountSurvey(pack, {timepoint, key, draftDays});

/** Leaves the page (the element goes) and comes back to it (a new element). */
const reload = (old: RsSurvey, pack?: Pack) =>
  reloadSurvey({el: old} as Mounted, pack ?? (old.instrument as Pack));

/** Resolves on the first `rs-draft-saved` of a write that started after now. */
function savedFromNow(el: RsSurvey): Promise<string> {
  const from = Date.now();
  return new Promise((resolve) => {
    const listener = (e: HTMLElementEventMap['rs-draft-saved']) => {
      if (Date.parse(e.detail.savedAt) < from) return;
      el.removeEventListener('rs-draft-saved', listener);
      resolve(e.detail.savedAt);
    };
    el.addEventListener('rs-draft-saved', listener);
  });
}

function type(el: RsSurvey, selector: string, text: string, event = 'input') {
  const input = $<HTMLInputElement>(el, selector)!;
  input.value = text;
  input.dispatchEvent(new Event(event));
}

async function fillAbout(el: RsSurvey, years = '12') {
  type(el, '#q-code--letter-input', 'm');
  type(el, '#q-code--month-input', '07');
  type(el, '#q-years-input', years, 'input');
  $<HTMLInputElement>(el, 'input[value="midwife"]')!.click();
  await el.updateComplete;
}

async function pickLikert(el: RsSurvey, id: string, value: number) {
  $<HTMLInputElement>(el, `#q-${id} input[value="${value}"]`)!.click();
  await el.updateComplete;
}

/** Start → consent → About you (answered) → Confidence (one answer): answers on two pages. */
async function answerTwoPages(el: RsSurvey, years = '12') {
  await clickButton(el, 'Start');
  await clickButton(el, 'I agree');
  await fillAbout(el, years);
  await clickButton(el, 'Next');
  expect(heading(el)).to.equal('Confidence');
  const saved = savedFromNow(el);
  await pickLikert(el, 'conf-1', 3);
  return saved;
}

const notice = (el: RsSurvey) => $(el, '[part="notice"]')?.textContent?.replace(/\s+/g, ' ').trim();

/** The store the element uses: the page's database, through a connection of the test's own. */
let store: Store;
before(async () => {
  const opened = await openStore();
  expect(opened.persistent, opened.error).to.equal(true);
  store = opened.store;
});
after(() => store.close());

/** Timers of this test's surveys: `runAll()` proves what did not happen, without sleeping. */
let clock: LiveClock;
beforeEach(() => (RsSurvey.clock = clock = new LiveClock()));
afterEach(() => (RsSurvey.clock = realClock));

const keyOf = (el: RsSurvey) => storageKey('every-type', el.timepoint!, null, el.storageKey);

describe('rs-survey drafts', () => {
  it('a reload mid-way restores every answer and the page, and says so', async () => {
    const {el, ready} = await mount(everyType, {key: freshKey()});
    expect(ready.restored).to.equal(false);
    const savedAt = await answerTwoPages(el);
    expect(Math.abs(Date.parse(savedAt) - Date.now())).to.be.below(5000);
    // The time's format is made when the page is idle: the line follows.
    await waitUntil(
      () => $(el, '.saved')?.textContent?.includes('Saved on this device at'),
      'no saved line',
    );

    const again = await reload(el);
    expect(again.ready).to.deep.equal({
      instrument: {id: 'every-type', version: '1.2.0'},
      timepoint: 'before',
      restored: true,
    });
    const back = again.el;
    expect(heading(back)).to.equal('Confidence');
    expect(likertValue(back, 'conf-1')).to.equal(3);
    expect(likertValue(back, 'conf-2')).to.equal(null);
    expect(notice(back)).to.match(/^Your answers from .+ are back\. Start again$/);
    expect($(back, '[part="notice"]')!.getAttribute('role')).to.equal('status');
    await expect(back).to.be.accessible();

    // The other page's answers are back too, in the inputs a person sees.
    await clickButton(back, 'Back');
    expect(heading(back)).to.equal('About you');
    expect($<HTMLInputElement>(back, '#q-code--letter-input')!.value.toLowerCase()).to.equal('m');
    expect($<HTMLInputElement>(back, '#q-code--month-input')!.value).to.equal('07');
    expect($<HTMLInputElement>(back, '#q-years-input')!.value).to.equal('12');
    expect($<HTMLInputElement>(back, 'input[value="midwife"]')!.checked).to.equal(true);
    // The notice has done its job once the person moves on.
    expect(notice(back)).to.equal(undefined);
  });

  it('"Start again" in the notice clears the answers, here and on the device', async () => {
    const {el} = await mount(everyType, {key: freshKey()});
    await answerTwoPages(el);
    const {el: back} = await reload(el);
    expect(await store.getDraft(keyOf(back))).to.not.equal(undefined);

    await clickButton(back, 'Start again');
    // It asks first, with the "Yes" focused; Cancel would keep everything.
    expect(back.shadowRoot!.textContent).to.contain('It cannot be undone.');
    await clickButton(back, 'Yes, start again');
    // The draft is deleted first, then the start page shows.
    expect(await until(() => heading(back) === 'Every type')).to.equal(true);
    expect(notice(back)).to.equal(undefined);
    // Every autosave timer run now: nothing was written back.
    await clock.runAll();
    expect(await store.getDraft(keyOf(back))).to.equal(undefined);

    const fresh = await reload(back);
    expect(fresh.ready.restored).to.equal(false);
    expect(heading(fresh.el)).to.equal('Every type');
    await clickButton(fresh.el, 'Start');
    await clickButton(fresh.el, 'I agree');
    expect($<HTMLInputElement>(fresh.el, '#q-years-input')!.value).to.equal('');
  });

  it('clearDraft() clears them too, and the next response has a new id', async () => {
    const {el} = await mount(everyType, {key: freshKey()});
    await answerTwoPages(el);
    const before = (await store.getDraft(keyOf(el)))!;
    expect(before.answers).to.include({years: 12, 'conf-1': 3});

    await el.clearDraft();
    await settle(el);
    expect(heading(el)).to.equal('Every type');
    expect(await store.getDraft(keyOf(el))).to.equal(undefined);

    // Answering again starts a new draft, with a response id of its own.
    await clickButton(el, 'Start');
    await clickButton(el, 'I agree');
    const saved = savedFromNow(el);
    type(el, '#q-years-input', '3', 'input');
    await saved;
    const after = (await store.getDraft(keyOf(el)))!;
    expect(after.answers).to.deep.equal({years: 3});
    expect(after.responseId).to.not.equal(before.responseId);

    const {ready} = await reload(el);
    expect(ready.restored).to.equal(true);
  });

  it('deleteEverything() leaves nothing on the device, and nothing comes back', async () => {
    const {el} = await mount(everyType, {key: freshKey()});
    await answerTwoPages(el);
    expect(await store.getDraft(keyOf(el))).to.not.equal(undefined);
    await el.deleteEverything();
    await settle(el);
    expect(heading(el)).to.equal('Every type');
    expect(notice(el)).to.equal(
      'Everything this questionnaire stored on this device has been deleted.',
    );
    await clock.runAll();
    expect(await store.getDraft(keyOf(el))).to.equal(undefined);
    const {ready} = await reload(el);
    expect(ready.restored).to.equal(false);
  });

  it('a new pack version drops answers to removed questions and says how many', async () => {
    const {el} = await mount(everyType, {key: freshKey()});
    await answerTwoPages(el);
    const next: Pack = {
      ...everyType,
      version: '2.0.0',
      sections: everyType.sections.map((s) =>
        s.id === 'about' ? {...s, items: s.items.filter((i) => i.id !== 'years')} : s,
      ),
    };
    const again = await reload(el, next);
    expect(again.ready.restored).to.equal(true);
    expect(again.ready.instrument.version).to.equal('2.0.0');
    const back = again.el;
    expect(heading(back)).to.equal('Confidence');
    expect(notice(back)).to.equal(
      'This questionnaire has changed: 1 earlier answer was for questions it no longer asks and has been removed.',
    );
    expect(likertValue(back, 'conf-1')).to.equal(3);
    await expect(back).to.be.accessible();
    await clickButton(back, 'Back');
    expect($<HTMLInputElement>(back, 'input[value="midwife"]')!.checked).to.equal(true);
    expect($(back, '#q-years-input')).to.equal(null);
  });

  it('two widgets of one pack at different timepoints on one page never mix', async () => {
    const key = freshKey();
    const before = await mount(everyType, {timepoint: 'before', key});
    const after = await mount(everyType, {timepoint: 'after', key});
    await clickButton(after.el, 'Start');
    await clickButton(after.el, 'I agree');
    await answerTwoPages(before.el, '12');
    // The other widget, open on the page with the same field, is untouched.
    expect($<HTMLInputElement>(after.el, '#q-years-input')!.value).to.equal('');
    const saved = savedFromNow(after.el);
    await fillAbout(after.el, '30');
    await saved;

    const before2 = await reload(before.el);
    const after2 = await reload(after.el);
    expect([before2.ready.timepoint, before2.ready.restored]).to.deep.equal(['before', true]);
    expect([after2.ready.timepoint, after2.ready.restored]).to.deep.equal(['after', true]);
    expect(heading(before2.el)).to.equal('Confidence');
    expect(heading(after2.el)).to.equal('About you');
    expect($<HTMLInputElement>(after2.el, '#q-years-input')!.value).to.equal('30');
    await clickButton(before2.el, 'Back');
    expect($<HTMLInputElement>(before2.el, '#q-years-input')!.value).to.equal('12');
    expect((await store.getDraft(keyOf(after2.el)))!.answers).to.not.have.property('conf-1');
  });

  it('storage-key keeps two widgets of the same pack and timepoint apart', async () => {
    const one = await mount(everyType, {key: freshKey()});
    const two = await mount(everyType, {key: freshKey()});
    await answerTwoPages(one.el);
    expect(keyOf(one.el)).to.not.equal(keyOf(two.el));

    const two2 = await reload(two.el);
    expect(two2.ready.restored).to.equal(false);
    expect(heading(two2.el)).to.equal('Every type');
    expect(notice(two2.el)).to.equal(undefined);
    const one2 = await reload(one.el);
    expect(one2.ready.restored).to.equal(true);
    expect(heading(one2.el)).to.equal('Confidence');
  });

  describe('with a draft written days ago', () => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000).toISOString();
    const oldDraft = (key: string, days: number): Draft => ({
      key: storageKey('every-type', 'before', null, key),
      packId: 'every-type',
      packVersion: '1.2.0',
      timepoint: 'before',
      participant: null,
      responseId: uuid(),
      answers: {years: 12, 'conf-1': 2},
      page: 'section:confidence',
      startedAt: daysAgo(days),
      updatedAt: daysAgo(days),
    });

    it('restores it while it is younger than draft-days', async () => {
      const key = freshKey();
      await store.putDraft(oldDraft(key, 10));
      const {el, ready} = await mount(everyType, {key, draftDays: 30});
      expect(ready.restored).to.equal(true);
      expect(heading(el)).to.equal('Confidence');
      expect(likertValue(el, 'conf-1')).to.equal(2);
    });

    it('does not restore it, and deletes it, once it is older than draft-days', async () => {
      const key = freshKey();
      const draft = oldDraft(key, 10);
      await store.putDraft(draft);
      const {el, ready} = await mount(everyType, {key, draftDays: 7});
      expect(ready.restored).to.equal(false);
      expect(heading(el)).to.equal('Every type');
      expect(notice(el)).to.equal(undefined);
      expect(await store.getDraft(draft.key)).to.equal(undefined);
      await clickButton(el, 'Start');
      await clickButton(el, 'I agree');
      expect($<HTMLInputElement>(el, '#q-years-input')!.value).to.equal('');
    });
  });

  it('a person who declines consent leaves nothing on the device for that survey', async () => {
    const {el} = await mount(everyType, {key: freshKey()});
    const saved = savedFromNow(el);
    await clickButton(el, 'Start');
    // The consent page is where they are: that much is a draft already.
    await saved;
    expect((await store.getDraft(keyOf(el)))?.page).to.equal('consent');
    await clickButton(el, 'I do not agree');
    expect(heading(el)).to.equal('Thank you for your time');
    await clock.runAll();
    expect(await store.getDraft(keyOf(el))).to.equal(undefined);
    expect((await store.listDrafts()).filter((d) => d.key === keyOf(el))).to.deep.equal([]);
  });
});

describe('rs-survey when the browser refuses storage', () => {
  const original = RsSurvey.openStore;
  // What Firefox's private windows and some locked-down profiles do: IndexedDB.open throws.
  const refusing = {
    open() {
      throw new DOMException('IndexedDB is disabled here.', 'InvalidStateError');
    },
  } as unknown as IDBFactory;
  let endpoint: string;

  beforeEach(() => {
    RsSurvey.openStore = () => openStore({indexedDB: refusing});
    endpoint = `/__endpoint/d${uuid()}`;
  });
  afterEach(async () => {
    RsSurvey.openStore = original;
    await fetch(endpoint, {method: 'DELETE'});
  });

  it('says so, reports storage-unavailable, keeps quiet about saving, and still submits', async () => {
    const el = document.createElement('rs-survey');
    el.storageKey = freshKey();
    el.timepoint = 'before';
    el.instrument = everyType;
    el.endpoint = `${endpoint}/responses`;
    const errors: {code: string; message: string}[] = [];
    el.addEventListener('rs-error', (e) => errors.push(e.detail));
    let draftEvents = 0;
    el.addEventListener('rs-draft-saved', () => draftEvents++);
    const ready = oneEvent(el, 'rs-ready');
    await fixture(html`<div>${el}</div>`);
    await ready;
    await settle(el);

    expect(errors.map((e) => e.code)).to.deep.equal(['storage-unavailable']);
    expect(errors[0].message).to.contain('IndexedDB is disabled here.');
    expect(notice(el)).to.contain('This browser is not letting the questionnaire save');
    await expect(el).to.be.accessible();

    await clickButton(el, 'Start');
    await clickButton(el, 'I agree');
    await fillAbout(el);
    await clickButton(el, 'Next');
    await pickLikert(el, 'conf-1', 3);
    // Every autosave timer run now.
    await clock.runAll();
    // Nothing reached IndexedDB, so nothing may claim it did.
    expect(draftEvents).to.equal(0);
    expect($(el, '.saved')).to.equal(null);
    expect(notice(el)).to.contain('This browser is not letting the questionnaire save');

    await pickLikert(el, 'conf-2', 2);
    await clickButton(el, 'Next');
    await clickButton(el, 'Next');
    expect(heading(el)).to.equal('Check your answers');
    const submitted = oneEvent(el, 'rs-submitted');
    await clickButton(el, 'Submit');
    const {detail} = await submitted;
    expect(detail.status).to.equal(201);
    const log = await (await fetch(`${endpoint}/log`, {cache: 'no-store'})).json();
    expect(log.stored.map((b: {id: string}) => b.id)).to.deep.equal([detail.id]);
    expect(log.violations).to.deep.equal([]);
    await settle(el);
    expect(heading(el)).to.equal('Thank you');
    expect($(el, '[part="status"]')!.textContent).to.contain('Your answers have been sent.');
    expect(errors.map((e) => e.code)).to.deep.equal(['storage-unavailable']);
    await expect(el).to.be.accessible();
  });
});
