// The runnable CLI: starts from flags and environment, prints the sign-in, serves, survives
// kill -9 and restarts (no stale lock), finishes in-flight requests on SIGTERM, and says in
// one line when the port or the data folder is taken.

import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {request as httpRequest} from 'node:http';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {test} from 'node:test';
import {URL, fileURLToPath} from 'node:url';
import {request} from './http.js';
import {makeResponse} from './response.js';

const MAIN = fileURLToPath(new URL('../../server/main.js', import.meta.url));

function startCli(args, env = {}) {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  const started = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      // The start-up banner ends with the trusted origins line; wait for all of it.
      const match = /Results: +(http:\/\/\S+)[\s\S]*Trusted origins:.*\n/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}${errors}`)));
  });
  started.catch(() => {});
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  /** Resolves once the output contains `text` (logs are written after the answer). */
  const waitFor = (text) =>
    new Promise((resolve) => {
      const check = () => {
        if (!output.includes(text)) return;
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
    });
  return {child, started, exited, waitFor, output: () => output, errors: () => errors};
}

const portOf = (url) => Number(new URL(url).port);
const post = (port, body) =>
  request(port, {
    method: 'POST',
    path: '/api/responses',
    headers: {'content-type': 'application/json', 'idempotency-key': body.id},
    body,
  });

test('the CLI prints the sign-in, serves the pages behind it, and stops cleanly on SIGTERM', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-cli-'));
  const cli = startCli(['--port', '0', '--data', dataDir], {
    TRUSTED_ORIGINS: 'https://a.example, https://b.example',
    RESULTS_TOKEN: '',
  });
  try {
    const resultsUrl = await cli.started;
    const port = portOf(resultsUrl);
    assert.match(cli.output(), /Trusted origins: https:\/\/a\.example, https:\/\/b\.example/);
    const token = /with the access token (\S+)/.exec(cli.output())[1];
    assert.equal((await request(port, {path: '/results'})).status, 303, 'sign-in first');
    const page = await request(port, {
      path: '/results',
      headers: {authorization: `Bearer ${token}`},
    });
    assert.equal(page.status, 200);
    assert.match(page.headers['content-security-policy'], /default-src 'none'/);
    assert.equal((await request(port, {path: '/elsewhere'})).status, 404);
    // Structured request logs, never with answer content.
    const body = makeResponse({participant: 'SECRET-CODE'});
    assert.equal((await post(port, body)).status, 201);
    await cli.waitFor('"method":"POST","path":"/api/responses","status":201');
    assert.ok(!cli.output().includes('SECRET-CODE'));
  } finally {
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
  }
  // The next start finds the data and no lock, and prints no new token.
  const again = startCli(['--port', '0', '--data', dataDir]);
  try {
    await again.started;
    assert.match(again.output(), /the token printed at the first start/);
  } finally {
    again.child.kill('SIGTERM');
    await again.exited;
    await rm(dataDir, {recursive: true, force: true});
  }
});

test('finding: a restart after kill -9 (the pid-only lock) starts, with every acknowledged response', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-kill-'));
  try {
    const first = startCli(['--port', '0', '--data', dataDir, '--token', 'k']);
    const port = portOf(await first.started);
    const body = makeResponse();
    assert.equal((await post(port, body)).status, 201);
    first.child.kill('SIGKILL');
    assert.equal(await first.exited, 'SIGKILL');
    const second = startCli(['--port', '0', '--data', dataDir, '--token', 'k']);
    try {
      const port2 = portOf(await second.started);
      assert.equal(
        (await post(port2, body)).status,
        200,
        'stored before the kill, recognised after',
      );
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    await rm(dataDir, {recursive: true, force: true});
  }
});

test('SIGTERM lets a request in flight finish and store', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-term-'));
  try {
    const cli = startCli(['--port', '0', '--data', dataDir, '--token', 'k']);
    const port = portOf(await cli.started);
    const body = Buffer.from(JSON.stringify(makeResponse()));
    const answer = new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/responses',
          // 100-continue: the server answers "go on" once it has read the headers and begun
          // this request, which is the moment to tell it to stop.
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            expect: '100-continue',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', reject);
      req.on('continue', () => {
        req.write(body.subarray(0, 100));
        cli.child.kill('SIGTERM');
        // The rest of the body once the server says it is finishing open requests.
        cli.waitFor('finishing open requests').then(() => req.end(body.subarray(100)));
      });
      req.flushHeaders();
    });
    assert.equal(await answer, 201);
    assert.equal(await cli.exited, 0);
    const again = startCli(['--port', '0', '--data', dataDir, '--token', 'k']);
    const port2 = portOf(await again.started);
    const {json} = await request(port2, {
      path: '/api/responses',
      headers: {authorization: 'Bearer k'},
    });
    assert.equal(json.responses.length, 1);
    again.child.kill('SIGTERM');
    await again.exited;
  } finally {
    await rm(dataDir, {recursive: true, force: true});
  }
});

test('a second server on the same data folder, or on a taken port, says so in one line', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-twice-'));
  const first = startCli(['--port', '0', '--data', dataDir, '--token', 'k']);
  try {
    const port = portOf(await first.started);
    const second = startCli(['--port', '0', '--data', dataDir, '--token', 'k']);
    assert.equal(await second.exited, 1);
    assert.match(second.errors(), /is in use by another server/);
    assert.equal(second.errors().trim().split('\n').length, 1, second.errors());

    const otherDir = await mkdtemp(join(tmpdir(), 'rs-port-'));
    const third = startCli(['--port', String(port), '--data', otherDir, '--token', 'k']);
    assert.equal(await third.exited, 1);
    assert.match(
      third.errors(),
      new RegExp(`^Port ${port} is taken\\. Pick another: --port ${port + 1}`),
    );
    assert.equal(third.errors().trim().split('\n').length, 1, third.errors());
    await rm(otherDir, {recursive: true, force: true});

    // finding: `OPTIONS *:abc` on the server's own port.
    const answer = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.on('data', (c) => (data += c));
      socket.on('close', () => resolve(data));
      socket.end('OPTIONS *:abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    });
    assert.match(answer, /^HTTP\/1\.1 4\d\d/);
    assert.equal((await request(port, {path: '/health'})).status, 200, 'still up');
  } finally {
    first.child.kill('SIGTERM');
    await first.exited;
    await rm(dataDir, {recursive: true, force: true});
  }
});

test('the CLI refuses a bad origin', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-cli-'));
  try {
    const cli = startCli(['--port', '0', '--data', dataDir, '--origin', 'not a url']);
    assert.equal(await cli.exited, 1);
    assert.match(cli.errors(), /Invalid URL/);
  } finally {
    await rm(dataDir, {recursive: true, force: true});
  }
});
