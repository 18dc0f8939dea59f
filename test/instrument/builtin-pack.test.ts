import {expect} from '@open-wc/testing';
import {pagesAt, questionsAt, visibleAnswers} from '../../src/instrument/conditions.js';
import {formatProblem, parsePack} from '../../src/instrument/parse.js';
import {builtinPacks, defaultPackId} from '../../src/instrument/packs/index.js';
import {scoreAll} from '../../src/instrument/scoring.js';
import type {Pack, Question} from '../../src/instrument/types.js';
import {assembleCode, validateQuestion} from '../../src/instrument/validate.js';

const TIMEPOINTS = ['baseline', 'post-workshop', 'post-coaching', 'follow-up'];

/** Every `{en, cy}` text in a value, with its path. */
function texts(value: unknown, path = ''): [string, Record<string, unknown>][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const o = value as Record<string, unknown>;
  if (typeof o.en === 'string') return [[path, o]];
  return Object.entries(o).flatMap(([k, v]) => texts(v, `${path}.${k}`));
}

describe('built-in pack coping-with-error', () => {
  let pack: Pack;

  before(async () => {
    pack = await builtinPacks[defaultPackId]();
  });

  it('is the default and loads lazily by id', async () => {
    expect(defaultPackId).to.equal('coping-with-error');
    expect(Object.keys(builtinPacks)).to.include('coping-with-error');
    expect((await builtinPacks['coping-with-error']()).id).to.equal('coping-with-error');
  });

  it('parses with no problems and no warnings (every text in English and Welsh)', () => {
    const result = parsePack(JSON.parse(JSON.stringify(pack)));
    expect(result.ok ? [] : result.problems.map(formatProblem)).to.deep.equal([]);
    expect(result.ok && result.warnings.map(formatProblem)).to.deep.equal([]);
  });

  it('has Welsh that is not a copy of the English', () => {
    const all = texts(pack);
    expect(all.length).to.be.greaterThan(100);
    const copied = all.filter(([, t]) => t.cy === t.en).map(([path]) => path);
    expect(copied).to.deep.equal([]);
  });

  it('is marked illustrative and declares both languages', () => {
    expect(pack.languages).to.deep.equal(['en', 'cy']);
    expect(pack.licence?.illustrative).to.equal(true);
    expect(pack.feedback).to.equal(true);
    expect(pack.minutes).to.be.a('number');
    expect(pack.timepoints.map((t) => t.id)).to.deep.equal(TIMEPOINTS);
  });

  it('says who reads the answers, how long they are kept, how to withdraw and whom to contact', () => {
    const consent = (pack.consent?.paragraphs ?? []).map((p) => (typeof p === 'string' ? p : p.en));
    const all = consent.join(' ');
    for (const phrase of ['Who reads', 'How long', 'withdraw', 'contact']) {
      expect(all).to.include(phrase);
    }
  });

  it('signposts support with https: and tel: links and the supervisor', () => {
    const hrefs = pack.support?.links?.map((l) => l.href) ?? [];
    expect(hrefs).to.include('tel:116123');
    expect(hrefs.some((h) => h.startsWith('https://'))).to.equal(true);
    const text = pack.support?.text;
    expect(typeof text === 'object' && text.en).to.include('supervisor');
  });

  for (const timepoint of TIMEPOINTS) {
    it(`at ${timepoint}: pages that fit a phone, starting with a required code`, () => {
      const pages = pagesAt(pack, timepoint, {});
      expect(pages.length).to.be.greaterThan(3);
      for (const page of pages) expect(page.items.length).to.be.at.most(8);
      const first = questionsAt(pack, timepoint, {})[0];
      expect(first.type).to.equal('code');
      expect(first.required).to.equal(true);
      const ids = questionsAt(pack, timepoint, {}).map((q) => q.id);
      expect(ids).to.include.members(['conf-1', 'know-1', 'resilience']);
    });
  }

  it('asks evaluation and retrospective questions only after baseline', () => {
    const at = (tp: string) => questionsAt(pack, tp, {}).map((q) => q.id);
    expect(at('baseline')).to.not.include.members(['eval-relevant']);
    expect(at('baseline')).to.not.include('retro-confidence');
    for (const tp of TIMEPOINTS.slice(1)) {
      expect(at(tp)).to.include.members([
        'eval-relevant',
        'eval-interactive',
        'eval-applicable',
        'eval-organisation',
        'retro-confidence',
      ]);
    }
  });

  it('offers private, optional reflections after the workshop and after coaching', () => {
    for (const tp of ['post-workshop', 'post-coaching']) {
      const reflections = questionsAt(pack, tp, {}).filter((q) => q.type === 'reflection');
      expect(reflections.map((r) => r.id)).to.include.members([
        'gibbs',
        'compassion',
        'action-plan',
      ]);
      for (const r of reflections) {
        expect(r.required, r.id).to.not.equal(true);
        expect(r.private, r.id).to.not.equal(false);
      }
    }
    const gibbs = questionsAt(pack, 'post-workshop', {}).find((q) => q.id === 'gibbs');
    expect(gibbs?.type === 'reflection' && gibbs.steps.map((s) => s.id)).to.deep.equal([
      'description',
      'feelings',
      'evaluation',
      'analysis',
      'conclusion',
      'action',
    ]);
  });

  it('asks for another profession only when "Something else" is chosen', () => {
    const ids = (answers: Record<string, string[]>) =>
      questionsAt(pack, 'baseline', answers).map((q) => q.id);
    expect(ids({})).to.not.include('profession-other');
    expect(ids({profession: ['other']})).to.include('profession-other');
    expect(ids({'in-training': ['no']})).to.include('years');
    expect(ids({'in-training': ['yes']})).to.not.include('years');
  });

  it('has a reverse-keyed confidence item and single and multiple knowledge checks', () => {
    const qs = questionsAt(pack, 'baseline', {});
    const likert = qs.filter((q) => q.type === 'likert');
    expect(likert.length).to.be.at.least(6);
    expect(likert.filter((q) => q.type === 'likert' && q.reverse).map((q) => q.id)).to.deep.equal([
      'conf-4',
    ]);
    const knowledge = qs.filter((q) => q.type === 'choice' && q.correct);
    expect(knowledge.length).to.be.at.least(4);
    expect(new Set(knowledge.map((q) => q.type === 'choice' && q.multiple === true))).to.deep.equal(
      new Set([true, false]),
    );
  });

  it('scores a completed baseline by hand', () => {
    const answers = {
      'code.name2': 'a',
      'code.month': '3',
      'code.mother1': 'g',
      // 4 + 5 + 3 + (6 − 4 = 2) + 4 + 2 + 3 = 23 → 23 / 7 = 3.2857…
      'conf-1': 4,
      'conf-2': 5,
      'conf-3': 3,
      'conf-4': 4,
      'conf-5': 4,
      'conf-6': 2,
      'conf-7': 3,
      // Right, right (any order), wrong, wrong (one missing), right → 3.
      'know-1': ['common'],
      'know-2': ['mind-reading', 'worst', 'all-or-nothing'],
      'know-3': ['report'],
      'know-4': ['breathing'],
      'know-5': ['both'],
      resilience: 7,
    };
    expect(scoreAll(pack, 'baseline', answers)).to.deep.equal({
      confidence: {value: 3.29, answered: 7, of: 7, band: null},
      knowledge: {value: 3, answered: 5, of: 5, band: null},
    });
    const questions = questionsAt(pack, 'baseline', answers);
    const errors = questions.flatMap((q: Question) => validateQuestion(q, answers));
    expect(errors).to.deep.equal([]);
    const code = questions[0];
    expect(code.type === 'code' && assembleCode(code, answers)).to.equal('A-03-G');
  });

  it('lists what a blank baseline page is missing', () => {
    const questions = questionsAt(pack, 'baseline', {});
    const keys = questions.flatMap((q) => validateQuestion(q, {})).map((e) => e.key);
    expect(keys.slice(0, 4)).to.deep.equal(['code.name2', 'code.month', 'code.mother1', 'conf-1']);
    expect(keys).to.include('resilience');
    expect(keys).to.not.include('profession');
  });

  it('keeps reflections out of the baseline answers', () => {
    const answers = {'gibbs.description': 'Written early', 'conf-1': 4};
    expect(visibleAnswers(pack, 'baseline', answers)).to.deep.equal({'conf-1': 4});
  });
});
