// The runnable CLI: starts from flags and environment, serves, and stops cleanly on SIGTERM.

import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {get} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {test} from 'node:test';
import {URL, fileURLToPath} from 'node:url';

const MAIN = fileURLToPath(new URL('../../server/main.js', import.meta.url));

function startCli(args, env = {}) {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      // The start-up banner ends with the trusted origins line; wait for all of it.
      const match = /Results: +(http:\/\/\S+)[\s\S]*Trusted origins:.*\n/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return {child, started, exited, output: () => output};
}

function fetchText(url) {
  return new Promise((resolve, reject) => {
    get(url, {agent: false}, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({status: res.statusCode, headers: res.headers, text}));
    }).on('error', reject);
  });
}

test('the CLI serves the results page and releases the data folder on SIGTERM', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-cli-'));
  const cli = startCli(['--port', '0', '--data', dataDir], {
    TRUSTED_ORIGINS: 'https://a.example, https://b.example',
  });
  try {
    const resultsUrl = await cli.started;
    assert.match(cli.output(), /Trusted origins: https:\/\/a\.example, https:\/\/b\.example/);
    const page = await fetchText(resultsUrl);
    assert.equal(page.status, 200);
    assert.match(page.headers['content-security-policy'], /default-src 'none'/);
    const other = await fetchText(resultsUrl.replace('/results', '/elsewhere'));
    assert.equal(other.status, 404);
    assert.ok(existsSync(join(dataDir, 'lock')));
  } finally {
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
    assert.ok(!existsSync(join(dataDir, 'lock')), 'lock released');
    await rm(dataDir, {recursive: true, force: true});
  }
});

test('the CLI refuses a bad origin', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rs-cli-'));
  try {
    const cli = startCli(['--port', '0', '--data', dataDir, '--origin', 'not a url']);
    cli.started.catch(() => {});
    assert.equal(await cli.exited, 1);
    assert.match(cli.output(), /Invalid URL/);
  } finally {
    await rm(dataDir, {recursive: true, force: true});
  }
});
