import {expect} from '@open-wc/testing';
import {DraftController, type RemoteChangeInfo} from '../../src/store/draft-controller.js';
import {MemoryStore} from '../../src/store/memory.js';
import {openStore, storageKey, type Store} from '../../src/store/store.js';
import type {Draft} from '../../src/store/types.js';
import type {Answers} from '../../src/instrument/types.js';
import {FakeClock} from '../support/clock.js';
import {dropDatabase, failWritesWithQuota, FakeHost, freshStore, sleep, until} from './helpers.js';

const init = (participant: string | null = null) => ({
  key: storageKey('coping-with-error', 'baseline', participant),
  packId: 'coping-with-error',
  packVersion: '1.0.0',
  timepoint: 'baseline',
  participant,
});

/** Counts draft writes on the way to the real store. */
function counting(store: Store): {store: Store; puts: () => number} {
  let puts = 0;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'putDraft') {
        return (d: Draft) => {
          puts++;
          return target.putDraft(d);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {store: proxy, puts: () => puts};
}

describe('DraftController', () => {
  let name: string;
  let store: Store;
  let hosts: FakeHost[];
  const controller = (options: ConstructorParameters<typeof DraftController>[1] = {}) => {
    const host = new FakeHost();
    hosts.push(host);
    const c = new DraftController(host, options);
    host.connect();
    return c;
  };

  beforeEach(async () => {
    ({store, name} = await freshStore());
    hosts = [];
  });
  afterEach(async () => {
    for (const host of hosts) host.disconnect();
    await sleep(0);
    store.close();
    await dropDatabase(name);
  });

  it('starts a draft with a fixed response id and restores it later', async () => {
    const first = controller({debounceMs: 10});
    const {draft, restored} = await first.open(store, init());
    expect(restored).to.equal(false);
    expect(draft.responseId).to.match(/^[0-9a-f-]{36}$/);
    first.set({'conf-1': 4}, 'confidence');
    await first.flushNow();

    const second = controller();
    const again = await second.open(store, init());
    expect(again.restored).to.equal(true);
    expect(again.draft.responseId).to.equal(draft.responseId);
    expect(again.draft.answers).to.deep.equal({'conf-1': 4});
    expect(again.draft.page).to.equal('confidence');
  });

  it('tells the host of a write through onSaved, without asking it to render again', async () => {
    const saved: string[] = [];
    const c = controller({onSaved: (at) => saved.push(at)});
    await c.open(store, init());
    const host = hosts[0];
    const before = host.updates;
    c.set({'conf-1': 4}, 'confidence');
    await c.flushNow();
    expect(saved).to.have.length(1);
    // Typing saves at every pause: the survey re-renders only if its saved line changes.
    expect(host.updates).to.equal(before);
  });

  it('keeps changes made before open() and writes them once the draft is open', async () => {
    const clock = new FakeClock();
    const c = controller({debounceMs: 20, clock});
    c.set({'conf-1': 2}, 'confidence');
    // Every timer run: with no draft open, nothing is written.
    await clock.runAll();
    expect(await store.getDraft(init().key)).to.equal(undefined);
    await c.open(store, init());
    await clock.runAll();
    expect((await store.getDraft(init().key))!.answers).to.deep.equal({'conf-1': 2});
  });

  it('coalesces many changes while typing into few writes, keeping the last', async () => {
    const saved: string[] = [];
    const {store: counted, puts} = counting(store);
    const clock = new FakeClock();
    const c = controller({debounceMs: 50, maxWaitMs: 5000, onSaved: (at) => saved.push(at), clock});
    await c.open(counted, init());
    let text = '';
    for (let i = 0; i < 200; i++) {
      text += 'x';
      c.set({'eval-free': text}, 'evaluation');
    }
    expect(puts()).to.equal(0);
    expect(c.hasUnsavedEdits).to.equal(true);
    // The write is announced once it has landed; with every timer run, nothing follows it.
    await clock.runAll();
    expect(puts()).to.equal(1);
    expect(saved).to.have.length(1);
    expect((await store.getDraft(init().key))!.answers['eval-free']).to.have.length(200);
    expect(c.hasUnsavedEdits).to.equal(false);
  });

  it('writes at least every maxWaitMs while typing never pauses', async () => {
    const {store: counted, puts} = counting(store);
    const clock = new FakeClock();
    const c = controller({debounceMs: 100, maxWaitMs: 150, clock});
    await c.open(counted, init());
    // A keystroke every 20 ms for 700 ms: the pause never comes, maxWait writes at 150, 310,
    // 470 and 630 ms (each write re-arms it at the next keystroke).
    let n = 0;
    for (let t = 0; t < 700; t += 20) {
      c.set({'eval-free': String(++n)}, 'evaluation');
      await clock.tick(20);
    }
    const during = puts();
    await c.flushNow();
    expect(during).to.equal(4);
    expect((await store.getDraft(init().key))!.answers['eval-free']).to.equal(String(n));
  });

  it('set() is cheap: no copying or serialising per keystroke', async () => {
    const c = controller({debounceMs: 1000});
    await c.open(new MemoryStore(), init());
    const answers: {[key: string]: string} = {};
    for (let i = 0; i < 300; i++) answers[`item-${i}`] = 'y'.repeat(2000);
    const started = performance.now();
    for (let i = 0; i < 20000; i++) c.set(answers as Answers, 'p');
    const took = performance.now() - started;
    console.log(`20000 set() calls with a 600 kB draft: ${took.toFixed(1)} ms`);
    expect(took).to.be.below(250);
  });

  it('writes at once on pagehide, without waiting for the pause', async () => {
    const c = controller({debounceMs: 60_000, maxWaitMs: 60_000});
    await c.open(store, init());
    c.set({'conf-1': 2}, 'confidence');
    dispatchEvent(new Event('pagehide'));
    expect(
      await until(async () => (await store.getDraft(init().key)) !== undefined, 1000),
    ).to.equal(true);
    // A second connection (the next page load) sees it.
    const reopened = await openStore({name});
    expect((await reopened.store.getDraft(init().key))!.answers).to.deep.equal({'conf-1': 2});
    reopened.store.close();
  });

  it('writes at once when the page is hidden', async () => {
    const c = controller({debounceMs: 60_000, maxWaitMs: 60_000});
    await c.open(store, init());
    c.set({'conf-1': 5}, 'confidence');
    Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      delete (document as {visibilityState?: unknown}).visibilityState;
    }
    expect(
      await until(async () => (await store.getDraft(init().key)) !== undefined, 1000),
    ).to.equal(true);
  });

  it('stops listening once the host disconnects, after writing what waits', async () => {
    const {store: counted, puts} = counting(store);
    const clock = new FakeClock();
    const c = controller({debounceMs: 60_000, maxWaitMs: 60_000, clock});
    await c.open(counted, init());
    c.set({'conf-1': 1}, 'confidence');
    hosts[0].disconnect();
    await until(() => puts() === 1);
    c.set({'conf-1': 2}, 'confidence');
    dispatchEvent(new Event('pagehide'));
    // A flush would have cleared the pause's timers at once: both still wait.
    expect(clock.pending).to.equal(2);
    expect(puts()).to.equal(1);
    hosts.splice(0);
  });

  it('a survey mounted again reads its draft after the old one’s last writes, not before', async () => {
    // The first write is slow (a busy disk): the last one waits behind it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let puts = 0;
    const slow = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'putDraft') {
          return async (d: Draft) => {
            if (puts++ === 0) await gate;
            return target.putDraft(d);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const old = controller({debounceMs: 60_000, maxWaitMs: 60_000, clock: new FakeClock()});
    await old.open(slow, init());
    old.set({'conf-1': 1}, 'confidence');
    void old.flushNow();
    old.set({'conf-1': 2}, 'knowledge');
    hosts[0].disconnect();
    const again = controller().open(store, init());
    release();
    const {draft} = await again;
    expect(draft.answers).to.deep.equal({'conf-1': 2});
    expect(draft.page).to.equal('knowledge');
  });

  it('a submitted draft is not restored; discard() deletes and starts afresh', async () => {
    const c = controller();
    const {draft} = await c.open(store, init());
    c.set({'conf-1': 3}, 'review');
    await c.markSubmitted();
    expect((await store.getDraft(init().key))!.submitted).to.equal(true);

    const next = controller();
    const reopened = await next.open(store, init());
    expect(reopened.restored).to.equal(false);
    expect(reopened.draft.responseId).to.not.equal(draft.responseId);

    next.set({'conf-1': 1}, 'confidence');
    await next.flushNow();
    const fresh = await next.discard();
    expect(await store.getDraft(init().key)).to.equal(undefined);
    expect(fresh!.answers).to.deep.equal({});
    expect(fresh!.responseId).to.not.equal(reopened.draft.responseId);
  });

  it('reports a storage failure and keeps the draft in memory', async () => {
    const errors: string[] = [];
    const c = controller({debounceMs: 10, onError: (e) => errors.push(e.code)});
    await c.open(store, init());
    const restore = failWritesWithQuota();
    try {
      c.set({'conf-1': 4}, 'confidence');
      await c.flushNow();
    } finally {
      restore();
    }
    expect(errors).to.deep.equal(['storage-unavailable']);
    expect(store.persistent).to.equal(false);
    expect((await store.getDraft(init().key))!.answers).to.deep.equal({'conf-1': 4});
  });

  describe('across tabs (BroadcastChannel)', () => {
    before(function () {
      if (typeof BroadcastChannel === 'undefined') this.skip();
    });

    type Change = {draft: Draft | null; info: RemoteChangeInfo};
    const tab = (id: string, changes: Change[]) =>
      controller({
        tabId: id,
        debounceMs: 60_000,
        maxWaitMs: 60_000,
        onRemoteChange: (draft, info) => changes.push({draft, info}),
      });

    it('a tab without unsaved edits takes the other tab’s newer draft', async () => {
      const seenByB: Change[] = [];
      const a = tab('tab-a', []);
      const b = tab('tab-b', seenByB);
      const {draft: draftA} = await a.open(store, init());
      await b.open(store, init());
      a.set({'conf-1': 4}, 'confidence');
      await a.flushNow();
      expect(await until(() => seenByB.length === 1)).to.equal(true);
      expect(seenByB[0].info).to.deep.equal({localEdits: false, tabId: 'tab-a'});
      expect(seenByB[0].draft!.answers).to.deep.equal({'conf-1': 4});
      expect(b.draft!.answers).to.deep.equal({'conf-1': 4});
      expect(b.draft!.responseId).to.equal(draftA.responseId);
    });

    it('a tab with unsaved edits keeps them, is told, and its later write wins', async () => {
      const seenByA: Change[] = [];
      const seenByB: Change[] = [];
      const a = tab('tab-a', seenByA);
      const b = tab('tab-b', seenByB);
      await a.open(store, init());
      await b.open(store, init());
      b.set({'conf-1': 1}, 'confidence');
      a.set({'conf-1': 5}, 'confidence');
      await a.flushNow();
      expect(await until(() => seenByB.length === 1)).to.equal(true);
      expect(seenByB[0].info.localEdits).to.equal(true);
      // Both now submit under one response id.
      expect(b.draft!.responseId).to.equal(a.draft!.responseId);
      await b.flushNow();
      expect((await store.getDraft(init().key))!.answers).to.deep.equal({'conf-1': 1});
      expect(await until(() => seenByA.length === 1)).to.equal(true);
      expect(seenByA[0].info.localEdits).to.equal(false);
      expect(a.draft!.answers).to.deep.equal({'conf-1': 1});
    });

    it('hears a deletion, ignores other keys and its own writes', async () => {
      const seenByA: Change[] = [];
      const seenByB: Change[] = [];
      const seenByC: Change[] = [];
      const a = tab('tab-a', seenByA);
      const b = tab('tab-b', seenByB);
      const c = tab('tab-c', seenByC);
      const d = tab('tab-d', []);
      await a.open(store, init());
      await b.open(store, init());
      await c.open(store, init('M-07-J'));
      await d.open(store, init('M-07-J'));
      a.set({'conf-1': 2}, 'confidence');
      await a.flushNow();
      await a.discard();
      expect(await until(() => seenByB.length === 2)).to.equal(true);
      expect(seenByB[1].draft).to.equal(null);
      expect(b.draft!.answers).to.deep.equal({});
      // Absence, shown by a later message rather than a wait: messages on one channel arrive
      // in order, so once C hears D's write (C's key) and A hears B's, whatever C or A would
      // have heard of A's writes has arrived.
      d.set({'conf-1': 3}, 'confidence');
      await d.flushNow();
      b.set({'conf-1': 1}, 'confidence');
      await b.flushNow();
      expect(await until(() => seenByC.length >= 1 && seenByA.length >= 1)).to.equal(true);
      expect(seenByC.map((x) => x.info.tabId)).to.deep.equal(['tab-d']);
      expect(seenByA.map((x) => x.info.tabId)).to.deep.equal(['tab-b']);
    });
  });
});
