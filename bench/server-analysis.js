// `node bench/server-analysis.js [responses]`: the evaluation page and the exports for a big
// study, without the database (rows are generated as storage would stream them).
// 100,000 responses by default, 10 per participant code (the target: evaluation
// < 1 s and server RSS < 300 MB; a full export streamed with RSS growth < 50 MB).
// Prints time and memory for each step. Run with `node --expose-gc` for steadier memory.
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {evaluate, renderEvaluation} from '../server/analysis/index.js';
import {longCsv, wideCsv} from '../server/export/index.js';

const total = Number(process.argv[2] ?? 100_000);
const PER_CODE = 10;
const TIMEPOINTS = ['baseline', 'post-workshop', 'post-coaching', 'follow-up'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A deterministic stream of rows, ordered by participant (as the wide export asks). */
function* rows(count = total) {
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const person = Math.floor(i / PER_CODE);
    const t = Math.min(3, Math.floor(((i % PER_CODE) * TIMEPOINTS.length) / PER_CODE));
    const code = `${LETTERS[person % 26]}${LETTERS[Math.floor(person / 26) % 26]}-${String(1 + (person % 12)).padStart(2, '0')}-${LETTERS[Math.floor(person / 676) % 26]}${person}`;
    const answers = {code};
    let sum = 0;
    for (let k = 1; k <= 7; k++) {
      const v = 1 + Math.floor(random() * 5);
      answers[`conf-${k}`] = v;
      sum += k === 4 ? 6 - v : v;
    }
    let correct = 0;
    for (let k = 1; k <= 5; k++) {
      const right = random() < 0.5 + t * 0.1;
      answers[`know-${k}`] = right ? ['x'] : ['y'];
      correct += right ? 1 : 0;
    }
    answers.resilience = Math.floor(random() * 11);
    const at = new Date(start + i * 60_000).toISOString();
    yield {
      id: `r${i}`,
      kind: 'response',
      receivedAt: at,
      instrument: 'coping-with-error',
      version: '1.0.0',
      timepoint: TIMEPOINTS[t],
      participant: code,
      cohort: null,
      simulated: false,
      body: {
        schema: 'resilience-survey/response@1',
        id: `r${i}`,
        instrument: {id: 'coping-with-error', version: '1.0.0'},
        timepoint: TIMEPOINTS[t],
        participant: code,
        submittedAt: at,
        answers,
        scores: {
          confidence: {value: Math.round((sum / 7) * 100) / 100, answered: 7, of: 7, band: null},
          knowledge: {value: correct, answered: 5, of: 5, band: null},
        },
      },
    };
  }
}

/** Rows as an async stream, like storage.responses(). */
async function* stream() {
  yield* rows();
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = () => globalThis.gc?.();

gc();
const rssStart = process.memoryUsage().rss;
let peak = rssStart;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);

/** Wall-clock and CPU time (user + system, all threads) of `work`. */
async function timed(work) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return {result, wall: performance.now() - started, cpu: (used.user + used.system) / 1000};
}
const ms = ({wall, cpu}) => `${wall.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms)`;

// What generating the rows costs alone (storage has its own cost in the server).
const generate = await timed(async () => {
  let n = 0;
  for await (const row of stream()) n += row.id ? 1 : 0;
  return n;
});
const generated = generate.result;
const evaluated = await timed(() => evaluate(stream()));
const evaluation = evaluated.result;
const rendered = await timed(() => renderEvaluation(evaluation, {basePath: '/results'}));
const html = rendered.result;
peak = Math.max(peak, process.memoryUsage().rss);
const peakEvaluation = peak;
console.log(`evaluation of ${total.toLocaleString('en')} responses (${PER_CODE} per code):`);
console.log(`  generating the ${generated.toLocaleString('en')} rows alone: ${ms(generate)}`);
console.log(`  evaluate, reading the generated stream: ${ms(evaluated)}`);
console.log(`  render: ${ms(rendered)} (${(html.length / 1024).toFixed(0)} KB of HTML)`);
console.log(
  `  RSS at start ${mb(rssStart)}, peak while evaluating the stream ${mb(peakEvaluation)}`,
);

async function measure(name, chunks) {
  gc();
  const before = process.memoryUsage().rss;
  peak = before;
  const run = await timed(async () => {
    let n = 0;
    for await (const chunk of chunks) n += chunk.length;
    return n;
  });
  const bytes = run.result;
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${name}: ${ms(run)}, ${(bytes / 1024 / 1024).toFixed(1)} MB written, RSS ${mb(before)} → peak ${mb(peak)} (growth ${mb(peak - before)})`,
  );
}
await measure(
  'long CSV (two passes)',
  longCsv(() => stream()),
);
await measure(
  'wide CSV (two passes)',
  wideCsv(() => stream()),
);
clearInterval(sample);

// The same rows in memory: evaluate's own cost, without generating them.
const inMemory = [...rows()];
const own = await timed(() => evaluate(inMemory));
inMemory.length = 0;
console.log(`evaluate again, the rows already in memory (its own cost): ${ms(own)}`);
