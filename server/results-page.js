// The results page, rendered on the server as plain HTML: no scripts and no inline styles,
// so it works under a strict Content-Security-Policy (`default-src 'none'; style-src 'self'`)
// and its stylesheet is served separately as /results.css.
//
// Everything that came from a request — codes, timepoints, instrument ids, score names —
// goes through the `html` tag below, which escapes every interpolated value unless it is
// markup this module built itself.

import {MAX_DIFFERENCES, matchQuality} from './pairing.js';
import {FORMAT_LABELS, collectResponses} from './responses.js';
import {summarise} from './stats.js';

export const RESULTS_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

// --- escaping -------------------------------------------------------------------------

class Markup {
  constructor(value) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

const ENTITIES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function render(value) {
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** Template tag: the literal parts are markup, every `${value}` is escaped. */
function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => (out += render(value) + strings[i + 1]));
  return new Markup(out);
}

// --- the page -------------------------------------------------------------------------

/**
 * @param {Array<{kind: string, body: object}>} records  everything in the store
 * @returns {string} a complete HTML document
 */
export function renderResultsPage(records) {
  const {responses, unsummarised} = collectResponses(records);
  const instruments = summarise(responses);
  const ids = idMaker();
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>Survey results</title>
        <link rel="stylesheet" href="results.css" />
      </head>
      <body>
        <header>
          <h1>Survey results</h1>
          <p>
            ${responses.length} ${responses.length === 1 ? 'response' : 'responses'}
            stored${formatBreakdown(responses)}.
            ${responses.length ? html`<a href="results.csv">Download every response as CSV</a>.` : ''}
          </p>
          ${unsummarised.length ? html`<p>Also stored, not summarised here: ${unsummarised.join('; ')}.</p>` : ''}
          <p class="notice">
            These answers are pseudonymous personal data, and some describe people's health. Keep
            this page and the CSV to the study team.
          </p>
        </header>
        <main>
          ${instruments.length ? instruments.map((i) => instrumentSection(i, ids)) : html`<p>No responses yet.</p>`}
        </main>
      </body>
    </html> `.toString();
}

function instrumentSection(instrument, ids) {
  const headingId = ids('instrument');
  return html`<section aria-labelledby="${headingId}">
    <h2 id="${headingId}">
      ${instrument.id}
      ${instrument.versions.length ? html`<span class="versions">(version ${instrument.versions.join(', ')})</span>` : ''}
    </h2>
    <h3>Responses per timepoint</h3>
    <table>
      <thead>
        <tr>
          <th scope="col">Timepoint</th>
          <th scope="col">Responses</th>
          ${instrument.formats.map((f) => html`<th scope="col">as ${FORMAT_LABELS[f] ?? f}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${instrument.timepoints.map(
          (t) =>
            html`<tr>
              <th scope="row">${t}</th>
              <td>${instrument.counts.get(t)}</td>
              ${instrument.formats.map((f) => html`<td>${instrument.formatCounts.get(t).get(f) ?? 0}</td>`)}
            </tr> `,
        )}
      </tbody>
    </table>
    ${
      instrument.means.length
        ? html`<h3>Mean scores by timepoint</h3>
            ${instrument.means.map((m) => scoreFigure(m, ids))}`
        : ''
    }
    <h3>Before and after, linked by participant code</h3>
    ${instrument.links.length ? instrument.links.map((link) => linkSection(link, instrument.formats.length > 1)) : html`<p>Only one timepoint so far: nothing to link.</p>`}
  </section> `;
}

function scoreFigure({score, byTimepoint}, ids) {
  const captionId = ids('score');
  return html`<figure aria-labelledby="${captionId}">
    <figcaption id="${captionId}">Mean <strong>${score}</strong> by timepoint</figcaption>
    ${barChart(byTimepoint)}
    <table>
      <thead>
        <tr>
          <th scope="col">Timepoint</th>
          <th scope="col">Mean</th>
          <th scope="col">Responses with this score</th>
        </tr>
      </thead>
      <tbody>
        ${byTimepoint.map(
          ({timepoint, mean, n}) =>
            html`<tr>
              <th scope="row">${timepoint}</th>
              <td>${formatMean(mean)}</td>
              <td>${n}</td>
            </tr> `,
        )}
      </tbody>
    </table>
  </figure> `;
}

/**
 * A bar chart as inline SVG: geometry in attributes, colours in results.css (a `style`
 * attribute would be blocked by the CSP). Hidden from assistive technology because the
 * table next to it says the same in text.
 */
export function barChart(bars) {
  const width = 560;
  const height = 220;
  const top = 24;
  const bottom = 40;
  const left = 16;
  const plot = height - top - bottom;
  const max = Math.max(0, ...bars.map((b) => b.mean ?? 0)) || 1;
  const slot = (width - 2 * left) / Math.max(bars.length, 1);
  const barWidth = Math.min(80, slot * 0.6);
  const axisY = top + plot;
  return html`<svg
    class="chart"
    viewBox="0 0 ${width} ${height}"
    width="${width}"
    height="${height}"
    aria-hidden="true"
    focusable="false"
  >
    <line class="axis" x1="${left}" y1="${axisY}" x2="${width - left}" y2="${axisY}" />
    ${bars.map(({timepoint, mean}, i) => {
      const centre = left + slot * i + slot / 2;
      const h = mean === null ? 0 : (Math.max(mean, 0) / max) * plot;
      return html`<g>
        <rect
          class="bar bar-${i % 6}"
          x="${round(centre - barWidth / 2)}"
          y="${round(axisY - h)}"
          width="${round(barWidth)}"
          height="${round(h)}"
        />
        <text class="value" x="${round(centre)}" y="${round(axisY - h - 6)}" text-anchor="middle"
          >${formatMean(mean)}</text
        >
        <text class="label" x="${round(centre)}" y="${axisY + 20}" text-anchor="middle"
          >${shorten(timepoint, 16)}</text
        >
      </g> `;
    })}
  </svg>`;
}

function linkSection(link, showFormat) {
  const code = (response) =>
    html`${response.participant}${showFormat ? html` <span class="format">(${FORMAT_LABELS[response.format] ?? response.format})</span>` : ''}`;
  const counts = Array.from(
    {length: MAX_DIFFERENCES + 1},
    (_, d) => link.pairs.filter((p) => p.differences === d).length,
  );
  const ambiguous = [...link.ambiguousBefore, ...link.ambiguousAfter];
  return html`<h4>${link.before} → ${link.after}</h4>
    <p>
      ${link.pairs.length} linked: ${counts.map((n, d) => `${n} ${matchQuality(d)}`).join(', ')}.
      Not linked: ${link.unpairedBefore.length} at ${link.before}, ${link.unpairedAfter.length} at
      ${link.after}${
        ambiguous.length
          ? html` (of which ${ambiguous.length} ambiguous: the code matched more than one response
            equally well)`
          : ''
      }.
    </p>
    ${
      link.pairs.length
        ? html`<table>
            <thead>
              <tr>
                <th scope="col">Code at ${link.before}</th>
                <th scope="col">Code at ${link.after}</th>
                <th scope="col">Match</th>
              </tr>
            </thead>
            <tbody>
              ${link.pairs.map(
                (p) =>
                  html`<tr>
                    <td>${code(p.before)}</td>
                    <td>${code(p.after)}</td>
                    <td class="match-${p.differences}">${p.quality}</td>
                  </tr> `,
              )}
            </tbody>
          </table>`
        : ''
    }
    ${ambiguous.length ? html`<p>Ambiguous codes: ${ambiguous.map((r, i) => html`${i ? ', ' : ''}<code>${r.participant}</code>`)}</p>` : ''} `;
}

/** " (2 JSON, 1 FHIR)" when anything came in another format than JSON; else nothing. */
function formatBreakdown(responses) {
  const counts = new Map();
  for (const r of responses) counts.set(r.format, (counts.get(r.format) ?? 0) + 1);
  if (!responses.length || (counts.size === 1 && counts.has('json'))) return '';
  const parts = Object.keys(FORMAT_LABELS)
    .filter((f) => counts.has(f))
    .map((f) => `${counts.get(f)} ${FORMAT_LABELS[f]}`);
  return ` (${parts.join(', ')})`;
}

function idMaker() {
  let n = 0;
  return (prefix) => `${prefix}-${++n}`;
}

function formatMean(mean) {
  return mean === null ? '–' : mean.toFixed(2);
}

function round(n) {
  return Math.round(n * 10) / 10;
}

function shorten(text, max) {
  text = String(text);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// --- the stylesheet -------------------------------------------------------------------

export const RESULTS_CSS = `:root {
  color-scheme: light dark;
  --fg: #1d1d1f;
  --bg: #ffffff;
  --muted: #4a4a4f;
  --rule: #b8b8c0;
  --accent: #005eb8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #f2f2f4;
    --bg: #151518;
    --muted: #c4c4cc;
    --rule: #55555d;
    --accent: #7fb8ff;
  }
}
body {
  margin: 0 auto;
  max-width: 60rem;
  padding: 1rem 1.25rem 3rem;
  font: 1rem/1.5 system-ui, sans-serif;
  color: var(--fg);
  background: var(--bg);
}
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.notice { border-left: 4px solid var(--accent); padding-left: 0.75rem; color: var(--muted); }
.versions, .format { font-weight: normal; color: var(--muted); font-size: 0.8em; }
section { border-top: 1px solid var(--rule); margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid var(--rule); padding: 0.25rem 0.6rem; text-align: left; }
td { font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; }
.chart { display: block; max-width: 100%; height: auto; }
.chart .axis { stroke: var(--fg); stroke-width: 1; }
.chart .value, .chart .label { fill: var(--fg); font-size: 13px; }
.chart .bar { fill: var(--accent); }
.chart .bar-1 { fill: #00a499; }
.chart .bar-2 { fill: #ae2573; }
.chart .bar-3 { fill: #ed8b00; }
.chart .bar-4 { fill: #330072; }
.chart .bar-5 { fill: #768692; }
.match-1, .match-2 { color: var(--muted); }
`;
