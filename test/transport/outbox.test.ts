import {expect} from '@open-wc/testing';
import {openStore, type Store} from '../../src/store/store.js';
import type {OutboxRecord} from '../../src/store/types.js';
import {uuid} from '../../src/store/uuid.js';
import {buildJsonBody} from '../../src/transport/body-json.js';
import {
  enqueue,
  flushOutbox,
  pageLock,
  requeue,
  type FlushOptions,
  type Lock,
} from '../../src/transport/outbox.js';
import type {SendResult} from '../../src/transport/send.js';
import {dropDatabase, freshStore} from '../store/helpers.js';
import {allAnswers, clientAttempts, pack, pageFetch, SECRET, TestEndpoint} from './helpers.js';

const noLock: Lock = (_name, task) => task();

function response(id: string) {
  return JSON.stringify(
    buildJsonBody({
      id,
      pack,
      timepoint: 'baseline',
      participant: 'M-07-J',
      locale: 'en',
      startedAt: '2026-11-27T09:00:00.000Z',
      submittedAt: new Date().toISOString(),
      answers: allAnswers,
      scores: {confidence: {value: 4, answered: 1, of: 1, band: null}},
      clientVersion: '0.1.0',
    }),
  );
}

/** A clock the test moves forward instead of waiting. */
function clock() {
  let offset = 0;
  return {now: () => Date.now() + offset, advance: (ms: number) => (offset += Math.max(0, ms))};
}

/**
 * What the endpoint saw for the ids the test queued: sent (client attempts), stored bodies,
 * duplicates (a second stored copy of an id, or the server recognising a repeat), lost (queued,
 * neither stored nor still waiting), and schema violations.
 */
async function tally(endpoint: TestEndpoint, store: Store, ids: string[]) {
  const log = await endpoint.log();
  const storedIds = log.stored.map((b) => b.id);
  const waiting = new Set((await store.listOutbox()).map((r) => r.id));
  const counts = {
    sent: clientAttempts(log).length,
    stored: storedIds.length,
    duplicated: storedIds.length - new Set(storedIds).size + log.duplicates,
    lost: ids.filter((id) => !storedIds.includes(id) && !waiting.has(id)).length,
    violations: log.violations.length,
  };
  return {log, counts};
}

describe('outbox', () => {
  let endpoint: TestEndpoint;
  let store: Store;
  let name: string;
  const options: Partial<FlushOptions> = {
    fetch: pageFetch,
    timeoutMs: 400,
    backoff: {baseMs: 10, capMs: 50},
  };
  const item = (id = uuid()) => ({
    id,
    url: endpoint.url,
    format: 'json' as const,
    body: response(id),
  });

  beforeEach(async () => {
    endpoint = new TestEndpoint();
    ({store, name} = await freshStore());
  });
  afterEach(async () => {
    await endpoint.reset();
    store.close();
    await dropDatabase(name);
  });

  it('keeps no header value on the device; only a flusher that can supply it sends', async () => {
    const input = {...item(), headers: {'X-CSRF-Token': 'secret-token'}};
    await enqueue(store, input);
    const [stored] = await store.listOutbox();
    expect(stored.headers).to.deep.equal({});
    expect(stored.headerNames).to.deep.equal(['X-CSRF-Token']);
    expect(JSON.stringify(stored)).to.not.contain('secret-token');

    // Another survey (no headers for this endpoint) leaves it alone and does not wait for it.
    const other = await flushOutbox(store, {...options, lock: noLock} as FlushOptions);
    expect(other.delivered).to.deep.equal([]);
    expect(other.nextAttemptAt).to.equal(null);
    expect((await endpoint.log()).attempts).to.deep.equal([]);

    const mine = await flushOutbox(store, {
      ...options,
      lock: noLock,
      headersFor: (r) => (r.url === endpoint.url ? {'X-CSRF-Token': 'fresh-token'} : undefined),
    } as FlushOptions);
    expect(mine.delivered).to.deep.equal([input.id]);
    const log = await endpoint.log();
    expect(log.attempts).to.have.length(1);
    expect(log.attempts[0].headers['x-csrf-token']).to.equal('fresh-token');
  });

  it('a second submit of the same response adds nothing (double click)', async () => {
    const input = item();
    const [first, second] = await Promise.all([enqueue(store, input), enqueue(store, input)]);
    expect([first.added, second.added].sort()).to.deep.equal([false, true]);
    expect((await enqueue(store, {...input, body: '{}'})).added).to.equal(false);
    const records = await store.listOutbox();
    expect(records).to.have.length(1);
    expect(records[0]).to.deep.include({id: input.id, attempts: 0, status: 'pending'});
    expect(records[0].body).to.equal(input.body);
  });

  it('503, 503, 429 (Retry-After), drop, hang → delivered exactly once', async function () {
    this.timeout(20000);
    await endpoint.script([
      {status: 503},
      {status: 503},
      {status: 429, retryAfter: 1},
      {drop: true},
      {hang: true},
    ]);
    const input = item();
    await enqueue(store, input);
    const time = clock();
    const results: {result: SendResult; record: OutboxRecord; at: number}[] = [];
    let rounds = 0;
    while ((await store.listOutbox()).length && rounds < 20) {
      rounds++;
      const startedAt = time.now();
      const summary = await flushOutbox(store, {
        ...options,
        fetch: pageFetch,
        now: time.now,
        onResult: (record, result) => results.push({record, result, at: startedAt}),
      });
      if (summary.nextAttemptAt !== null) time.advance(summary.nextAttemptAt - time.now());
    }
    expect(results.map((r) => r.result.kind)).to.deep.equal([
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'delivered',
    ]);
    expect(results.map((r) => r.result.kind === 'retry' && r.result.status)).to.deep.equal([
      503,
      503,
      429,
      undefined,
      undefined,
      false,
    ]);
    // The 429's Retry-After: 1 held the next attempt back by at least a second.
    const after429 = results[2];
    expect(after429.record.nextAttemptAt - after429.at).to.be.at.least(1000);
    expect(after429.record.attempts).to.equal(3);
    expect(after429.record.lastError).to.equal('scripted 429');

    const {log, counts} = await tally(endpoint, store, [input.id]);
    console.log(`failure sequence: ${JSON.stringify(counts)}`);
    expect(clientAttempts(log).map((a) => a.status)).to.deep.equal([
      503,
      503,
      429,
      'drop',
      'hang',
      201,
    ]);
    expect(counts).to.deep.equal({sent: 6, stored: 1, duplicated: 0, lost: 0, violations: 0});
    expect(await store.listOutbox()).to.deep.equal([]);
  });

  it('400 → rejected: kept with the reason, reported, never sent again', async () => {
    await endpoint.script([{status: 400, message: 'Unknown instrument'}]);
    const input = item();
    await enqueue(store, input);
    const first = await flushOutbox(store, {...options, fetch: pageFetch});
    expect(first).to.deep.equal({
      delivered: [],
      retrying: [],
      rejected: [input.id],
      nextAttemptAt: null,
    });
    const second = await flushOutbox(store, {
      ...options,
      fetch: pageFetch,
      now: () => Date.now() + 3_600_000,
    });
    expect(second.rejected).to.deep.equal([]);
    const kept = await store.getOutbox(input.id);
    expect(kept).to.deep.include({
      status: 'rejected',
      lastError: 'Unknown instrument',
      attempts: 1,
    });
    const {counts} = await tally(endpoint, store, [input.id]);
    expect(counts).to.deep.include({sent: 1, stored: 0, lost: 0});

    // Once the page has fixed the cause, the same record goes again under the same id.
    await requeue(store, input.id);
    expect((await flushOutbox(store, {...options, fetch: pageFetch})).delivered).to.deep.equal([
      input.id,
    ]);
    expect((await tally(endpoint, store, [input.id])).counts).to.deep.include({
      stored: 1,
      duplicated: 0,
    });
  });

  it('leaves records that are not yet due alone', async () => {
    const time = clock();
    await endpoint.script([{status: 503}]);
    const input = item();
    await enqueue(store, input, time.now());
    const first = await flushOutbox(store, {
      ...options,
      fetch: pageFetch,
      now: time.now,
      backoff: {baseMs: 60_000},
      random: () => 0.5,
    });
    expect(first.retrying).to.deep.equal([input.id]);
    expect(first.nextAttemptAt! - time.now()).to.be.within(29_000, 30_001);
    const early = await flushOutbox(store, {...options, fetch: pageFetch, now: time.now});
    expect(early).to.deep.include({delivered: [], retrying: []});
    time.advance(30_001);
    expect(
      (await flushOutbox(store, {...options, fetch: pageFetch, now: time.now})).delivered,
    ).to.deep.equal([input.id]);
    expect(clientAttempts(await endpoint.log())).to.have.length(2);
  });

  for (const [label, lock] of [
    ['the default lock', undefined],
    ['no lock at all', noLock],
  ] as const) {
    it(`two flushes at once in one page send each record once (${label})`, async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await enqueue(store, item())).record.id);
      // Slow answers keep both flushes in flight together.
      await endpoint.script(ids.map(() => ({delay: 80})));
      const [a, b] = await Promise.all([
        flushOutbox(store, {...options, fetch: pageFetch, lock}),
        flushOutbox(store, {...options, fetch: pageFetch, lock}),
      ]);
      expect([...a.delivered, ...b.delivered].sort()).to.deep.equal([...ids].sort());
      const {log, counts} = await tally(endpoint, store, ids);
      console.log(`two flushers (${label}): ${JSON.stringify(counts)}`);
      expect(counts).to.deep.equal({sent: 5, stored: 5, duplicated: 0, lost: 0, violations: 0});
      expect(new Set(clientAttempts(log).map((x) => x.key)).size).to.equal(5);
    });
  }

  it('two tabs (two connections to one database) send each record once', async () => {
    const other = await openStore({name});
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await enqueue(store, item())).record.id);
      await endpoint.script(ids.map(() => ({delay: 80})));
      const [a, b] = await Promise.all([
        flushOutbox(store, {...options, fetch: pageFetch}),
        flushOutbox(other.store, {...options, fetch: pageFetch}),
      ]);
      expect([...a.delivered, ...b.delivered].sort()).to.deep.equal([...ids].sort());
      const {counts} = await tally(endpoint, store, ids);
      console.log(`two tabs: ${JSON.stringify(counts)}`);
      expect(counts).to.deep.equal({sent: 5, stored: 5, duplicated: 0, lost: 0, violations: 0});
    } finally {
      other.store.close();
    }
  });

  for (const lock of [false, true]) {
    it(`a page and a worker flushing at once send each record once (${lock ? 'navigator.locks' : 'no lock'})`, async function () {
      if (typeof Worker === 'undefined') this.skip();
      const worker = new Worker(new URL('./tab-worker.ts', import.meta.url), {type: 'module'});
      try {
        const reply = () =>
          new Promise<unknown>((resolve, reject) => {
            worker.addEventListener('message', (e) => resolve(e.data), {once: true});
            worker.addEventListener('error', (e) => reject(new Error(e.message)), {once: true});
          });
        expect(await reply()).to.equal('ready');
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) ids.push((await enqueue(store, item())).record.id);
        await endpoint.script(ids.map(() => ({delay: 60})));
        const fromWorker = reply();
        worker.postMessage({name, lock});
        const here = await flushOutbox(store, {
          ...options,
          fetch: pageFetch,
          lock: lock ? undefined : noLock,
        });
        const there = (await fromWorker) as {
          persistent: boolean;
          summary?: {delivered: string[]};
          error?: string;
        };
        expect(there.error).to.equal(undefined);
        expect(there.persistent).to.equal(true);
        const delivered = [...here.delivered, ...there.summary!.delivered];
        expect(delivered.sort()).to.deep.equal([...ids].sort());
        const {counts} = await tally(endpoint, store, ids);
        console.log(
          `page + worker (${lock ? 'locks' : 'no lock'}): here ${here.delivered.length}, worker ${there.summary!.delivered.length}, ${JSON.stringify(counts)}`,
        );
        expect(counts).to.deep.equal({sent: 6, stored: 6, duplicated: 0, lost: 0, violations: 0});
      } finally {
        worker.terminate();
      }
    });
  }

  it('a claim is atomic across connections: of two tabs claiming at once, one wins', async () => {
    const other = await openStore({name});
    try {
      const {record} = await enqueue(store, item());
      const now = Date.now();
      const claim = (s: Store) =>
        s.updateOutbox(record.id, (r) =>
          r.nextAttemptAt <= now
            ? {...r, attempts: r.attempts + 1, nextAttemptAt: now + 10_000}
            : undefined,
        );
      const results = await Promise.all([
        claim(store),
        claim(other.store),
        claim(store),
        claim(other.store),
      ]);
      expect(results.filter(Boolean)).to.have.length(1);
      expect((await store.getOutbox(record.id))!.attempts).to.equal(1);
    } finally {
      other.store.close();
    }
  });

  it('a response survives a reload: close, reopen, flush → delivered', async () => {
    await endpoint.script([{drop: true}]);
    const input = item();
    await enqueue(store, input);
    const first = await flushOutbox(store, {...options, fetch: pageFetch});
    expect(first.retrying).to.deep.equal([input.id]);
    store.close();

    ({store} = await openStore({name}));
    const kept = await store.getOutbox(input.id);
    expect(kept).to.deep.include({attempts: 1, status: 'pending'});
    const second = await flushOutbox(store, {
      ...options,
      fetch: pageFetch,
      now: () => Date.now() + 60_000,
    });
    expect(second.delivered).to.deep.equal([input.id]);
    const {counts} = await tally(endpoint, store, [input.id]);
    expect(counts).to.deep.equal({sent: 2, stored: 1, duplicated: 0, lost: 0, violations: 0});
  });

  it('no private reflection ever reaches the server, in any attempt', async () => {
    await endpoint.script([{status: 503}, {drop: true}]);
    const ids = [uuid(), uuid()];
    for (const id of ids) await enqueue(store, item(id));
    const time = clock();
    for (let i = 0; i < 6 && (await store.listOutbox()).length; i++) {
      const summary = await flushOutbox(store, {...options, fetch: pageFetch, now: time.now});
      if (summary.nextAttemptAt !== null) time.advance(summary.nextAttemptAt - time.now());
    }
    const {log, counts} = await tally(endpoint, store, ids);
    expect(counts).to.deep.include({stored: 2, duplicated: 0, lost: 0, violations: 0});
    expect(log.attempts.length).to.be.at.least(4);
    for (const attempt of log.attempts) expect(attempt.body).to.not.contain(SECRET);
    for (const body of log.stored) {
      expect(Object.keys(body.answers as object).sort()).to.deep.equal([
        'conf-1',
        'eval-free',
        'know-2',
        'shared-reflection.plan',
      ]);
    }
  });

  it('an aborted flush gives the record back at once and rejects', async () => {
    await endpoint.script([{hang: true}]);
    const input = item();
    await enqueue(store, input);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 150);
    let error: unknown;
    try {
      await flushOutbox(store, {
        ...options,
        fetch: pageFetch,
        timeoutMs: 10_000,
        signal: abort.signal,
      });
    } catch (e) {
      error = e;
    }
    expect((error as DOMException).name).to.equal('AbortError');
    const record = (await store.getOutbox(input.id))!;
    expect(record.nextAttemptAt).to.be.at.most(Date.now());
    expect((await flushOutbox(store, {...options, fetch: pageFetch})).delivered).to.deep.equal([
      input.id,
    ]);
  });

  it('pageLock runs one task at a time and survives a failing one', async () => {
    const order: string[] = [];
    const task =
      (label: string, ms: number, fail = false) =>
      async () => {
        order.push(`${label}+`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${label}-`);
        if (fail) throw new Error(label);
        return label;
      };
    const results = await Promise.allSettled([
      pageLock('t', task('a', 30, true)),
      pageLock('t', task('b', 10)),
      pageLock('t', task('c', 0)),
    ]);
    expect(order).to.deep.equal(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'fulfilled', 'fulfilled']);
  });
});
