// `node test/node/analysis-facts-expected.js`: writes analysis-facts.expected.json, the
// evaluation of factsStudy() (analysis-facts-data.js) as the server computed it from the
// stored bodies before it kept a compact record per response. The test checks that the
// evaluation read from those records is the same, figure for figure.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import * as prettier from 'prettier';
import {evaluate, renderEvaluation} from '../../server/analysis/index.js';
import {analysisRows} from '../../server/pages.js';
import {openStorage} from '../../server/storage/index.js';
import {factsStudy} from './analysis-facts-data.js';

const dir = await mkdtemp(join(tmpdir(), 'rs-facts-'));
const storage = await openStorage({dataDir: dir});
for (const {kind, key, body, options} of factsStudy())
  await storage.put(kind, [{key, body}], options);
const filters = [{}, {cohort: 'ward-7'}, {instrument: 'local-pack'}, {from: '2026-12-03'}];
const out = [];
for (const filter of filters) {
  const evaluation = await evaluate(analysisRows(storage, filter), {toResponse: (row) => row.body});
  out.push({
    filter,
    evaluation,
    ...(out.length ? {} : {html: renderEvaluation(evaluation, {basePath: '/results'})}),
  });
}
await storage.close();
await rm(dir, {recursive: true, force: true});
await writeFile(
  new URL('./analysis-facts.expected.json', import.meta.url),
  await prettier.format(JSON.stringify(out), {
    ...(await prettier.resolveConfig(new URL(import.meta.url).pathname)),
    parser: 'json',
  }),
);
console.log('wrote test/node/analysis-facts.expected.json');
