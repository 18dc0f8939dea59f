import {MemoryStore} from '../../src/store/memory.js';
import {expect} from '@open-wc/testing';
import {
  DRAFT_MAX_AGE_MS,
  openStore,
  storageKey,
  StorageUnavailableError,
  type Store,
} from '../../src/store/store.js';
import {uuid} from '../../src/store/uuid.js';
import {draft, dropDatabase, failWritesWithQuota, freshStore, outboxRecord} from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

const kinds: {name: string; open: () => Promise<{store: Store; done: () => Promise<void>}>}[] = [
  {
    name: 'IndexedDB',
    open: async () => {
      const {store, name} = await freshStore();
      return {
        store,
        done: async () => {
          store.close();
          await dropDatabase(name);
        },
      };
    },
  },
  {name: 'memory', open: async () => ({store: new MemoryStore(), done: async () => {}})},
];

for (const kind of kinds) {
  describe(`store (${kind.name})`, () => {
    let store: Store;
    let done: () => Promise<void>;
    beforeEach(async () => ({store, done} = await kind.open()));
    afterEach(() => done());

    it('puts, gets, lists and deletes drafts', async () => {
      const a = draft('a', daysAgo(1));
      await store.putDraft(a);
      await store.putDraft({...a, answers: {'conf-1': 5}, page: 'review'});
      await store.putDraft(draft('b', daysAgo(2)));
      expect(await store.getDraft('a')).to.deep.equal({
        ...a,
        answers: {'conf-1': 5},
        page: 'review',
      });
      expect((await store.listDrafts()).map((d) => d.key).sort()).to.deep.equal(['a', 'b']);
      await store.deleteDraft('a');
      expect(await store.getDraft('a')).to.equal(undefined);
      expect(await store.listDrafts()).to.have.length(1);
    });

    it('keeps stored values apart from the caller’s objects', async () => {
      const answers = {'conf-1': 1};
      await store.putDraft(draft('a', daysAgo(0), {answers}));
      answers['conf-1'] = 9;
      expect((await store.getDraft('a'))!.answers).to.deep.equal({'conf-1': 1});
    });

    it('expires drafts older than the limit (30 days by default) and keeps the rest', async () => {
      await store.putDraft(draft('old', daysAgo(31)));
      await store.putDraft(draft('edge', daysAgo(29)));
      await store.putDraft(draft('new', daysAgo(0)));
      expect(await store.expireDrafts(undefined, NOW)).to.equal(1);
      expect((await store.listDrafts()).map((d) => d.key).sort()).to.deep.equal(['edge', 'new']);
      expect(await store.expireDrafts(DAY, NOW)).to.equal(1);
      expect((await store.listDrafts()).map((d) => d.key)).to.deep.equal(['new']);
      expect(DRAFT_MAX_AGE_MS).to.equal(30 * DAY);
    });

    it('adds an outbox record once per id, lists oldest first, updates and deletes', async () => {
      const first = outboxRecord(daysAgo(1));
      const second = outboxRecord(daysAgo(2));
      expect(await store.addOutbox(first)).to.equal(true);
      expect(await store.addOutbox({...first, body: '{"changed":true}'})).to.equal(false);
      expect(await store.addOutbox(second)).to.equal(true);
      expect((await store.getOutbox(first.id))!.body).to.equal('{}');
      expect((await store.listOutbox()).map((r) => r.id)).to.deep.equal([second.id, first.id]);

      const updated = await store.updateOutbox(first.id, (r) => ({...r, attempts: r.attempts + 1}));
      expect(updated!.attempts).to.equal(1);
      expect(await store.updateOutbox(first.id, () => undefined)).to.equal(undefined);
      expect(await store.updateOutbox('missing', (r) => r)).to.equal(undefined);
      expect((await store.getOutbox(first.id))!.attempts).to.equal(1);

      await store.deleteOutbox(first.id);
      expect((await store.listOutbox()).map((r) => r.id)).to.deep.equal([second.id]);
    });

    it('keeps local responses once per id', async () => {
      const response = {id: uuid(), format: 'json' as const, body: '{}', savedAt: daysAgo(0)};
      expect(await store.addLocal(response)).to.equal(true);
      expect(await store.addLocal({...response, body: '[]'})).to.equal(false);
      expect(await store.listLocal()).to.deep.equal([response]);
      await store.deleteLocal(response.id);
      expect(await store.listLocal()).to.deep.equal([]);
    });

    it('clearEverything() deletes drafts, outbox and local responses', async () => {
      await store.putDraft(draft('a', daysAgo(0)));
      await store.addOutbox(outboxRecord(daysAgo(0)));
      await store.addLocal({id: uuid(), format: 'json', body: '{}', savedAt: daysAgo(0)});
      await store.clearEverything();
      expect(await store.listDrafts()).to.deep.equal([]);
      expect(await store.listOutbox()).to.deep.equal([]);
      expect(await store.listLocal()).to.deep.equal([]);
    });
  });
}

describe('openStore', () => {
  const names: string[] = [];
  const name = () => {
    names.push(`rs-test-${uuid()}`);
    return names.at(-1)!;
  };
  after(() => Promise.all(names.map(dropDatabase)));

  it('opens IndexedDB by default, and what it wrote is there after reopening', async () => {
    const dbName = name();
    const first = await openStore({name: dbName});
    expect(first.persistent).to.equal(true);
    expect(first.store.persistent).to.equal(true);
    expect(first.error).to.equal(undefined);
    await first.store.putDraft(draft('k', daysAgo(0)));
    first.store.close();
    const second = await openStore({name: dbName});
    expect((await second.store.getDraft('k'))!.key).to.equal('k');
    second.store.close();
  });

  it('falls back to memory without IndexedDB', async () => {
    const {store, persistent, error} = await openStore({indexedDB: null});
    expect(persistent).to.equal(false);
    expect(store.persistent).to.equal(false);
    expect(error).to.be.a('string');
    await store.putDraft(draft('k', daysAgo(0)));
    expect((await store.getDraft('k'))!.key).to.equal('k');
  });

  it('falls back to memory when IndexedDB refuses to open (private mode, sandbox)', async () => {
    const refusing = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const result = await openStore({indexedDB: refusing, name: name()});
    expect(result.persistent).to.equal(false);
    expect(result.error).to.contain('SecurityError');
  });

  it('falls back to memory when opening fails later (an error event)', async () => {
    const dbName = name();
    // A newer database than this code knows: open() fails with VersionError.
    await new Promise<void>((resolve) => {
      const request = indexedDB.open(dbName, 99);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    const result = await openStore({name: dbName});
    expect(result.persistent).to.equal(false);
    expect(result.error).to.contain('VersionError');
  });

  it('falls back to memory when another tab blocks the upgrade', async () => {
    const dbName = name();
    // An old connection that ignores `versionchange` blocks any upgrade.
    const old = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(dbName, 1);
      request.onsuccess = () => resolve(request.result);
    });
    const upgrading = {
      open: (n: string, version?: number) => indexedDB.open(n, (version ?? 1) + 1),
    } as unknown as IDBFactory;
    const started = Date.now();
    const result = await openStore({indexedDB: upgrading, name: dbName, timeoutMs: 200});
    expect(result.persistent).to.equal(false);
    expect(result.error).to.contain('TimeoutError');
    expect(Date.now() - started).to.be.below(2000);
    old.close();
  });

  it('moves to memory on a quota error mid-way, keeping what was stored and what was written', async () => {
    const dbName = name();
    const {store} = await openStore({name: dbName});
    const fallbacks: StorageUnavailableError[] = [];
    store.onFallback((error) => fallbacks.push(error));
    const record = outboxRecord(daysAgo(0));
    await store.putDraft(draft('before', daysAgo(0)));
    await store.addOutbox(record);

    const restore = failWritesWithQuota();
    try {
      // The failing write itself lands in memory and does not throw.
      await store.putDraft(draft('during', daysAgo(0)));
      await store.putDraft(draft('after', daysAgo(0)));
      expect(await store.updateOutbox(record.id, (r) => ({...r, attempts: 1}))).to.not.equal(
        undefined,
      );
    } finally {
      restore();
    }
    expect(fallbacks).to.have.length(1);
    expect(fallbacks[0]).to.be.instanceOf(StorageUnavailableError);
    expect(fallbacks[0].code).to.equal('storage-unavailable');
    expect(store.persistent).to.equal(false);
    expect((await store.listDrafts()).map((d) => d.key).sort()).to.deep.equal([
      'after',
      'before',
      'during',
    ]);
    expect((await store.getOutbox(record.id))!.attempts).to.equal(1);
    store.close();
  });
});

describe('storageKey', () => {
  it('separates pack, timepoint, participant and the page’s key without collisions', () => {
    const keys = [
      storageKey('p', 'baseline', null),
      storageKey('p', 'follow-up', null),
      storageKey('p', 'baseline', 'M-07-J'),
      storageKey('p', 'baseline', null, 'ward-3'),
      storageKey('a/b', 'c', null),
      storageKey('a', 'b/c', null),
    ];
    expect(new Set(keys).size).to.equal(keys.length);
    expect(storageKey('p', 'baseline', null)).to.equal(storageKey('p', 'baseline', null, ''));
  });
});

describe('uuid', () => {
  const pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes version 4 UUIDs', () => {
    const ids = Array.from({length: 100}, uuid);
    for (const id of ids) expect(id).to.match(pattern);
    expect(new Set(ids).size).to.equal(100);
  });

  it('makes them from getRandomValues where randomUUID is missing (plain-http pages)', () => {
    Object.defineProperty(crypto, 'randomUUID', {value: undefined, configurable: true});
    try {
      const ids = Array.from({length: 100}, uuid);
      for (const id of ids) expect(id).to.match(pattern);
      expect(new Set(ids).size).to.equal(100);
    } finally {
      delete (crypto as {randomUUID?: unknown}).randomUUID;
    }
    expect(crypto.randomUUID).to.be.a('function');
  });
});
