// The cmi5 session against a small in-test LRS handed in as `fetch`: the one-time token
// fetch, LMS.LaunchData, and the cmi5-defined statements in order, once each, across a reload.
import {expect} from '@open-wc/testing';
import {Cmi5Session, connectCmi5, parseCmi5Launch, type Cmi5Launch} from '../../src/lms/cmi5.js';
import {until} from '../store/helpers.js';

const ENDPOINT = 'https://lrs.example.org/xapi/';
const TOKEN = 'dGVzdDpzZWNyZXQ=';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

const launch: Cmi5Launch = {
  endpoint: ENDPOINT,
  fetch: 'https://lms.example.org/cmi5/fetch/abc',
  actor: {objectType: 'Agent', account: {homePage: 'https://lms.example.org', name: 'learner-7'}},
  registration: '6b0a4c2e-7f3d-4e8a-9b1c-2d3e4f5a6b7c',
  activityId: 'https://lms.example.org/course/resilience/au/survey',
};

type Stmt = {[key: string]: unknown};

/** An LRS that checks what cmi5 asks of an AU, and records what it stores. */
class FakeLrs {
  tokenFetches = 0;
  statements = new Map<string, Stmt>();
  order: string[] = [];
  launchMode = 'Normal';
  failNext = 0;

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}});
    if (url.href === launch.fetch) {
      expect(init.method).to.equal('POST');
      // The fetch URL works once; a second call is an error the AU must never cause.
      if (this.tokenFetches++) return json({'error-code': '1', 'error-text': 'already used'});
      return json({'auth-token': TOKEN});
    }
    const headers = new Headers(init.headers);
    if (headers.get('Authorization') !== `Basic ${TOKEN}`) return json({}, 401);
    if (headers.get('X-Experience-API-Version') !== '1.0.3') return json({}, 400);
    if (url.pathname === '/xapi/activities/state') {
      expect(url.searchParams.get('stateId')).to.equal('LMS.LaunchData');
      expect(url.searchParams.get('registration')).to.equal(launch.registration);
      expect(JSON.parse(url.searchParams.get('agent') ?? '')).to.deep.equal(launch.actor);
      return json({
        launchMode: this.launchMode,
        moveOn: 'Completed',
        returnURL: 'https://lms.example.org/course/resilience',
        contextTemplate: {
          contextActivities: {grouping: [{id: 'https://lms.example.org/course/resilience'}]},
          extensions: {[SESSION]: 'session-1'},
        },
      });
    }
    if (url.pathname === '/xapi/statements' && init.method === 'PUT') {
      if (this.failNext) {
        this.failNext--;
        return json({}, 503);
      }
      const id = url.searchParams.get('statementId') ?? '';
      const body = JSON.parse(String(init.body)) as Stmt;
      expect(body.id).to.equal(id);
      const before = this.statements.get(id);
      if (before) return new Response(null, {status: 409});
      this.statements.set(id, body);
      this.order.push((body.verb as {id: string}).id.split('/').pop() as string);
      return new Response(null, {status: 204});
    }
    return json({}, 404);
  };
}

/** A sessionStorage stand-in that a "reload" keeps (a new session object, same storage). */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const data = new Map<string, string>();
  return {getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v)};
}

describe('parseCmi5Launch', () => {
  it('reads the five launch parameters', () => {
    const search = `?${new URLSearchParams({
      endpoint: launch.endpoint,
      fetch: launch.fetch,
      actor: JSON.stringify(launch.actor),
      registration: launch.registration,
      activityId: launch.activityId,
    })}`;
    expect(parseCmi5Launch({search})).to.deep.equal(launch);
    expect(parseCmi5Launch(search.slice(1))).to.deep.equal(launch);
  });

  it('gives null for a page not launched by cmi5, or a broken actor', () => {
    expect(parseCmi5Launch('?endpoint=x')).to.equal(null);
    expect(parseCmi5Launch('')).to.equal(null);
    const broken = new URLSearchParams({
      endpoint: 'a',
      fetch: 'b',
      actor: '{not json',
      registration: 'c',
      activityId: 'd',
    });
    expect(parseCmi5Launch(`?${broken}`)).to.equal(null);
  });
});

describe('Cmi5Session', () => {
  it('sends initialized, completed and terminated in order, as cmi5 defines them', async () => {
    const lrs = new FakeLrs();
    let t = 1_000_000;
    const session = new Cmi5Session(launch, {
      fetch: lrs.fetch,
      storage: memoryStorage(),
      now: () => t,
    });
    await session.start();
    t += 90_500;
    await session.complete();
    t += 1_000;
    await session.terminate();
    expect(lrs.order).to.deep.equal(['initialized', 'completed', 'terminated']);
    expect(lrs.tokenFetches).to.equal(1);
    const [initialized, completed, terminated] = [...lrs.statements.values()];
    for (const s of [initialized, completed, terminated]) {
      expect(s.actor).to.deep.equal(launch.actor);
      expect((s.object as Stmt).id).to.equal(launch.activityId);
      const context = s.context as {
        registration: string;
        contextActivities: {category: {id: string}[]; grouping: {id: string}[]};
        extensions: Stmt;
      };
      expect(context.registration).to.equal(launch.registration);
      expect(context.extensions[SESSION]).to.equal('session-1');
      expect(context.contextActivities.grouping[0].id).to.equal(
        'https://lms.example.org/course/resilience',
      );
      expect(context.contextActivities.category.map((c) => c.id)).to.include(
        'https://w3id.org/xapi/cmi5/context/categories/cmi5',
      );
    }
    expect(completed.result).to.deep.equal({completion: true, duration: 'PT90.5S'});
    expect(
      (
        completed.context as {contextActivities: {category: {id: string}[]}}
      ).contextActivities.category.map((c) => c.id),
    ).to.include('https://w3id.org/xapi/cmi5/context/categories/moveon');
    expect(terminated.result).to.deep.equal({duration: 'PT91.5S'});
    expect(session.returnUrl).to.equal('https://lms.example.org/course/resilience');
  });

  it('survives a reload: no second token fetch, no statement sent twice', async () => {
    const lrs = new FakeLrs();
    const storage = memoryStorage();
    await new Cmi5Session(launch, {fetch: lrs.fetch, storage}).start();
    // The page reloads: a new session object over the same sessionStorage.
    const again = new Cmi5Session(launch, {fetch: lrs.fetch, storage});
    await again.start();
    await again.complete();
    await again.complete();
    await again.terminate();
    expect(lrs.tokenFetches).to.equal(1);
    expect(lrs.order).to.deep.equal(['initialized', 'completed', 'terminated']);
  });

  it('repeats the same statement id after a failed send, and a lost answer (409) counts as sent', async () => {
    const lrs = new FakeLrs();
    const storage = memoryStorage();
    const session = new Cmi5Session(launch, {fetch: lrs.fetch, storage});
    await session.start();
    lrs.failNext = 1;
    let failed = false;
    await session.complete().catch(() => (failed = true));
    expect(failed).to.equal(true);
    await session.complete();
    const completedId = [...lrs.statements.keys()][1];
    // The LRS stored it but the answer was lost: the retry gets 409 and moves on.
    const progress = JSON.parse(
      storage.getItem(`rs-cmi5:${launch.registration}:${launch.activityId}`) ?? '{}',
    );
    progress.sent = progress.sent.filter((v: string) => v !== 'completed');
    storage.setItem(
      `rs-cmi5:${launch.registration}:${launch.activityId}`,
      JSON.stringify(progress),
    );
    await new Cmi5Session(launch, {fetch: lrs.fetch, storage}).complete();
    expect([...lrs.statements.keys()][1]).to.equal(completedId);
    expect(lrs.order).to.deep.equal(['initialized', 'completed']);
  });

  it('records no completion in Browse mode, and refuses to complete before initializing', async () => {
    const lrs = new FakeLrs();
    lrs.launchMode = 'Browse';
    const session = new Cmi5Session(launch, {fetch: lrs.fetch, storage: memoryStorage()});
    let error: unknown;
    await session.complete().catch((e) => (error = e));
    expect(String(error)).to.match(/Not initialized/);
    await session.start();
    await session.complete();
    await session.terminate();
    expect(lrs.order).to.deep.equal(['initialized', 'terminated']);
  });

  it('says so when the LMS gives no token', async () => {
    const lrs = new FakeLrs();
    lrs.tokenFetches = 1;
    let error: unknown;
    await new Cmi5Session(launch, {fetch: lrs.fetch, storage: memoryStorage()})
      .start()
      .catch((e) => (error = e));
    expect(String(error)).to.match(/no auth token \(already used\)/);
  });
});

/** The page's address as cmi5 launches it, with `l`'s five parameters. */
function launchedBy(l: Cmi5Launch) {
  const query = new URLSearchParams({
    endpoint: l.endpoint,
    fetch: l.fetch,
    actor: JSON.stringify(l.actor),
    registration: l.registration,
    activityId: l.activityId,
  });
  history.replaceState(null, '', `?${query}`);
}

describe('connectCmi5 (what a survey calls when it connects)', () => {
  const before = location.href;
  afterEach(() => {
    history.replaceState(null, '', before);
    sessionStorage.clear();
  });

  it('starts the session from the page address and completes it once when told', async () => {
    launchedBy(launch);
    const lrs = new FakeLrs();
    const errors: unknown[] = [];
    const link = connectCmi5(lrs.fetch, (e) => errors.push(e))!;
    expect(link.launch).to.deep.equal(launch);
    await link.complete();
    expect(lrs.order).to.deep.equal(['initialized', 'completed', 'terminated']);
    expect(errors).to.deep.equal([]);
  });

  it('is nothing on a page cmi5 did not launch, and reports a start that fails', async () => {
    expect(connectCmi5(new FakeLrs().fetch, () => {})).to.equal(undefined);
    launchedBy(launch);
    const errors: unknown[] = [];
    const down = async () => new Response('{}', {status: 503});
    connectCmi5(down, (e) => errors.push(e));
    expect(await until(() => errors.length === 1)).to.equal(true);
  });
});
