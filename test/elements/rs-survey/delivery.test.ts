import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {RsSurvey} from '../../../src/elements/rs-survey/rs-survey.js';
import type {Pack} from '../../../src/instrument/types.js';
import type {ResponseBody} from '../../../src/transport/body-json.js';
import {openStore, storageKey, type Store} from '../../../src/store/store.js';
import {uuid} from '../../../src/store/uuid.js';
import {until} from '../../store/helpers.js';
import {LiveClock} from '../../support/clock.js';
import {realClock} from '../../../src/internal/clock.js';
import {
  clientAttempts,
  pageFetch,
  TestEndpoint,
  type EndpointLog,
} from '../../transport/helpers.js';
import {
  $,
  $$,
  captureDownload,
  clickButton,
  freshKey,
  heading,
  mountSurvey,
  reloadSurvey,
  settle,
  type Mounted,
} from '../../support/survey.js';

// Unique per run, so a match can only come from what this run typed. No character twice in a
// row: WebKitGTK's WebDriver drops the second of two equal keys typed one after the other.
const SECRET = `PRIVATE-${uuid().replace(/(.)\1+/g, '$1')}`;
const ROLE = 'Ward sister';

/** Two pages: a shared text and Likert item, then a reflection that is private by default. */
const pack: Pack = {
  id: 'delivery-test',
  version: '1.0.0',
  title: 'Delivery test',
  timepoints: [{id: 'before', label: 'Before'}],
  scales: {
    agree: {
      points: [
        {value: 1, label: 'Disagree'},
        {value: 2, label: 'Neutral'},
        {value: 3, label: 'Agree'},
      ],
    },
  },
  sections: [
    {
      id: 'work',
      title: 'Your work',
      items: [
        {id: 'role', type: 'text', text: 'Your role', required: true},
        {id: 'conf', type: 'likert', scale: 'agree', text: 'I can cope.'},
      ],
    },
    {
      id: 'reflect',
      title: 'Reflection',
      items: [
        {
          id: 'event',
          type: 'reflection',
          text: 'Think of an event',
          steps: [{id: 'what', prompt: 'What happened?'}],
        },
      ],
    },
  ],
};

interface Survey extends Mounted {
  /** Every request the element made: where and with what body. */
  requests: {url: string; body: string}[];
}

let endpoint: TestEndpoint;

/** A survey delivering to this test's bucket (or to `endpointUrl`, or nowhere: `null`). */
async function mount({
  endpointUrl = endpoint.url as string | null,
  key = freshKey(),
  format,
}: {endpointUrl?: string | null; key?: string; format?: RsSurvey['format']} = {}): Promise<Survey> {
  const requests: Survey['requests'] = [];
  // The page's fetch, each call tagged so the endpoint tells the browser's own resends apart.
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    requests.push({url, body: typeof init?.body === 'string' ? init.body : ''});
    return pageFetch(input, init);
  };
  return {...(await mountSurvey(pack, {endpoint: endpointUrl, key, format, fetch})), requests};
}

/** The page goes and comes back: a new element with the same pack and storage key. */
async function reload(old: Survey): Promise<Survey> {
  const requests: Survey['requests'] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    requests.push({url, body: typeof init?.body === 'string' ? init.body : ''});
    return pageFetch(input, init);
  };
  return {...(await reloadSurvey(old, pack, {fetch})), requests};
}

/** Answers both pages (the reflection typed with the keyboard) and stops at the review. */
async function answer(el: RsSurvey) {
  await clickButton(el, 'Start');
  const role = $<HTMLInputElement>(el, '#q-role-input')!;
  role.value = ROLE;
  role.dispatchEvent(new Event('input'));
  await el.updateComplete;
  await clickButton(el, 'Next');
  expect(heading(el)).to.equal('Reflection');
  $<HTMLTextAreaElement>(el, 'fieldset.reflection textarea')!.focus();
  await sendKeys({type: SECRET});
  await el.updateComplete;
  await clickButton(el, 'Next');
  expect(heading(el)).to.equal('Check your answers');
}

const status = (el: RsSurvey) => $(el, '[part="status"]')?.textContent?.trim();
const buttons = (el: RsSurvey) => $$(el, 'button').map((b) => b.textContent!.trim());
const types = (s: Survey) => s.events.map((e) => e.type).filter((t) => t !== 'rs-ready');

/** Sent attempts, stored, duplicated and lost, for the responses `ids`, printed and returned. */
function counts(name: string, log: EndpointLog, ids: string[]) {
  const stored = log.stored.filter((b) => ids.includes(b.id));
  const result = {
    sent: clientAttempts(log).length,
    stored: stored.length,
    duplicated: log.duplicates + stored.length - new Set(stored.map((b) => b.id)).size,
    lost: ids.filter((id) => !stored.some((b) => b.id === id)).length,
  };
  console.log(`${name}: ${JSON.stringify(result)}`);
  return result;
}

let store: Store;
const original = RsSurvey.deliveryOptions;

before(async () => {
  store = (await openStore()).store;
  // Retries after tens of milliseconds instead of seconds; Retry-After still holds.
  RsSurvey.deliveryOptions = {backoff: {baseMs: 20, capMs: 50}};
});
after(() => {
  RsSurvey.deliveryOptions = original;
  store.close();
});
/** Timers of this test's surveys: `runAll()` proves what did not happen, without sleeping. */
let clock: LiveClock;
beforeEach(() => {
  endpoint = new TestEndpoint();
  RsSurvey.clock = clock = new LiveClock();
});
afterEach(async () => {
  RsSurvey.clock = realClock;
  // Nothing of this test is left in the page's outbox for the next one to send.
  for (const record of await store.listOutbox()) {
    if (record.url.includes(endpoint.bucket)) await store.deleteOutbox(record.id);
  }
  await endpoint.reset();
});

describe('rs-survey delivery', () => {
  it('submits one valid response with its id as Idempotency-Key: rs-submit, rs-queued, rs-submitted', async () => {
    const s = await mount();
    await answer(s.el);
    const submitted = oneEvent(s.el, 'rs-submitted');
    await clickButton(s.el, 'Submit');
    const {detail} = await submitted;

    const log = await endpoint.log();
    expect(log.stored).to.have.length(1);
    const body = log.stored[0];
    expect(detail).to.deep.equal({id: body.id, status: 201});
    expect(log.attempts.map((a) => a.key)).to.deep.equal([body.id]);
    expect(log.attempts[0].contentType).to.match(/^application\/json/);
    expect(log.violations).to.deep.equal([]);
    expect(body).to.include({schema: 'resilience-survey/response@1', timepoint: 'before'});
    expect(body.instrument).to.deep.equal({id: 'delivery-test', version: '1.0.0'});
    expect(body.answers).to.deep.equal({role: ROLE});

    expect(types(s)).to.deep.equal(['rs-submit', 'rs-queued', 'rs-submitted']);
    const [submit, queued] = s.events.filter((e) => e.type !== 'rs-ready');
    expect((submit.detail as {response: {id: string}}).response.id).to.equal(body.id);
    expect(queued.detail).to.deep.equal({id: body.id});
    expect(await store.getOutbox(body.id)).to.equal(undefined);
  });

  it('takes an endpoint handed in as a URL object as its address', async () => {
    const s = await mount({endpointUrl: null});
    s.el.endpoint = new URL(endpoint.url as string, location.href) as unknown as string;
    await answer(s.el);
    const submitted = oneEvent(s.el, 'rs-submitted');
    await clickButton(s.el, 'Submit');
    expect((await submitted).detail.status).to.equal(201);
    expect((await endpoint.log()).stored).to.have.length(1);
    expect(s.errors).to.deep.equal([]);
  });

  it('sends the page headers and credentials, and keeps no header value on the device', async () => {
    await endpoint.script([{status: 503}]);
    const s = await mount();
    s.el.headers = {'X-CSRF-Token': 'token-from-the-page'};
    s.el.credentials = 'include';
    await answer(s.el);
    const queued = oneEvent(s.el, 'rs-queued');
    // Listened for from the start: the retry after the 503 may deliver at any moment.
    const submitted = oneEvent(s.el, 'rs-submitted');
    await clickButton(s.el, 'Submit');
    const {id} = (await queued).detail;
    // The record as stored, read before a retry can deliver and remove it.
    const record = await store.getOutbox(id);
    expect(record?.id).to.equal(id);
    expect(JSON.stringify(record)).to.not.contain('token-from-the-page');
    expect(await until(async () => clientAttempts(await endpoint.log()).length >= 1)).to.equal(
      true,
    );
    await s.el.flush();
    await submitted;
    const attempts = clientAttempts(await endpoint.log());
    expect(attempts.map((a) => a.headers['x-csrf-token'])).to.deep.equal([
      'token-from-the-page',
      'token-from-the-page',
    ]);
  });

  it('a double click on Submit and two submit() calls make one response', async () => {
    const s = await mount();
    await answer(s.el);
    const submitted = oneEvent(s.el, 'rs-submitted');
    const button = $$<HTMLButtonElement>(s.el, 'button').find(
      (b) => b.textContent!.trim() === 'Submit',
    )!;
    button.click();
    button.click();
    await Promise.all([s.el.submit(), s.el.submit()]);
    await submitted;
    await s.el.flush();
    // Every retry there could be, run now: what has not been sent will not be.
    await clock.runAll();

    const log = await endpoint.log();
    const c = counts(
      'double submit',
      log,
      log.stored.map((b) => b.id),
    );
    expect(c).to.deep.equal({sent: 1, stored: 1, duplicated: 0, lost: 0});
    expect(types(s)).to.deep.equal(['rs-submit', 'rs-queued', 'rs-submitted']);
  });

  it('a cancelled rs-submit sends nothing and keeps the draft; a later submit sends it once', async () => {
    const s = await mount();
    await answer(s.el);
    s.el.addEventListener('rs-submit', (e) => e.preventDefault(), {once: true});
    await clickButton(s.el, 'Submit');
    // Every timer there is (autosave, delivery), run now: nothing was sent.
    await clock.runAll();
    await settle(s.el);
    expect(heading(s.el)).to.equal('Check your answers');
    expect(s.requests).to.deep.equal([]);
    expect((await endpoint.log()).attempts).to.deep.equal([]);
    expect(types(s)).to.deep.equal(['rs-submit']);

    const again = await reload(s);
    expect(again.events[0].detail).to.have.property('restored', true);
    expect(heading(again.el)).to.equal('Check your answers');
    expect(again.el.shadowRoot!.textContent).to.contain(ROLE);

    // The page let it go this time: it is sent, once.
    const submitted = oneEvent(again.el, 'rs-submitted');
    await clickButton(again.el, 'Submit');
    await submitted;
    const log = await endpoint.log();
    expect(log.stored).to.have.length(1);
    expect(log.stored[0].answers).to.deep.equal({role: ROLE});
  });

  it('after cancelling rs-submit, the same widget can still submit, and edits are still saved', async () => {
    const s = await mount();
    await answer(s.el);
    s.el.addEventListener('rs-submit', (e) => e.preventDefault(), {once: true});
    await s.el.submit();
    expect(types(s)).to.deep.equal(['rs-submit']);

    // The person changes an answer after the page said "not yet": it is saved as a draft.
    await clickButton(s.el, 'Change');
    const role = $<HTMLInputElement>(s.el, '#q-role-input')!;
    role.value = 'Midwife';
    role.dispatchEvent(new Event('input'));
    const key = storageKey('delivery-test', 'before', null, s.el.storageKey);
    expect(
      await until(async () => (await store.getDraft(key))?.answers.role === 'Midwife'),
    ).to.equal(true);

    const submitted = oneEvent(s.el, 'rs-submitted');
    await s.el.submit();
    await submitted;
    expect(types(s)).to.deep.equal(['rs-submit', 'rs-submit', 'rs-queued', 'rs-submitted']);
    expect((await endpoint.log()).stored.map((b) => b.answers)).to.deep.equal([{role: 'Midwife'}]);
  });

  it('503, 503, 429 with Retry-After, a dropped connection: delivered, stored once', async () => {
    await endpoint.script([
      {status: 503},
      {status: 503},
      {status: 429, retryAfter: 1},
      {drop: true},
    ]);
    const s = await mount();
    await answer(s.el);
    const submitted = oneEvent(s.el, 'rs-submitted');
    await clickButton(s.el, 'Submit');
    expect(await until(() => heading(s.el) === 'Thank you')).to.equal(true);
    // Flushing while retries wait on their timer adds no attempt of its own.
    await Promise.all([s.el.flush(), s.el.flush(), s.el.flush()]);
    const {detail} = await submitted;
    await s.el.flush();

    const log = await endpoint.log();
    const attempts = clientAttempts(log);
    expect(attempts.map((a) => a.status)).to.deep.equal([503, 503, 429, 'drop', 201]);
    expect(new Set(log.attempts.map((a) => a.key))).to.deep.equal(new Set([detail.id]));
    // Retry-After: 1 is honoured although the backoff alone would retry within 50 ms.
    const wait = (attempts[3] as {at?: number}).at! - (attempts[2] as {at?: number}).at!;
    expect(wait).to.be.at.least(950);
    const c = counts('503, 503, 429, drop', log, [detail.id]);
    expect(c).to.deep.equal({sent: 5, stored: 1, duplicated: 0, lost: 0});
    expect(detail.status).to.equal(201);
    expect(s.errors).to.deep.equal([]);
    expect(status(s.el)).to.equal('Your answers have been sent.');
    expect(await store.getOutbox(detail.id)).to.equal(undefined);
  });

  it('two flushers racing (two widgets, many flushes) deliver once', async () => {
    await endpoint.script([{delay: 300}]);
    const a = await mount();
    const b = await mount();
    await answer(a.el);
    const submitted = oneEvent(a.el, 'rs-submitted');
    await clickButton(a.el, 'Submit');
    await Promise.all([a.el.flush(), b.el.flush(), a.el.flush(), b.el.flush(), b.el.flush()]);
    const {detail} = await submitted;
    await Promise.all([a.el.flush(), b.el.flush()]);
    await clock.runAll();

    const log = await endpoint.log();
    const c = counts('racing flushers', log, [detail.id]);
    expect(c).to.deep.equal({sent: 1, stored: 1, duplicated: 0, lost: 0});
    expect(types(a).filter((t) => t === 'rs-submitted')).to.have.length(1);
    expect(b.requests.length + a.requests.length).to.equal(1);
  });

  it('a 400 is reported as delivery-rejected with the server’s message and kept, not retried', async () => {
    await endpoint.script([{status: 400, message: 'Unknown timepoint for this study'}]);
    const s = await mount();
    await answer(s.el);
    const error = oneEvent(s.el, 'rs-error');
    await clickButton(s.el, 'Submit');
    const {detail} = await error;
    expect(detail).to.deep.equal({
      code: 'delivery-rejected',
      message: 'Unknown timepoint for this study',
    });
    await settle(s.el);
    expect(heading(s.el)).to.equal('Thank you');
    expect(status(s.el))
      .to.contain('did not accept')
      .and.contain('Unknown timepoint for this study');
    expect(buttons(s.el)).to.include.members([
      'Download my answers (JSON)',
      'Download my answers (CSV)',
    ]);
    await expect(s.el).to.be.accessible();

    const id = (s.events[1].detail as {response: {id: string}}).response.id;
    expect((await store.getOutbox(id))?.status).to.equal('rejected');
    // "Delete everything" says that responses never sent would go too, and how many.
    const waiting = (await store.listOutbox()).length + (await store.listLocal()).length;
    await clickButton(s.el, 'Delete everything');
    const warning =
      waiting === 1
        ? '1 finished response has not been sent yet'
        : `${waiting} finished responses have not been sent yet`;
    await waitUntil(
      () => $(s.el, '#confirm-text')?.textContent?.includes(warning),
      `no "${warning}" in the confirmation`,
    );
    await clickButton(s.el, 'Cancel');
    await s.el.flush();
    // Every retry there could be, run now: what has not been sent will not be.
    await clock.runAll();
    const log = await endpoint.log();
    const c = counts('400 rejected', log, [id]);
    expect(c).to.deep.equal({sent: 1, stored: 0, duplicated: 0, lost: 1});
    expect(types(s)).to.deep.equal(['rs-submit', 'rs-queued', 'rs-error']);
  });

  it('a response survives a reload while it waits, and is delivered once after it', async () => {
    // Deterministic: the retry after the 503 is due 400 ms later, after the reload.
    RsSurvey.deliveryOptions = {backoff: {baseMs: 401, capMs: 401}, random: () => 0.999};
    let s: Survey;
    try {
      await endpoint.script([{status: 503}]);
      s = await mount();
    } finally {
      RsSurvey.deliveryOptions = {backoff: {baseMs: 20, capMs: 50}};
    }
    await answer(s.el);
    const queued = oneEvent(s.el, 'rs-queued');
    await clickButton(s.el, 'Submit');
    const {id} = (await queued).detail;
    expect(await until(async () => clientAttempts(await endpoint.log()).length === 1)).to.equal(
      true,
    );

    const again = await reload(s);
    // The thank-you page, with the response waiting on the device.
    expect(heading(again.el)).to.equal('Thank you');
    expect((await store.getOutbox(id))?.status).to.equal('pending');
    const submitted = oneEvent(again.el, 'rs-submitted');
    await again.el.flush();
    expect((await submitted).detail).to.deep.equal({id, status: 201});
    await settle(again.el);
    expect(status(again.el)).to.equal('Your answers have been sent.');
    await again.el.flush();

    const log = await endpoint.log();
    expect(clientAttempts(log).map((a) => a.status)).to.deep.equal([503, 201]);
    const c = counts('reload while queued', log, [id]);
    expect(c).to.deep.equal({sent: 2, stored: 1, duplicated: 0, lost: 0});
    expect(types(s).filter((t) => t === 'rs-submitted')).to.deep.equal([]);
  });

  it('a private reflection never appears in any request', async () => {
    const s = await mount();
    await answer(s.el);
    // It was typed, and it is shown to the person on the review page.
    expect(s.el.shadowRoot!.textContent).to.contain(SECRET);
    await endpoint.script([{status: 503}]);
    const submitted = oneEvent(s.el, 'rs-submitted');
    await clickButton(s.el, 'Submit');
    await submitted;

    const log = await endpoint.log();
    expect(log.attempts.length).to.be.at.least(2);
    expect(s.requests.length).to.equal(clientAttempts(log).length);
    for (const text of [...log.attempts.map((a) => a.body), ...s.requests.map((r) => r.body)]) {
      // The shared answer is there, so these are the bodies that carry answers.
      expect(text).to.contain(ROLE);
      expect(text).to.not.contain(SECRET);
    }
    expect(JSON.stringify(log)).to.not.contain(SECRET);
    expect(log.stored[0].answers).to.deep.equal({role: ROLE});
  });

  it('tells the page of an endpoint it may not send to once the first questions show, once', async () => {
    const s = await mount({endpointUrl: 'http://evil.example.org/x'});
    // Checked with delivery, whose code loads once the first questions show.
    await clickButton(s.el, 'Start');
    expect(await until(() => s.errors.length > 0)).to.equal(true);
    expect(s.errors.map((e) => e.code)).to.deep.equal(['endpoint-invalid']);
    expect(s.errors[0].message).to.contain('https: only');
    await s.el.flush();
    expect(s.errors.length).to.equal(1);
  });

  it('checks endpoint and format again when the page changes them after the code loaded', async () => {
    const s = await mount();
    await s.el.flush();
    expect(s.errors).to.deep.equal([]);
    s.el.endpoint = 'http://evil.example.org/x';
    await s.el.updateComplete;
    expect(s.errors.map((e) => e.code)).to.deep.equal(['endpoint-invalid']);
    s.el.format = 'csv' as RsSurvey['format'];
    await s.el.updateComplete;
    expect(s.errors.map((e) => e.code)).to.deep.equal(['endpoint-invalid', 'format-unknown']);
  });

  it('an endpoint of white space is local mode: stored, and the download is offered', async () => {
    const s = await mount({endpointUrl: '   '});
    await answer(s.el);
    const submitted = oneEvent(s.el, 'rs-submitted');
    await clickButton(s.el, 'Submit');
    expect((await submitted).detail.status).to.equal('stored');
    expect(await until(() => heading(s.el) === 'Thank you')).to.equal(true);
    expect(s.requests).to.deep.equal([]);
    expect(buttons(s.el)).to.include.members([
      'Download my answers (JSON)',
      'Download my answers (CSV)',
    ]);
  });

  it('local mode: a page calling submit() from rs-submit gets one rs-submitted', async () => {
    const s = await mount({endpointUrl: null});
    await answer(s.el);
    s.el.addEventListener('rs-submit', () => void s.el.submit());
    await clickButton(s.el, 'Submit');
    await s.el.submit();
    expect(heading(s.el)).to.equal('Thank you');
    expect(types(s)).to.deep.equal(['rs-submit', 'rs-submitted']);
  });

  it('an endpoint it may not send to: endpoint-invalid, nothing sent, kept for download', async () => {
    const s = await mount({endpointUrl: 'http://evil.example.org/x'});
    await answer(s.el);
    const submitting = oneEvent(s.el, 'rs-submit');
    await clickButton(s.el, 'Submit');
    const detail = (await submitting).detail.response;
    expect(await until(() => heading(s.el) === 'Thank you')).to.equal(true);
    expect(s.errors.map((e) => e.code)).to.deep.equal(['endpoint-invalid']);
    expect(s.errors[0].message).to.be.a('string').and.not.equal('');
    // Not delivered, so not "submitted": the page hears endpoint-invalid instead.
    expect(types(s)).to.not.include('rs-submitted');
    expect(s.requests).to.deep.equal([]);
    expect((await store.listOutbox()).filter((r) => r.id === detail.id)).to.deep.equal([]);
    expect((await store.listLocal()).map((r) => r.id)).to.include(detail.id);
    await store.deleteLocal(detail.id);

    expect(heading(s.el)).to.equal('Thank you');
    expect(status(s.el)).to.contain('nothing will be sent');
    expect(buttons(s.el)).to.include.members([
      'Download my answers (JSON)',
      'Download my answers (CSV)',
    ]);
    await expect(s.el).to.be.accessible();
  });

  it('local mode (no endpoint): rs-submitted "stored" and JSON and CSV downloads', async () => {
    const s = await mount({endpointUrl: null});
    await answer(s.el);
    const submitted = oneEvent(s.el, 'rs-submitted');
    await clickButton(s.el, 'Submit');
    const {detail} = await submitted;
    expect(await until(() => heading(s.el) === 'Thank you')).to.equal(true);
    expect(detail.status).to.equal('stored');
    expect(types(s)).to.deep.equal(['rs-submit', 'rs-submitted']);
    expect(s.requests).to.deep.equal([]);
    const kept = (await store.listLocal()).find((r) => r.id === detail.id)!;
    expect(JSON.parse(kept.body).answers).to.deep.equal({role: ROLE});
    expect(kept.body).to.not.contain(SECRET);
    await store.deleteLocal(detail.id);

    expect(status(s.el)).to.equal(
      'Your answers are kept on this device only. Download a copy if the research team asks for one.',
    );
    expect(buttons(s.el)).to.include.members([
      'Download my answers (JSON)',
      'Download my answers (CSV)',
    ]);
    await expect(s.el).to.be.accessible();
  });

  it('after a reload, the thank-you page still downloads the response (local mode, FHIR body)', async () => {
    const s = await mount({endpointUrl: null, format: 'fhir'});
    await answer(s.el);
    const submitted = oneEvent(s.el, 'rs-submitted');
    await clickButton(s.el, 'Submit');
    const {detail} = await submitted;
    // The draft is marked submitted once the thank-you page shows.
    await waitUntil(() => heading(s.el) === 'Thank you', 'no thank-you page');
    const again = await reload(s);
    expect(heading(again.el)).to.equal('Thank you');
    const {name, blob} = await captureDownload(() =>
      clickButton(again.el, 'Download my answers (JSON)'),
    );
    expect(name).to.match(/\.json$/);
    const saved = JSON.parse(await blob.text()) as ResponseBody;
    expect(saved.id).to.equal(detail.id);
    expect(saved.instrument.id).to.equal(pack.id);
    expect(saved.answers).to.deep.equal({role: ROLE});
    await store.deleteLocal(detail.id);
  });

  it('shows sending, then sent, and announces the outcome once in a live region', async () => {
    await endpoint.script([{delay: 800}]);
    const s = await mount();
    await answer(s.el);
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      const text = status(s.el);
      if (text && seen.at(-1) !== text) seen.push(text);
    });
    observer.observe(s.el.shadowRoot!, {subtree: true, childList: true, characterData: true});
    const submitted = oneEvent(s.el, 'rs-submitted');
    await clickButton(s.el, 'Submit');
    // The thank-you page comes once the response is safe in the outbox, while it is sent.
    expect(await until(() => heading(s.el) === 'Thank you')).to.equal(true);
    const live = () => $(s.el, '[role="status"]:not(.notice)')!;
    expect(status(s.el)).to.equal('Sending your answers…');
    // Nothing is said while it is merely under way (retries would make it chatter).
    expect(live().textContent!.trim()).to.equal('');
    const region = live();
    await expect(s.el).to.be.accessible();
    await submitted;
    await settle(s.el);
    observer.disconnect();
    expect(seen.slice(-2)).to.deep.equal(['Sending your answers…', 'Your answers have been sent.']);
    // The same live element, its text changed: a screen reader hears the outcome.
    expect(live()).to.equal(region);
    expect(region.textContent!.trim()).to.equal('Your answers have been sent.');
    await expect(s.el).to.be.accessible();
  });
});
