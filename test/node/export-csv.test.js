import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {packFor} from '../../server/analysis/packs.js';
import {createEndpoint} from '../../server/endpoint.js';
import {cell, codebook, longCsv, wideCsv} from '../../server/export/index.js';
import {simulateStudy} from '../../server/demo-study.js';
import {byCodePoint} from '../../server/pages.js';
import {request} from './http.js';
import {loadTs} from './load-ts.js';
import {freshDatabase} from './fresh-database.js';

const collect = async (chunks) => {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
};

/** A minimal RFC 4180 reader: the cells of each record. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

const row = (id, participant, answers, extra = {}) => ({
  id,
  kind: 'response',
  receivedAt: '2026-01-01T10:00:00.000Z',
  instrument: 'custom',
  version: '1',
  timepoint: 'pre',
  participant,
  cohort: null,
  simulated: false,
  body: {answers, scores: {}},
  ...extra,
});

test('every cell is quoted when it holds , ; tab quote CR or LF, and formula text is guarded', () => {
  assert.equal(cell('a;b'), '"a;b"'); // was unquoted: a formula in ;-separated locales
  assert.equal(cell('a,b'), '"a,b"');
  assert.equal(cell('a\tb'), '"a\tb"');
  assert.equal(cell('say "hi"'), '"say ""hi"""');
  assert.equal(cell('two\r\nlines'), '"two\r\nlines"');
  assert.equal(cell('=1+1'), "'=1+1");
  assert.equal(cell('+cmd|x'), "'+cmd|x");
  assert.equal(cell('-2;=3'), `"'-2;=3"`);
  assert.equal(cell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(cell('\tx'), `"'\tx"`);
  assert.equal(cell(-2), '-2'); // numbers stay numbers
  assert.equal(cell(['a', 'b']), 'a|b');
  assert.equal(cell(null), '');
});

test('answer ids constructor, toString and __proto__ are plain columns with the answers given', async () => {
  const answers = JSON.parse(
    '{"constructor": "a", "toString": "b;c", "__proto__": "d", "hasOwnProperty": 4}',
  );
  const rows = [row('1', 'A-01-B', answers), row('2', 'A-01-C', {other: 'x'})];
  const records = parseCsv(await collect(longCsv(() => rows)));
  const header = records[0];
  const at = (r, name) => records[r][header.indexOf(name)];
  assert.equal(at(1, 'q_constructor'), 'a');
  assert.equal(at(1, 'q_toString'), 'b;c');
  assert.equal(at(1, 'q_hasOwnProperty'), '4');
  assert.ok(header.some((h) => /proto/.test(h)));
  assert.equal(
    at(
      1,
      header.find((h) => /proto/.test(h)),
    ),
    'd',
  );
  // The row without those answers leaves them empty (no function text from the prototype).
  assert.equal(at(2, 'q_constructor'), '');
  assert.equal(at(2, 'q_toString'), '');
  assert.ok(!records.flat().some((c) => /function|native code/.test(c)));
});

test('a flood of made-up answer keys gets a bounded number of columns; the rest is one JSON cell', async () => {
  const rows = Array.from({length: 20}, (_, r) =>
    row(
      String(r),
      `A-01-${r}`,
      Object.fromEntries(Array.from({length: 400}, (_, k) => [`k${r}-${k}`, k])),
    ),
  );
  const records = parseCsv(await collect(longCsv(() => rows)));
  const header = records[0];
  assert.ok(header.length < 250, `${header.length} columns`);
  const other = header.indexOf('other_answers');
  assert.ok(other > 0);
  // Nothing is lost: each row's answers are in a column or in its JSON cell.
  const last = records[20];
  const inJson = Object.keys(JSON.parse(last[other]));
  const inColumns = header.filter((h, i) => h.startsWith('q_k19') && last[i] !== '');
  assert.equal(inJson.length + inColumns.length, 400);
});

test('the long file of the demo study has one row per response and the pack’s columns', async () => {
  const bodies = simulateStudy({seed: 7});
  const rows = bodies.map((body) => ({
    id: body.id,
    kind: 'response',
    receivedAt: body.submittedAt,
    instrument: body.instrument.id,
    version: body.instrument.version,
    timepoint: body.timepoint,
    participant: body.participant,
    cohort: 'demo',
    simulated: true,
    body,
  }));
  const records = parseCsv(await collect(longCsv(rows))); // one pass over an iterable
  assert.equal(records.length, 1 + 208);
  const header = records[0];
  for (const name of [
    's_confidence',
    's_knowledge',
    'q_conf_4',
    'q_know_2',
    'q_resilience',
    'simulated',
  ]) {
    assert.ok(header.includes(name), name);
  }
  assert.ok(records.slice(1).every((r) => r[header.indexOf('simulated')] === 'true'));

  // Wide: one row per code, ordered input; each later timepoint says how it links.
  const sorted = [...rows].sort((a, b) => (a.participant < b.participant ? -1 : 1));
  const wide = parseCsv(await collect(wideCsv(() => sorted)));
  const wh = wide[0];
  const codes = new Set(rows.map((r) => r.participant));
  assert.equal(wide.length - 1, codes.size);
  for (const name of [
    'confidence_baseline',
    'confidence_follow_up',
    'link_post_workshop',
    'baseline_code_follow_up',
  ]) {
    assert.ok(wh.includes(name), name);
  }
  const links = wide.slice(1).map((r) => r[wh.indexOf('link_post_workshop')]);
  assert.ok(links.includes('exact'));
  assert.ok(links.includes('1 part differs'));
});

test('the codebook names every column of both files, with value labels and missing codes', async () => {
  const bodies = simulateStudy({seed: 7});
  const rows = bodies.map((body) => ({
    id: body.id,
    kind: 'response',
    receivedAt: body.submittedAt,
    instrument: body.instrument.id,
    version: body.instrument.version,
    timepoint: body.timepoint,
    participant: body.participant,
    cohort: null,
    simulated: true,
    body,
  }));
  const book = await codebook(() => rows);
  const longHeader = parseCsv(await collect(longCsv(() => rows)))[0];
  const entries = parseCsv(book.csv);
  const names = entries.filter((e) => e[0] === 'responses.csv').map((e) => e[1]);
  assert.deepEqual(names, longHeader);
  const conf4 = entries.find((e) => e[1] === 'q_conf_4');
  assert.match(conf4?.[4] ?? '', /1=Strongly disagree; 2=Disagree/);
  assert.match(conf4?.[7] ?? '', /Reverse-keyed/);
  assert.match(conf4?.[5] ?? '', /Empty cell/);
  assert.match(book.sps, /VALUE LABELS[\s\S]*\/q_conf_1\n {4}1 "Strongly disagree"/);
  assert.match(book.r, /factor\(responses\[\["q_conf_1"\]\], levels = c\(1, 2, 3, 4, 5\)/);
  assert.match(
    book.do,
    /label define (vl\d+) 1 `"Strongly disagree"'[^\n]*\nlabel values q_conf_1 \1\n/,
  );
  assert.match(book.do, /case\(preserve\)/); // names such as q_toString keep their case
});

test('pack text cannot break out of the codebook scripts', async () => {
  const pack = {
    id: 'custom',
    version: '1',
    timepoints: [{id: 'pre', label: 'Pre'}],
    scales: {
      s: {
        points: [
          {value: 1, label: 'a "quoted" `whoami` $HOME\nnext'},
          {value: 2, label: 'b'},
          {value: 3, label: 'c'},
        ],
      },
    },
    sections: [
      {id: 's', title: 'S', items: [{id: 'q', type: 'likert', scale: 's', text: 'Q "x"\' `y` $z'}]},
    ],
    scores: [],
  };
  const book = await codebook(() => [row('1', 'A', {q: 1})], {pack});
  assert.ok(
    !/[`$]/.test(book.do.replace(/`"/g, '').replace(/"'/g, '')),
    'no ` or $ left for Stata macros',
  );
  assert.match(book.sps, /"a ""quoted"" `whoami` \$HOME next"/);
  assert.match(book.r, /"a \\"quoted\\" `whoami` \$HOME next"/);
});

test('a numeric column holds numbers only; a forged text answer goes to the JSON cell', async () => {
  const forged = {...row('1', 'A-01-B', {'conf-1': '=HYPERLINK("x")', 'conf-2': 4})};
  forged.instrument = 'coping-with-error';
  forged.version = '1.0.0';
  const records = parseCsv(await collect(longCsv(() => [forged])));
  const header = records[0];
  assert.equal(records[1][header.indexOf('q_conf_1')], '');
  assert.equal(records[1][header.indexOf('q_conf_2')], '4');
  assert.deepEqual(JSON.parse(records[1][header.indexOf('other_answers')]), {
    'conf-1': '=HYPERLINK("x")',
  });
});

test('a multi-line text answer stays on one line (SPSS ends a case at every line end)', async () => {
  const rows = [
    row('1', 'A-01-B', {comment: 'first\r\nsecond\nthird\rfourth'}),
    row('2', 'A-01-C', {comment: 'x'}),
  ];
  const text = await collect(longCsv(() => rows));
  assert.equal(text.split('\r\n').length, 4); // header, two rows, the empty tail
  assert.doesNotMatch(text.replaceAll('\r\n', ''), /[\r\n]/);
  const records = parseCsv(text);
  const comment = records[1][records[0].indexOf('q_comment')];
  assert.equal(comment.replaceAll('\u2028', '\n'), 'first\nsecond\nthird\nfourth');
  const sorted = [...rows, row('3', 'B\nC', {}, {timepoint: 'pre'})];
  const wide = await collect(wideCsv(() => sorted));
  assert.equal(wide.split('\r\n').length, 5);
  assert.doesNotMatch(wide.replaceAll('\r\n', ''), /[\r\n]/);
});

test('a code written two ways (m-07-j, M-07-J) is one participant row in the wide file', async () => {
  const at = (id, participant, timepoint, value) =>
    row(id, participant, {}, {timepoint, body: {answers: {}, scores: {wellbeing: {value}}}});
  // Ordered by participant as storage orders text: the two spellings are not neighbours.
  const rows = [
    at('1', 'M-07-J', 'pre', 2),
    at('2', 'N-01-A', 'pre', 3),
    at('3', 'm-07-j', 'post', 4),
  ];
  rows[1].receivedAt = rows[0].receivedAt;
  rows[2].receivedAt = '2026-02-01T10:00:00.000Z';
  const records = parseCsv(await collect(wideCsv(() => rows)));
  const header = records[0];
  assert.deepEqual(
    records.slice(1).map((r) => r[0]),
    ['N-01-A', 'M-07-J'],
  );
  const person = records[2];
  assert.equal(person[header.indexOf('wellbeing_pre')], '2');
  assert.equal(person[header.indexOf('wellbeing_post')], '4');
  assert.equal(person[header.indexOf('link_post')], 'exact');
});

// Repeating groups and repeating questions (src/instrument/types.ts GroupItem): the widget
// answers instance k of item `dose` of group `meds` under `meds.k.dose`, of the repeating
// question `weight` under `weight.k`, and keeps the instances' numbers under `meds` and `.weight`.
const repeatingAnswers = (extra = {}) => ({
  meds: ['1', '2', '10'],
  'meds.1.dose': 5,
  'meds.1.often': 2,
  'meds.2.dose': 10,
  'meds.10.dose': 20,
  '.weight': ['1', '2'],
  'weight.1': 70,
  'weight.2': 71.5,
  ...extra,
});

test('instances of a repeating group or question are columns of their own, together and in their order, labelled as instances', async () => {
  const rows = [row('1', 'A-01-B', repeatingAnswers())];
  const records = parseCsv(await collect(longCsv(() => rows)));
  const header = records[0];
  const at = (name) => records[1][header.indexOf(name)];
  assert.deepEqual(
    header.filter((h) => /^q_(meds|weight|_weight)/.test(h)),
    [
      'q_meds',
      'q_meds_1_dose',
      'q_meds_1_often',
      'q_meds_2_dose',
      'q_meds_10_dose',
      'q__weight',
      'q_weight_1',
      'q_weight_2',
    ],
  );
  assert.equal(at('q_meds_10_dose'), '20');
  assert.equal(at('q_weight_2'), '71.5');
  assert.equal(at('q__weight'), '1|2');
  assert.equal(at('q_meds'), '1|2|10');
  assert.equal(at('other_answers'), '');
  const book = parseCsv((await codebook(() => rows)).csv);
  const entry = (name) => book.find((e) => e[0] === 'responses.csv' && e[1] === name);
  assert.match(entry('q_meds_10_dose')?.[2] ?? '', /^Answer meds\.dose, instance 10 \(not defined/);
  assert.match(entry('q_weight_2')?.[2] ?? '', /^Answer weight, instance 2 /);
  assert.match(entry('q_meds')?.[2] ?? '', /numbers of the instances of the repeating group meds/);
  assert.match(entry('q__weight')?.[2] ?? '', /repeating question weight/);
});

test('where the pack defines the repeating group, its instances have the item’s label, type and value labels', async () => {
  const pack = {
    id: 'custom',
    version: '1',
    title: 'Custom',
    timepoints: [{id: 'pre', label: 'Before'}],
    scales: {
      often: {
        points: [
          {value: 1, label: 'Rarely'},
          {value: 2, label: 'Often'},
        ],
      },
    },
    sections: [
      {
        id: 's',
        title: 'S',
        items: [
          {
            id: 'meds',
            type: 'group',
            text: 'Medication',
            items: [
              {id: 'dose', type: 'number', text: 'Dose', unit: 'mg'},
              {id: 'often', type: 'likert', scale: 'often', text: 'How often'},
            ],
          },
          {id: 'weight', type: 'number', text: 'Weight', repeats: true},
        ],
      },
    ],
    scores: [],
  };
  // A text where the item asks for a number goes to the JSON cell, as for any numeric column.
  const rows = [row('1', 'A-01-B', repeatingAnswers({'meds.2.often': 'a lot'}))];
  const records = parseCsv(await collect(longCsv(() => rows, {pack})));
  const header = records[0];
  const at = (name) => records[1][header.indexOf(name)];
  assert.equal(at('q_meds_1_often'), '2');
  assert.equal(at('q_meds_2_often'), '');
  assert.deepEqual(JSON.parse(at('other_answers')), {'meds.2.often': 'a lot'});
  const {csv, variables} = await codebook(() => rows, {pack});
  const book = parseCsv(csv);
  const entry = (name) => book.find((e) => e[0] === 'responses.csv' && e[1] === name);
  assert.equal(entry('q_meds_10_dose')?.[2], 'Medication 10: Dose');
  assert.equal(entry('q_meds_10_dose')?.[3], 'numeric');
  assert.match(
    entry('q_meds_10_dose')?.[7] ?? '',
    /^Instance 10 of the repeating group meds, item meds\.dose\. In mg\./,
  );
  assert.equal(entry('q_meds_1_often')?.[4], '1=Rarely; 2=Often');
  assert.equal(entry('q_weight_2')?.[2], 'Weight (2)');
  assert.equal(entry('q_weight_2')?.[3], 'numeric');
  assert.match(entry('q_meds')?.[2] ?? '', /^Medication: the numbers of the instances given/);
  const dose10 = variables.long.find((v) => v.name === 'q_meds_10_dose');
  assert.deepEqual(dose10?.repeat, {item: 'meds.dose', instance: 10});
});

test('code point order, as storage sorts the participant column, not UTF-16 order', () => {
  const codes = ['\u{1D400}-1', 'B', '', 'A-1', '\uFF21-1', 'A', 'A-10', '\u{1D400}', 'a'];
  const byBytes = [...codes].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  assert.deepEqual([...codes].sort(byCodePoint), byBytes);
  assert.deepEqual(byBytes.slice(-3), ['\uFF21-1', '\u{1D400}', '\u{1D400}-1']);
  assert.equal(byCodePoint('A', 'A'), 0);
});

const pgUrl = process.env.TEST_DATABASE_URL;
/** A fresh store: SQLite in a temporary folder, or a new database on TEST_DATABASE_URL. */
const stores = {
  async sqlite() {
    const dataDir = await mkdtemp(join(tmpdir(), 'rs-wide-fhir-'));
    return {store: {dataDir}, cleanup: () => rm(dataDir, {recursive: true, force: true})};
  },
  async postgres() {
    const databaseUrl = await freshDatabase(/** @type {string} */ (pgUrl));
    return {store: {databaseUrl}, cleanup: async () => {}};
  },
};

for (const [engine, open] of Object.entries(stores)) {
  const name = `participants.csv holds the FHIR responses too, each person one row in code order, with the scores the FHIR body carries: ${engine}`;
  if (engine === 'postgres' && !pgUrl) {
    test(name, {skip: process.env.REQUIRE_POSTGRES ? false : 'TEST_DATABASE_URL is not set'}, () =>
      assert.fail('TEST_DATABASE_URL is not set although REQUIRE_POSTGRES is'),
    );
    continue;
  }
  test(name, async () => {
    const {buildQuestionnaireResponse} = await loadTs(
      `export {buildQuestionnaireResponse} from './src/transport/body-fhir.ts';`,
    );
    const pack = packFor('coping-with-error', '1.0.0');
    const demo = simulateStudy().filter((b) => b.timepoint === 'baseline');
    const place = await open();
    const endpoint = createEndpoint({...place.store, token: 'wide-fhir-token-1', log: () => {}});
    await endpoint.ready;
    const server = createServer(async (req, res) => {
      if (!(await endpoint.handle(req, res))) res.writeHead(404).end();
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = /** @type {any} */ (server.address()).port;
    try {
      // Fullwidth Ａ (U+FF21) sorts before 𝐀 (U+1D400) by code point, after it in UTF-16.
      const sent = [
        ['A-01-B', 'baseline', 'json'],
        ['A-01-B', 'post-workshop', 'fhir'],
        ['\uFF21-01-B', 'baseline', 'json'],
        ['\uFF21-01-B', 'post-workshop', 'fhir'],
        ['\u{1D400}-01-B', 'baseline', 'fhir'],
        ['\u{1D400}-01-B', 'post-workshop', 'json'],
        ['F-09-Z', 'baseline', 'fhir'],
      ].map(([participant, timepoint, format], i) => {
        const id = `00000000-0000-4000-8000-00000000030${i}`;
        return {...demo[i], id, participant, timepoint, format};
      });
      for (const {format, ...json} of sent) {
        const res = await request(port, {
          method: 'POST',
          path: '/api/responses',
          headers: {'content-type': `application/${format === 'fhir' ? 'fhir+' : ''}json`},
          body:
            format === 'fhir'
              ? buildQuestionnaireResponse({...json, pack, scores: json.scores})
              : json,
        });
        assert.equal(res.status, 201, res.text);
      }
      const res = await request(port, {
        path: '/results/export/participants.csv',
        headers: {authorization: 'Bearer wide-fhir-token-1'},
      });
      assert.equal(res.status, 200);
      const [header, ...people] = parseCsv(res.text.replace(/^\uFEFF/, ''));
      const at = (person, name) => {
        assert.ok(header.includes(name), `${name} in ${header.join()}`);
        return person[header.indexOf(name)];
      };
      assert.deepEqual(
        people.map((p) => at(p, 'participant')),
        ['A-01-B', 'F-09-Z', '\uFF21-01-B', '\u{1D400}-01-B'],
      );
      for (const {participant, timepoint, id, scores} of sent) {
        const person = people.find((p) => at(p, 'participant') === participant);
        const tp = timepoint.replace('-', '_');
        assert.equal(at(person, `id_${tp}`), id);
        for (const score of ['confidence', 'knowledge']) {
          assert.equal(at(person, `${score}_${tp}`), String(scores[score].value));
        }
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await endpoint.close();
      await place.cleanup();
    }
  });
}
