import {expect} from '@open-wc/testing';
import type {Store} from '../../src/store/store.js';
import {uuid} from '../../src/store/uuid.js';
import {
  DeliveryController,
  type DeliveryControllerOptions,
  type DeliveryStatus,
} from '../../src/transport/delivery-controller.js';
import {enqueue} from '../../src/transport/outbox.js';
import {dropDatabase, FakeHost, freshStore, until} from '../store/helpers.js';
import {LiveClock} from '../support/clock.js';
import {clientAttempts, pageFetch, TestEndpoint} from './helpers.js';

describe('DeliveryController', () => {
  let endpoint: TestEndpoint;
  let store: Store;
  let name: string;
  let hosts: FakeHost[];
  let events: {
    queued: string[];
    submitted: {id: string; status: number}[];
    errors: {code: string; message: string}[];
    statuses: DeliveryStatus[];
  };

  const controller = (options: DeliveryControllerOptions = {}) => {
    const host = new FakeHost();
    hosts.push(host);
    const c = new DeliveryController(host, {
      fetch: pageFetch,
      timeoutMs: 1000,
      backoff: {baseMs: 20, capMs: 50},
      onQueued: (d) => events.queued.push(d.id),
      onSubmitted: (d) => events.submitted.push(d),
      onError: (d) => events.errors.push(d),
      onStatus: (s) => events.statuses.push(s),
      ...options,
    });
    c.attach(store);
    host.connect();
    return {c, host};
  };
  const item = (id = uuid()) => ({
    id,
    url: endpoint.url,
    format: 'json' as const,
    body: JSON.stringify({
      schema: 'resilience-survey/response@1',
      id,
      instrument: {id: 'p', version: '1'},
      timepoint: 'baseline',
      participant: null,
      locale: 'en',
      startedAt: new Date().toISOString(),
      submittedAt: new Date().toISOString(),
      answers: {},
      scores: {},
      client: {version: '0.1.0'},
    }),
  });

  beforeEach(async () => {
    endpoint = new TestEndpoint();
    ({store, name} = await freshStore());
    hosts = [];
    events = {queued: [], submitted: [], errors: [], statuses: []};
  });
  afterEach(async () => {
    for (const host of hosts) host.disconnect();
    await endpoint.reset();
    store.close();
    await dropDatabase(name);
  });

  it('a double submit queues one record, sends it once and reports it once', async () => {
    const {c} = controller();
    const input = item();
    const added = await Promise.all([c.enqueue(input), c.enqueue(input)]);
    expect(added.filter(Boolean)).to.have.length(1);
    expect(await until(() => c.status === 'sent')).to.equal(true);
    await c.flush();
    expect(events.queued).to.deep.equal([input.id]);
    expect(events.submitted).to.deep.equal([{id: input.id, status: 201}]);
    expect(events.statuses).to.include('sending');
    expect(events.statuses.at(-1)).to.equal('sent');
    const log = await endpoint.log();
    expect(log.stored).to.have.length(1);
    expect(clientAttempts(log)).to.have.length(1);
    expect(await store.listOutbox()).to.deep.equal([]);
  });

  it('retries on its own timer until the endpoint takes it', async () => {
    await endpoint.script([{status: 503}, {drop: true}, {status: 500}]);
    const {c} = controller();
    const input = item();
    await c.enqueue(input);
    expect(await until(() => events.submitted.length > 0, 5000)).to.equal(true);
    expect(events.statuses).to.include('offline-waiting');
    expect(c.status).to.equal('sent');
    const log = await endpoint.log();
    expect(clientAttempts(log).map((a) => a.status)).to.deep.equal([503, 'drop', 500, 201]);
    expect(log.stored).to.have.length(1);
    expect(log.duplicates).to.equal(0);
  });

  it('a 4xx is reported as delivery-rejected and the record kept', async () => {
    await endpoint.script([{status: 422, message: 'Unknown timepoint'}]);
    const {c} = controller();
    const input = item();
    await c.enqueue(input);
    expect(await until(() => c.status === 'rejected')).to.equal(true);
    expect(events.errors).to.deep.equal([
      {code: 'delivery-rejected', message: 'Unknown timepoint', id: input.id},
    ]);
    expect((await store.getOutbox(input.id))!.status).to.equal('rejected');
    // A second click neither re-queues nor re-sends it.
    expect(await c.enqueue(input)).to.equal(false);
    await c.flush();
    expect(clientAttempts(await endpoint.log())).to.have.length(1);
    expect(events.queued).to.deep.equal([input.id]);
  });

  it('flushes what waits when it connects, when back online and when the page is visible', async () => {
    const earlier = item();
    await enqueue(store, earlier);
    const clock = new LiveClock();
    const {c} = controller({clock});
    // A response from before the reload is picked up and reported.
    expect(await until(() => events.submitted.length === 1)).to.equal(true);
    expect(events.submitted[0]).to.deep.equal({id: earlier.id, status: 201});

    await c.flush();
    // Queued behind the controller's back: nothing sends it until one of the triggers, not
    // even every timer it has, run now.
    const waits = async () => {
      await clock.runAll();
      return (await store.listOutbox()).length === 1;
    };
    const whileOffline = item();
    await enqueue(store, whileOffline);
    expect(await waits()).to.equal(true);
    dispatchEvent(new Event('online'));
    expect(await until(async () => (await store.listOutbox()).length === 0)).to.equal(true);
    await c.flush();

    const whileHidden = item();
    await enqueue(store, whileHidden);
    expect(await waits()).to.equal(true);
    expect(document.visibilityState).to.equal('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(await until(async () => (await store.listOutbox()).length === 0)).to.equal(true);
    await c.flush();
    expect((await endpoint.log()).stored.map((b) => b.id)).to.deep.equal([
      earlier.id,
      whileOffline.id,
      whileHidden.id,
    ]);
  });

  it('storage that fails when it first looks at the outbox fails that flush only', async () => {
    const earlier = item();
    await enqueue(store, earlier);
    const listOutbox = store.listOutbox.bind(store);
    let failures = 1;
    store.listOutbox = () =>
      failures-- > 0 ? Promise.reject(new DOMException('Disk gone', 'UnknownError')) : listOutbox();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent) => {
      unhandled.push(e.reason);
      e.preventDefault();
    };
    addEventListener('unhandledrejection', onUnhandled);
    try {
      // The flush on connecting cannot read the outbox.
      const {c} = controller();
      expect(await until(() => failures === 0)).to.equal(true);
      // The next flush looks again, so the earlier response is reported when it is delivered.
      await c.flush();
      expect(failures).to.be.below(0, 'the first look failed, the second did not');
      expect(await until(() => events.submitted.length === 1)).to.equal(true);
      expect(events.submitted[0]).to.deep.equal({id: earlier.id, status: 201});
      // No rejection was left unhandled: shown by one of our own made now, whose report comes
      // after any earlier one's (they are reported in order), not by a wait.
      const marker = new Error('marker');
      void Promise.reject(marker);
      expect(await until(() => unhandled.includes(marker))).to.equal(true);
      expect(unhandled).to.deep.equal([marker]);
    } finally {
      removeEventListener('unhandledrejection', onUnhandled);
    }
  });

  it('leaving the page aborts a hanging send; the next page delivers it once', async () => {
    await endpoint.script([{hang: true}]);
    const first = controller({timeoutMs: 30_000});
    const input = item();
    await first.c.enqueue(input);
    expect(await until(async () => (await endpoint.log()).attempts.length === 1)).to.equal(true);
    first.host.disconnect();
    hosts.splice(hosts.indexOf(first.host), 1);
    expect(
      await until(async () => (await store.getOutbox(input.id))!.nextAttemptAt <= Date.now()),
    ).to.equal(true);

    const second = controller();
    expect(await until(() => second.c.status === 'sent')).to.equal(true);
    const log = await endpoint.log();
    expect(clientAttempts(log).map((a) => a.status)).to.deep.equal(['hang', 201]);
    expect(log.stored).to.have.length(1);
  });

  it('reports what another tab delivered or the server rejected meanwhile', async () => {
    // The page's headers are not available to this flusher: the records wait.
    const {c} = controller({headersFor: () => undefined});
    const [delivered, rejected, bare] = [item(), item(), item()];
    for (const input of [delivered, rejected, bare]) {
      await c.enqueue({...input, headers: {'X-CSRF-Token': 'abc'}});
    }
    await c.flush();
    expect(c.status).to.equal('saved-locally');
    expect(clientAttempts(await endpoint.log())).to.deep.equal([]);

    await store.deleteOutbox(delivered.id);
    await store.updateOutbox(rejected.id, (r) => ({...r, status: 'rejected', lastError: 'No'}));
    await store.updateOutbox(bare.id, (r) => ({...r, status: 'rejected', lastError: null}));
    await c.flush();
    expect(events.submitted).to.deep.equal([{id: delivered.id, status: 0}]);
    expect(events.errors).to.deep.equal([
      {code: 'delivery-rejected', message: 'No', id: rejected.id},
      {code: 'delivery-rejected', message: '', id: bare.id},
    ]);
    expect(c.status).to.equal('rejected');
    // Reported once: the next flush finds nothing new.
    await c.flush();
    expect(events.submitted).to.have.length(1);
    expect(events.errors).to.have.length(2);
  });

  it('keeps a response locally in local mode', async () => {
    const {c} = controller();
    const id = uuid();
    expect(
      await c.keepLocally({id, format: 'json', body: '{}', savedAt: new Date().toISOString()}),
    ).to.equal(true);
    expect(c.status).to.equal('saved-locally');
    expect((await store.listLocal()).map((r) => r.id)).to.deep.equal([id]);
  });
});
