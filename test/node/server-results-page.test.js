// The server-rendered results page: escaping, CSP-friendliness, and what it reports.

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  RESULTS_CSP,
  barChart,
  escapeHtml,
  renderResultsPage,
} from '../../server/results-page.js';

const record = (timepoint, participant, submittedAt, extra = {}) => ({
  kind: 'response',
  body: {
    id: `${timepoint}-${participant}`,
    instrument: {id: 'coping-with-error', version: '1.0.0'},
    timepoint,
    participant,
    submittedAt,
    answers: {},
    scores: {confidence: {value: 3, answered: 6, of: 6, band: null}},
    ...extra,
  },
});

test('escapeHtml covers the five special characters', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});

test('every value from a request is escaped: codes, timepoints, instruments, scores', () => {
  const evil = '<script>alert(1)</script>';
  const page = renderResultsPage([
    record('baseline', evil, '2026-01-01T10:00:00Z', {
      instrument: {id: `<img src=x onerror=alert(1)>`, version: '"><svg onload=alert(1)>'},
      scores: {[`<b>score</b>`]: {value: 2, answered: 1, of: 1, band: null}},
    }),
    record(`after<i>`, evil, '2026-02-01T10:00:00Z', {
      instrument: {id: `<img src=x onerror=alert(1)>`, version: '1'},
    }),
  ]);
  assert.ok(!page.includes('<script'), 'no script element');
  assert.ok(!page.includes('<img'), 'no injected element');
  assert.ok(!page.includes('<svg onload'), 'no injected attribute');
  assert.ok(!page.includes('<b>score'), 'score names escaped');
  assert.ok(!page.includes('after<i>'), 'timepoints escaped');
  assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(page.includes('after&lt;i&gt;'));
});

test('the page needs nothing a strict CSP would block', () => {
  const page = renderResultsPage([
    record('baseline', 'M-07-J', '2026-01-01T10:00:00Z'),
    record('after', 'M-07-J', '2026-02-01T10:00:00Z'),
  ]);
  assert.doesNotMatch(page, /<script|<style|\sstyle=|\son[a-z]+=|javascript:/i);
  assert.match(page, /<link rel="stylesheet" href="results.css"/);
  assert.match(RESULTS_CSP, /default-src 'none'/);
  assert.match(RESULTS_CSP, /style-src 'self'/);
  assert.doesNotMatch(RESULTS_CSP, /unsafe/);
});

test('counts, match quality and means are shown', () => {
  const page = renderResultsPage([
    record('baseline', 'M-07-J', '2026-01-01T10:00:00Z'),
    record('baseline', 'A-01-B', '2026-01-01T11:00:00Z'),
    record('baseline', 'C-02-D', '2026-01-01T12:00:00Z'),
    record('baseline', 'E-03-F', '2026-01-01T13:00:00Z'),
    record('after', 'M-07-J', '2026-02-01T10:00:00Z'),
    record('after', 'A-01-X', '2026-02-01T11:00:00Z'),
    record('after', 'Q-02-Z', '2026-02-01T12:00:00Z'),
    record('after', 'Y-09-W', '2026-02-01T13:00:00Z'),
    {kind: 'xapi-statement', body: {}},
  ]);
  const text = page.replace(/\s+/g, ' ');
  assert.match(text, /8 responses stored/);
  assert.match(text, /not summarised here: 1 xAPI statement\./);
  assert.match(text, /<th scope="row">baseline<\/th> <td>4<\/td>/);
  assert.match(text, /3 linked: 1 exact, 1 1 part differs, 1 2 parts differ/);
  assert.match(text, /Not linked: 1 at baseline, 1 at after/);
  for (const q of ['exact', '1 part differs', '2 parts differ'])
    assert.match(text, new RegExp(`<td class="match-\\d">${q}</td>`));
  assert.match(text, /<td>3\.00<\/td>/);
  assert.match(text, /<svg class="chart"/);
});

test('an empty store renders a page that says so', () => {
  const page = renderResultsPage([]);
  assert.match(page, /No responses yet/);
  assert.doesNotMatch(page, /results\.csv/);
});

test('the bar chart scales bars to the largest mean and labels them', () => {
  const svg = barChart([
    {timepoint: 'baseline', mean: 2, n: 3},
    {timepoint: 'a-very-long-timepoint-name', mean: 4, n: 2},
    {timepoint: 'none', mean: null, n: 0},
  ]).toString();
  const heights = [...svg.matchAll(/<rect\s[^>]*?\sheight="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.equal(heights.length, 3);
  assert.equal(heights[1], heights[0] * 2);
  assert.equal(heights[2], 0);
  assert.match(svg, /a-very-long-tim…/);
  assert.match(svg, /aria-hidden="true"/);
});
