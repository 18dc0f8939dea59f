// @ts-check
// The evaluation as an HTML fragment for the results page: semantic headings and tables
// (caption, th with scope), each chart beside its table, every untrusted string (pack text,
// ids, codes, cohort labels) escaped and isolated with <bdi> so a right-to-left override in a
// participant code cannot reorder the text around it. No script, no style attribute, no
// <style>: the page's CSP can be `style-src 'self'` with evaluation.css linked.
import {URLSearchParams} from 'node:url';
import {EXPORT_NAMES} from '../export/names.js';
import {escapeHtml} from '../html.js';
import {legendSvg, likertChart, meansChart, paletteFor} from './charts.js';

/** The export files the fragment links to, below `${basePath}/export/`. */
export const EXPORT_FILES = EXPORT_NAMES;

export {escapeHtml};

/** Untrusted text, escaped and bidi-isolated. */
export const bdi = (value) => `<bdi>${escapeHtml(value)}</bdi>`;

/**
 * A table's title from a score's label: "Confidence: each timepoint"; a label that ends in its
 * own mark (a question) is not given a colon after it: "… at work? Each timepoint".
 */
const titled = (/** @type {string} */ label, /** @type {string} */ what) =>
  /[?!.:]$/.test(label.trim())
    ? `${bdi(label)} ${what[0].toUpperCase()}${what.slice(1)}`
    : `${bdi(label)}: ${what}`;

const number = (digits) =>
  new Intl.NumberFormat('en-GB', {minimumFractionDigits: digits, maximumFractionDigits: digits});
const FORMATS = [0, 1, 2, 3].map(number);
const DASH = '<span class="rs-eval-na" title="not available">–</span>';

/** @param {number|null|undefined} v */
export function fmt(v, digits = 2) {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return FORMATS[digits].format(v).replace('-', '−');
}

/** A p value: three decimals, or "< 0.001". */
export function fmtP(p) {
  if (p === null || p === undefined || !Number.isFinite(p)) return DASH;
  return p < 0.001 ? '&lt; 0.001' : FORMATS[3].format(p);
}

const count = (n) => FORMATS[0].format(n);
const pct = (part, whole) => (whole ? `${FORMATS[0].format((100 * part) / whole)}%` : DASH);

/**
 * A table in a scrolling region a keyboard can reach (WCAG 1.4.10 reflow at 320 px: the
 * table scrolls, not the page), named by its caption.
 */
function table(id, caption, head, body, className = '') {
  return (
    `<div class="rs-eval-scroll" role="region" aria-labelledby="${id}" tabindex="0">` +
    `<table class="rs-eval-table ${className}"><caption id="${id}">${caption}</caption>` +
    `<thead>${head}</thead>${(Array.isArray(body) ? body : [body]).map((b) => `<tbody>${b}</tbody>`).join('')}</table></div>`
  );
}

/**
 * @param {import('./types.js').Evaluation} evaluation
 * @param {{filters?: Record<string, string|null|undefined>, basePath?: string,
 *   options?: {filterForm?: boolean, exportLinks?: boolean, simulatedNotice?: boolean, instruments?: string[],
 *     versions?: string[], cohorts?: string[], headingLevel?: number}}} [context]
 *   `filters`: those the rows were selected by (from, to, cohort, instrument, version),
 *   shown and kept in the export links; `basePath`: where the results page lives (the form
 *   submits to it, exports are below `${basePath}/export/`).
 * @returns {string} an HTML fragment
 */
export function renderEvaluation(evaluation, {filters = {}, basePath = '', options = {}} = {}) {
  const h = Math.min(4, Math.max(1, options.headingLevel ?? 2));
  const out = ['<div class="rs-eval">'];
  if (evaluation.simulated > 0 && options.simulatedNotice !== false) {
    out.push(
      `<p class="rs-eval-simulated"><strong>Simulated data.</strong> ${count(evaluation.simulated)} of the ` +
        `${count(evaluation.total)} responses shown come from the demo study (server/demo-study.js), ` +
        'not from real people. Clear them before the study starts.</p>',
    );
  }
  if (options.filterForm !== false) out.push(filterForm(filters, basePath, options));
  if (options.exportLinks !== false) out.push(exportLinks(filters, basePath));
  if (evaluation.groups.length) out.push(METHODS);
  if (!evaluation.groups.length) {
    out.push('<p class="rs-eval-empty">No responses match these filters yet.</p>');
  }
  for (const skipped of evaluation.skipped) {
    out.push(
      `<p class="rs-eval-note">${count(skipped.count)} ${skipped.count === 1 ? 'response' : 'responses'} not evaluated: ${escapeHtml(skipped.reason)}.</p>`,
    );
  }
  evaluation.groups.forEach((group, g) => out.push(renderGroup(group, `rs-eval-${g}`, h)));
  out.push('</div>');
  return out.join('\n');
}

const METHODS = `<details class="rs-eval-details rs-eval-methods"><summary>How these figures are computed</summary>
<ul>
<li>Each person counts once at each timepoint: the latest response of a participant code there. Responses without a code count at their timepoint but cannot be linked.</li>
<li>Mean (SD), median and interquartile range (quartiles as R’s default, type 7), and the 95% confidence interval of the mean from the t distribution.</li>
<li>Change from baseline: among the people linked at both timepoints, the mean of (later − baseline) with its 95% confidence interval and the paired t-test’s p; the Wilcoxon signed-rank test’s p (exact for up to 50 pairs without ties or no-change pairs, otherwise the normal approximation with continuity correction; no-change pairs left out, as R does); Cohen’s d<sub>z</sub> = mean change ÷ standard deviation of the changes.</li>
<li>Cronbach’s α over the people who answered every item of the score, reverse-keyed items turned round; for right-or-wrong knowledge items it equals KR-20.</li>
<li>Scores are those each response carries, computed on the device with the pack’s scoring rules.</li>
</ul></details>`;

function filterForm(filters, basePath, options) {
  const value = (k) => escapeHtml(filters[k] ?? '');
  const select = (name, label, list) => {
    const chosen = filters[name] ?? '';
    const opts = [`<option value="">All</option>`]
      .concat(
        [...new Set([...(list ?? []), ...(chosen ? [chosen] : [])])].map(
          (v) =>
            `<option value="${escapeHtml(v)}"${v === chosen ? ' selected' : ''}>${escapeHtml(v)}</option>`,
        ),
      )
      .join('');
    return `<p class="rs-eval-field"><label for="rs-eval-${name}">${label}</label><select id="rs-eval-${name}" name="${name}">${opts}</select></p>`;
  };
  const text = (name, label) =>
    list(options, name)
      ? select(name, label, list(options, name))
      : `<p class="rs-eval-field"><label for="rs-eval-${name}">${label}</label><input id="rs-eval-${name}" name="${name}" value="${value(name)}"></p>`;
  return (
    `<form class="rs-eval-filters" method="get" action="${escapeHtml(basePath || '.')}" aria-label="Filter the evaluation">` +
    `<p class="rs-eval-field"><label for="rs-eval-from">Received from</label><input id="rs-eval-from" name="from" type="date" value="${value('from')}"></p>` +
    `<p class="rs-eval-field"><label for="rs-eval-to">Received up to</label><input id="rs-eval-to" name="to" type="date" value="${value('to')}"></p>` +
    text('instrument', 'Pack') +
    text('version', 'Pack version') +
    text('cohort', 'Cohort') +
    '<p class="rs-eval-field rs-eval-submit"><button type="submit">Show</button></p></form>'
  );
}

function list(options, name) {
  const key = /** @type {const} */ ({
    instrument: 'instruments',
    version: 'versions',
    cohort: 'cohorts',
  })[name];
  return options[key];
}

function query(filters) {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'instrument', 'version', 'cohort']) {
    const v = filters[key];
    if (typeof v === 'string' && v) params.set(key, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function exportLinks(filters, basePath) {
  const q = query(filters);
  const href = (file) => escapeHtml(`${basePath}/export/${file}${q}`);
  return (
    '<nav class="rs-eval-exports" aria-label="Downloads"><ul>' +
    `<li><a href="${href(EXPORT_FILES.long)}" download>Responses, one row each (CSV)</a></li>` +
    `<li><a href="${href(EXPORT_FILES.wide)}" download>Participants, one row each (CSV)</a></li>` +
    `<li><a href="${href(EXPORT_FILES.codebook)}" download>Codebook (CSV)</a></li>` +
    `<li><a href="${href(EXPORT_FILES.spss)}" download>SPSS syntax</a></li>` +
    `<li><a href="${href(EXPORT_FILES.r)}" download>R script</a></li>` +
    `<li><a href="${href(EXPORT_FILES.stata)}" download>Stata do-file</a></li>` +
    '</ul></nav>'
  );
}

/** @param {import('./types.js').GroupResult} group */
function renderGroup(group, id, h) {
  const labelOf = new Map(group.timepoints.map((t) => [t.id, t.label]));
  const tpLabel = (tp) => bdi(labelOf.get(tp) ?? tp);
  const out = [`<section class="rs-eval-group" aria-labelledby="${id}">`];
  out.push(
    `<h${h} id="${id}">${bdi(group.title)} <span class="rs-eval-version">(${bdi(group.instrument)}` +
      `${group.version ? `, version ${bdi(group.version)}` : ''})</span></h${h}>`,
  );
  const facts = [`${count(group.responses)} responses`];
  if (group.simulated) facts.push(`${count(group.simulated)} of them simulated`);
  out.push(`<p>${facts.join(', ')}.</p>`);
  if (group.illustrative) {
    out.push(
      '<p class="rs-eval-note">This pack is illustrative and not validated: its scores describe groups and must not be used to judge anyone.</p>',
    );
  }
  if (!group.packKnown) {
    out.push(
      '<p class="rs-eval-note">The server does not know this pack, so the scores stored in each response are shown without their items (no Cronbach’s alpha, no item answers).</p>',
    );
  }
  out.push(renderRetention(group, id, h + 1, tpLabel));
  out.push(`<h${h + 1} id="${id}-scores">Scores</h${h + 1}>`);
  group.scores.forEach((score, s) =>
    out.push(renderScore(group, score, `${id}-s${s}`, h + 2, tpLabel)),
  );
  if (group.items.length) out.push(renderItems(group, id, h + 1, tpLabel));
  out.push('</section>');
  return out.join('\n');
}

function renderRetention(group, id, h, tpLabel) {
  const head =
    '<tr><th scope="col">Timepoint</th><th scope="col">Responses</th><th scope="col">People</th>' +
    '<th scope="col">With a code</th><th scope="col">Linked to baseline</th><th scope="col">Exact code</th>' +
    '<th scope="col">1 part differs</th><th scope="col">2 parts differ</th><th scope="col">Ambiguous</th></tr>';
  const baselineN = group.retention[0]?.n ?? 0;
  const body = group.retention
    .map((r) => {
      const l = r.linked;
      const cells = l
        ? [
            `${count(l.total)} <span class="rs-eval-aside">(${pct(l.total, baselineN)} of baseline)</span>`,
            count(l.exact),
            count(l.oneDiffers),
            count(l.twoDiffer),
            count(l.ambiguous),
          ]
        : ['<span class="rs-eval-aside">baseline</span>', '', '', '', ''];
      return (
        `<tr><th scope="row">${tpLabel(r.timepoint)}</th><td>${count(r.responses)}</td><td>${count(r.n)}</td>` +
        `<td>${count(r.withCode)}</td>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`
      );
    })
    .join('');
  const repeats = group.retention.reduce((s, r) => s + r.repeats, 0);
  const out = [
    `<h${h} id="${id}-retention">Retention and linking</h${h}>`,
    '<p>People are linked to their baseline answers by their participant code: exactly, or with one or two parts of the code entered differently when that is the only candidate on both sides. Codes with more than one candidate are left unlinked (ambiguous).' +
      (repeats
        ? ` ${count(repeats)} repeat responses (the same code at the same timepoint) were set aside: each person’s latest response counts.`
        : '') +
      '</p>',
    table(
      `${id}-retention-caption`,
      'People at each timepoint and how they link back to baseline',
      head,
      body,
      'rs-eval-numeric',
    ),
  ];
  const tolerant = group.retention.flatMap((r) =>
    (r.links ?? []).map((link) => ({...link, timepoint: r.timepoint})),
  );
  const ambiguous = group.retention.flatMap((r) =>
    (r.ambiguousCodes ?? []).map((code) => ({code, timepoint: r.timepoint})),
  );
  if (tolerant.length || ambiguous.length) {
    const rows = [
      ...tolerant.map(
        (t) =>
          `<tr><th scope="row">${tpLabel(t.timepoint)}</th><td><code>${bdi(t.baseline)}</code></td><td><code>${bdi(t.later)}</code></td><td>${escapeHtml(t.quality)}</td></tr>`,
      ),
      ...ambiguous.map(
        (a) =>
          `<tr><th scope="row">${tpLabel(a.timepoint)}</th><td>${DASH}</td><td><code>${bdi(a.code)}</code></td><td>ambiguous: not linked</td></tr>`,
      ),
    ].join('');
    out.push(
      `<details class="rs-eval-details"><summary>Codes linked with tolerance, and ambiguous codes (${count(tolerant.length + ambiguous.length)})</summary>` +
        table(
          `${id}-codes-caption`,
          'Codes not linked exactly',
          '<tr><th scope="col">Timepoint</th><th scope="col">Baseline code</th><th scope="col">Code given</th><th scope="col">Match</th></tr>',
          rows,
        ) +
        '</details>',
    );
  }
  return out.join('\n');
}

function renderScore(group, score, id, h, tpLabel) {
  const isMulti = score.items.length > 1;
  const range =
    score.min !== null && score.max !== null
      ? ` (range ${fmt(score.min, 0)} to ${fmt(score.max, 0)})`
      : '';
  const head =
    '<tr><th scope="col">Timepoint</th><th scope="col">n</th><th scope="col">Mean (SD)</th>' +
    '<th scope="col">95% CI of the mean</th><th scope="col">Median (IQR)</th>' +
    (isMulti ? `<th scope="col">Cronbach’s α <span class="rs-eval-aside">(n)</span></th>` : '') +
    '</tr>';
  const body = score.byTimepoint
    .map(
      (t) =>
        `<tr><th scope="row">${tpLabel(t.timepoint)}</th><td>${count(t.n)}</td>` +
        `<td>${fmt(t.mean)} (${fmt(t.sd)})</td><td>${fmt(t.ciLow)} to ${fmt(t.ciHigh)}</td>` +
        `<td>${fmt(t.median)} (${fmt(t.q1)} to ${fmt(t.q3)})</td>` +
        (isMulti
          ? `<td>${fmt(t.alpha?.alpha)} <span class="rs-eval-aside">(${count(t.alpha?.n ?? 0)})</span></td>`
          : '') +
        '</tr>',
    )
    .join('');
  const chart = meansChart({
    label: score.label,
    min: score.min,
    max: score.max,
    points: score.byTimepoint.map((t) => ({
      timepoint: group.timepoints.find((x) => x.id === t.timepoint)?.label ?? t.timepoint,
      mean: t.mean,
      ciLow: t.ciLow,
      ciHigh: t.ciHigh,
      n: t.n,
    })),
  });
  const changeHead =
    '<tr><th scope="col">Baseline to</th><th scope="col">Pairs</th><th scope="col">Mean change</th>' +
    '<th scope="col">95% CI</th><th scope="col">Cohen’s d<sub>z</sub></th>' +
    '<th scope="col">Wilcoxon signed-rank p</th><th scope="col">Paired t-test p</th></tr>';
  const changeBody = score.change
    .map(
      (c) =>
        `<tr><th scope="row">${tpLabel(c.to)}</th><td>${count(c.pairs)}</td><td>${fmt(c.meanChange)}</td>` +
        `<td>${fmt(c.ciLow)} to ${fmt(c.ciHigh)}</td><td>${fmt(c.dz)}</td><td>${fmtP(c.wilcoxonP)}</td>` +
        `<td>${fmtP(c.tP)}</td></tr>`,
    )
    .join('');
  const how =
    score.method === 'item'
      ? 'One item, its answer as given.'
      : score.method === 'correct'
        ? `Number of correct answers to ${count(score.items.length)} questions.`
        : score.method === 'stored'
          ? 'As stored in each response.'
          : `The ${score.method} of ${count(score.items.length)} items, reverse-keyed items turned round.`;
  return [
    `<section class="rs-eval-score" aria-labelledby="${id}">`,
    `<h${h} id="${id}">${bdi(score.label)}</h${h}>`,
    `<p class="rs-eval-aside">${how}${range}</p>`,
    '<div class="rs-eval-pair">',
    `<figure class="rs-eval-chart">${chart}<figcaption>Mean and 95% confidence interval at each timepoint; the table gives the figures.</figcaption></figure>`,
    table(`${id}-desc`, titled(score.label, 'each timepoint'), head, body, 'rs-eval-numeric'),
    '</div>',
    table(
      `${id}-change`,
      titled(score.label, 'change from baseline in the people linked at both'),
      changeHead,
      changeBody,
      'rs-eval-numeric',
    ),
    '</section>',
  ].join('\n');
}

function renderItems(group, id, h, tpLabel) {
  const out = [`<h${h} id="${id}-items">Answers to each item</h${h}>`];
  // One chart per section and scale, so each has one legend.
  /** @type {Map<string, typeof group.items>} */
  const blocks = new Map();
  for (const item of group.items) {
    const key = `${item.section}\u0000${item.points.map((p) => `${p.value}=${p.label}`).join('|')}`;
    if (!blocks.has(key)) blocks.set(key, []);
    blocks.get(key)?.push(item);
  }
  let b = 0;
  for (const items of blocks.values()) {
    const blockId = `${id}-i${b++}`;
    const points = items[0].points;
    const colours = paletteFor(points.length);
    const timepoints = group.timepoints.filter((t) =>
      items.some((i) => i.byTimepoint.some((x) => x.timepoint === t.id)),
    );
    const labelOf = (tp) => group.timepoints.find((t) => t.id === tp)?.label ?? tp;
    const chart = likertChart({
      label: items[0].section,
      points: points.map((p) => p.label),
      timepoints: timepoints.map((t) => t.label),
      rows: items.flatMap((item) =>
        item.byTimepoint.map((t) => ({
          item: itemName(item),
          timepoint: labelOf(t.timepoint),
          n: t.n,
          counts: t.counts,
        })),
      ),
    });
    const legend =
      '<ul class="rs-eval-legend" aria-label="Answers">' +
      points.map((p, i) => `<li>${legendSvg(colours[i])}${bdi(p.label)}</li>`).join('') +
      '</ul>';
    const head =
      '<tr><th scope="col">Item</th><th scope="col">Timepoint</th><th scope="col">n</th>' +
      points.map((p) => `<th scope="col">${bdi(p.label)}</th>`).join('') +
      '</tr>';
    const body = items.map((item) =>
      item.byTimepoint
        .map(
          (t, i) =>
            '<tr>' +
            (i === 0
              ? `<th scope="rowgroup" rowspan="${item.byTimepoint.length}"><span class="rs-eval-item-id">${bdi(itemName(item))}</span> ${bdi(item.label)}</th>`
              : '') +
            `<th scope="row">${tpLabel(t.timepoint)}</th><td>${count(t.n)}</td>` +
            t.counts.map((c) => `<td>${pct(c, t.n)}</td>`).join('') +
            '</tr>',
        )
        .join(''),
    );
    out.push(
      `<section class="rs-eval-block" aria-labelledby="${blockId}">`,
      `<h${h + 1} id="${blockId}">${bdi(items[0].section)}</h${h + 1}>`,
      '<div class="rs-eval-pair">',
      `<figure class="rs-eval-chart">${chart}<figcaption>${legend}Share of each answer; disagreement left of the centre line, agreement right, the middle answer split across it.</figcaption></figure>`,
      table(
        `${blockId}-caption`,
        `${bdi(items[0].section)}: share of each answer`,
        head,
        body,
        'rs-eval-numeric',
      ),
      '</div>',
      '</section>',
    );
  }
  return out.join('\n');
}

const itemName = (item) => (item.reverse ? `${item.id} (reversed)` : item.id);
