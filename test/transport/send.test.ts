import {expect} from '@open-wc/testing';
import {
  isRetryableStatus,
  parseRetryAfter,
  send,
  type SendRequest,
} from '../../src/transport/send.js';
import {uuid} from '../../src/store/uuid.js';
import {clientAttempts, pageFetch, TestEndpoint} from './helpers.js';

const body = (id: string) =>
  JSON.stringify({
    schema: 'resilience-survey/response@1',
    id,
    instrument: {id: 'coping-with-error', version: '1.0.0'},
    timepoint: 'baseline',
    participant: null,
    locale: 'en',
    startedAt: '2026-11-27T09:00:00.000Z',
    submittedAt: '2026-11-27T09:12:31.000Z',
    answers: {'conf-1': 4},
    scores: {},
    client: {version: '0.1.0'},
  });

describe('send', () => {
  let endpoint: TestEndpoint;
  let request: SendRequest;
  beforeEach(() => {
    endpoint = new TestEndpoint();
    const id = uuid();
    request = {id, url: endpoint.url, format: 'json', body: body(id)};
  });
  afterEach(() => endpoint.reset());

  it('delivers with Content-Type, Idempotency-Key and the page’s headers', async () => {
    const result = await send(
      {...request, headers: {'X-CSRF-Token': 'abc', 'Content-Type': 'text/plain'}},
      {fetch: pageFetch},
    );
    expect(result).to.deep.equal({kind: 'delivered', status: 201});
    const log = await endpoint.log();
    expect(log.attempts).to.have.length(1);
    expect(log.attempts[0].key).to.equal(request.id);
    expect(log.attempts[0].contentType).to.equal('application/json');
    expect(log.attempts[0].headers['x-csrf-token']).to.equal('abc');
    expect(log.violations).to.deep.equal([]);
    expect(log.stored).to.have.length(1);
  });

  it('reads a delivered response to its end, so the browser does not report it aborted', async () => {
    // DevTools shows a response whose body was cancelled as net::ERR_ABORTED, which reads as
    // a failed delivery. The server's body here is a stream the test watches.
    let cancelled = false;
    let read = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        read = true;
        controller.enqueue(new TextEncoder().encode('{"id":"x"}'));
        controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    const result = await send(request, {
      fetch: async () => new Response(stream, {status: 201}),
    });
    expect(result).to.deep.equal({kind: 'delivered', status: 201});
    expect({read, cancelled}).to.deep.equal({read: true, cancelled: false});
  });

  it('refuses to follow a redirect: the answers go only where the page said', async () => {
    const elsewhere = new TestEndpoint();
    await endpoint.script([{redirect: elsewhere.url}]);
    const result = await send(request, {fetch: pageFetch});
    expect(result.kind).to.equal('rejected');
    expect((await elsewhere.log()).attempts).to.deep.equal([]);
    expect((await endpoint.log()).stored).to.deep.equal([]);
    await elsewhere.reset();
  });

  it('sends the same key again as a duplicate the server recognises', async () => {
    await send(request, {fetch: pageFetch});
    expect(await send(request, {fetch: pageFetch})).to.deep.equal({kind: 'delivered', status: 200});
    const log = await endpoint.log();
    expect(log.stored).to.have.length(1);
    expect(log.duplicates).to.equal(1);
  });

  it('uses the FHIR media type and a conditional create for format="fhir"', async () => {
    await send({...request, format: 'fhir'}, {fetch: pageFetch});
    const [attempt] = (await endpoint.log()).attempts;
    expect(attempt.contentType).to.equal('application/fhir+json');
    expect(attempt.headers['if-none-exist']).to.equal(
      `identifier=urn:ietf:rfc:3986|urn:uuid:${request.id}`,
    );
  });

  for (const status of [408, 425, 500, 502, 503, 504]) {
    it(`retries after ${status}`, async () => {
      await endpoint.script([{status}]);
      const result = await send(request, {fetch: pageFetch});
      expect(result.kind).to.equal('retry');
      if (result.kind === 'retry') expect(result.status).to.equal(status);
    });
  }

  it('honours Retry-After in seconds on 429', async () => {
    await endpoint.script([{status: 429, retryAfter: 7}]);
    const result = await send(request, {fetch: pageFetch});
    expect(result).to.deep.include({kind: 'retry', status: 429, retryAfterMs: 7000});
  });

  it('honours Retry-After as an HTTP date on 503', async () => {
    const now = Date.now();
    const date = new Date(Math.ceil(now / 1000) * 1000 + 30_000).toUTCString();
    await endpoint.script([{status: 503, retryAfter: date}]);
    const result = await send(request, {fetch: pageFetch, now: () => now});
    expect(result.kind).to.equal('retry');
    if (result.kind === 'retry') expect(result.retryAfterMs).to.be.within(29_000, 31_000);
  });

  for (const status of [400, 401, 403, 404, 409, 413, 422]) {
    it(`rejects on ${status} with the server’s message`, async () => {
      await endpoint.script([{status, message: `  nope\n ${status}  `}]);
      const result = await send(request, {fetch: pageFetch});
      expect(result).to.deep.equal({kind: 'rejected', status, message: `nope ${status}`});
      expect((await endpoint.log()).stored).to.have.length(0);
    });
  }

  it('reads plain-text reasons, trims long ones and never returns HTML', async () => {
    await endpoint.script([
      {status: 400, text: 'Missing CSRF token'},
      {status: 413, text: 'x'.repeat(5000)},
      {status: 404, text: '<html><body><h1>Not found</h1></body></html>', type: 'text/html'},
      {
        status: 422,
        text: JSON.stringify({error: {message: 'answers.conf-1 is not 1–5'}}),
        type: 'application/json',
      },
    ]);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await send(request, {fetch: pageFetch}));
    const messages = results.map((r) => (r.kind === 'rejected' ? r.message : r.kind));
    expect(messages[0]).to.equal('Missing CSRF token');
    expect(messages[1].length).to.equal(300);
    expect(messages[1].endsWith('…')).to.equal(true);
    expect(messages[2]).to.match(/^HTTP 404\b/);
    expect(messages[3]).to.equal('answers.conf-1 is not 1–5');
  });

  it('retries when the connection drops', async () => {
    await endpoint.script([{drop: true}]);
    const result = await send(request, {fetch: pageFetch});
    expect(result.kind).to.equal('retry');
    if (result.kind === 'retry') expect(result.status).to.equal(undefined);
    const log = await endpoint.log();
    console.log(`drop: the browser made ${log.attempts.length} request(s) for one send()`);
    expect(clientAttempts(log)).to.have.length(1);
    expect(log.stored).to.have.length(0);
  });

  it('gives up on a hanging server after timeoutMs and retries later', async () => {
    await endpoint.script([{hang: true}]);
    const started = Date.now();
    const result = await send(request, {fetch: pageFetch, timeoutMs: 300});
    const took = Date.now() - started;
    expect(result).to.deep.equal({kind: 'retry', message: 'No answer within 300 ms'});
    expect(took).to.be.within(250, 3000);
  });

  it('rejects with the reason when the caller aborts', async () => {
    await endpoint.script([{hang: true}]);
    const abort = new AbortController();
    setTimeout(() => abort.abort(new DOMException('left the page', 'AbortError')), 100);
    let error: unknown;
    try {
      await send(request, {fetch: pageFetch, signal: abort.signal, timeoutMs: 5000});
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('does not send invalid page headers', async () => {
    const result = await send({...request, headers: {'Bad Header': 'x'}}, {fetch: pageFetch});
    expect(result.kind).to.equal('rejected');
    expect((await endpoint.log()).attempts).to.have.length(0);
  });
});

describe('parseRetryAfter and isRetryableStatus', () => {
  it('parses seconds and dates, and ignores nonsense', () => {
    const now = Date.parse('2026-11-27T09:00:00Z');
    expect(parseRetryAfter('120', now)).to.equal(120_000);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:01:00 GMT', now)).to.equal(60_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 08:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });

  it('retries only 408, 425, 429 and 5xx', () => {
    const retryable = [400, 401, 404, 408, 409, 422, 425, 429, 500, 503, 599].filter(
      isRetryableStatus,
    );
    expect(retryable).to.deep.equal([408, 425, 429, 500, 503, 599]);
  });
});

describe('send: what a failed attempt says', () => {
  const request = (): SendRequest => ({id: uuid(), url: '/nowhere', format: 'json', body: '{}'});
  /** The message of a 400 whose body is `text` (no Content-Type unless `init` gives one). */
  const reason = async (text: string, init: ResponseInit = {}) => {
    const answer = new Response(new TextEncoder().encode(text), {status: 400, ...init});
    const result = await send(request(), {fetch: async () => answer});
    return result.kind === 'rejected' ? result.message : result.kind;
  };

  it('takes the first string of message, error and error.message, else the text', async () => {
    expect(await reason(JSON.stringify({message: 'a', error: 'b'}))).to.equal('a');
    expect(await reason(JSON.stringify({message: 5, error: 'b'}))).to.equal('b');
    expect(await reason(JSON.stringify({error: {message: ' c\n  d '}}))).to.equal('c d');
    // A blank reason, or none, leaves the text as it came.
    expect(await reason(JSON.stringify({message: ' ', error: 'b'}))).to.equal(
      '{"message":" ","error":"b"}',
    );
    expect(await reason(JSON.stringify({message: null, error: 7}))).to.equal(
      '{"message":null,"error":7}',
    );
    expect(await reason('null')).to.equal('null');
    expect(await reason('')).to.equal('HTTP 400');
    expect(await reason(' ', {statusText: 'Bad Request'})).to.equal('HTTP 400 Bad Request');
    expect(
      await reason('<p>{"message":"x"}</p>', {headers: {'Content-Type': 'text/html'}}),
    ).to.equal('HTTP 400');
  });

  it('gives up on a 3xx that is no redirect: asking again would not change it', async () => {
    for (const status of [300, 304, 305]) {
      const result = await send(request(), {fetch: async () => new Response(null, {status})});
      expect(result, String(status)).to.deep.equal({
        kind: 'rejected',
        status,
        message: `HTTP ${status}`,
      });
    }
  });

  it('falls back to the status when the body cannot be read', async () => {
    const result = await send(request(), {
      fetch: async () => {
        const answer = new Response('gone', {status: 503, statusText: 'Busy'});
        await answer.text();
        return answer;
      },
    });
    // No Retry-After: no retryAfterMs key at all.
    expect(result).to.deep.equal({kind: 'retry', status: 503, message: 'HTTP 503 Busy'});
  });

  it('names the network failure', async () => {
    const fail = (thrown: unknown) => send(request(), {fetch: () => Promise.reject(thrown)});
    expect(await fail(new TypeError('Failed to fetch'))).to.deep.equal({
      kind: 'retry',
      message: 'Network failure: Failed to fetch',
    });
    expect(await fail('down')).to.deep.equal({kind: 'retry', message: 'Network failure: down'});
  });
});
