// A second "tab" for the outbox tests: its own module instances, IndexedDB connection and
// fetch, so only what tabs really share (the database, navigator.locks) keeps them apart.
import {openStore} from '../../src/store/store.js';
import {flushOutbox, type Lock} from '../../src/transport/outbox.js';

const noLock: Lock = (_name, task) => task();

const taggedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('X-Test-Attempt', crypto.randomUUID());
  return fetch(input, {...init, headers});
};

addEventListener('message', async (event: MessageEvent<{name: string; lock: boolean}>) => {
  const {store, persistent} = await openStore({name: event.data.name});
  try {
    const summary = await flushOutbox(store, {
      fetch: taggedFetch,
      lock: event.data.lock ? undefined : noLock,
      timeoutMs: 2000,
    });
    postMessage({persistent, summary});
  } catch (error) {
    postMessage({persistent, error: String(error)});
  } finally {
    store.close();
  }
});
postMessage('ready');
