import {expect} from '@open-wc/testing';
import {
  evaluate,
  itemsAt,
  pagesAt,
  questionsAt,
  visibleAnswers,
} from '../../src/instrument/conditions.js';
import type {Pack} from '../../src/instrument/types.js';
import {packOf} from './fixtures.js';

describe('evaluate', () => {
  const answers = {
    n: 4,
    zero: 0,
    one: ['a'],
    many: ['a', 'b'],
    name: 'Sam',
    blank: '   ',
    none: [],
    'refl.step2': 'Something',
  };

  it('compares numbers', () => {
    expect(evaluate({item: 'n', op: 'equals', value: 4}, answers)).to.equal(true);
    expect(evaluate({item: 'n', op: 'equals', value: '4'}, answers)).to.equal(false);
    expect(evaluate({item: 'n', op: 'notEquals', value: 3}, answers)).to.equal(true);
    expect(evaluate({item: 'n', op: 'gt', value: 4}, answers)).to.equal(false);
    expect(evaluate({item: 'n', op: 'gte', value: 4}, answers)).to.equal(true);
    expect(evaluate({item: 'n', op: 'lt', value: 5}, answers)).to.equal(true);
    expect(evaluate({item: 'n', op: 'lte', value: 3}, answers)).to.equal(false);
    expect(evaluate({item: 'zero', op: 'lt', value: 1}, answers)).to.equal(true);
  });

  it('treats a choice answer as equal to a value only when it is that one value', () => {
    expect(evaluate({item: 'one', op: 'equals', value: 'a'}, answers)).to.equal(true);
    expect(evaluate({item: 'many', op: 'equals', value: 'a'}, answers)).to.equal(false);
    expect(evaluate({item: 'many', op: 'notEquals', value: 'a'}, answers)).to.equal(true);
    expect(evaluate({item: 'one', op: 'notEquals', value: 'a'}, answers)).to.equal(false);
    expect(evaluate({item: 'many', op: 'includes', value: 'b'}, answers)).to.equal(true);
    expect(evaluate({item: 'one', op: 'includes', value: 'b'}, answers)).to.equal(false);
  });

  it('compares text', () => {
    expect(evaluate({item: 'name', op: 'equals', value: 'Sam'}, answers)).to.equal(true);
    expect(evaluate({item: 'name', op: 'gt', value: 1}, answers)).to.equal(false);
  });

  it('is false for any comparison with an unanswered item, notEquals included', () => {
    for (const item of ['missing', 'blank', 'none']) {
      expect(evaluate({item, op: 'notEquals', value: 'x'}, answers), item).to.equal(false);
      expect(evaluate({item, op: 'lt', value: 100}, answers), item).to.equal(false);
    }
  });

  it('knows answered from unanswered, including blank text, empty lists and parts', () => {
    expect(evaluate({item: 'zero', op: 'answered'}, answers)).to.equal(true);
    expect(evaluate({item: 'blank', op: 'answered'}, answers)).to.equal(false);
    expect(evaluate({item: 'none', op: 'unanswered'}, answers)).to.equal(true);
    expect(evaluate({item: 'refl', op: 'answered'}, answers)).to.equal(true);
    expect(evaluate({item: 'ref', op: 'answered'}, answers)).to.equal(false);
  });

  it('combines with all and any', () => {
    const yes = {item: 'n', op: 'equals', value: 4} as const;
    const no = {item: 'n', op: 'equals', value: 5} as const;
    expect(evaluate({all: [yes, yes]}, answers)).to.equal(true);
    expect(evaluate({all: [yes, no]}, answers)).to.equal(false);
    expect(evaluate({any: [no, yes]}, answers)).to.equal(true);
    expect(evaluate({any: [no, {all: [no, yes]}]}, answers)).to.equal(false);
  });

  it('reads only the answers’ own keys', () => {
    expect(evaluate({item: 'toString', op: 'answered'}, answers)).to.equal(false);
    expect(evaluate({item: 'constructor', op: 'unanswered'}, answers)).to.equal(true);
  });
});

const pack: Pack = packOf({
  timepoints: [
    {id: 'pre', label: 'Before'},
    {id: 'post', label: 'After'},
  ],
  sections: [
    {
      id: 'about',
      title: 'About',
      items: [
        {
          id: 'role',
          type: 'choice',
          text: 'Role',
          options: [
            {value: 'nurse', label: 'Nurse'},
            {value: 'other', label: 'Other'},
          ],
        },
        {
          id: 'role-other',
          type: 'text',
          text: 'Which?',
          showIf: {item: 'role', op: 'equals', value: 'other'},
        },
        {
          id: 'role-detail',
          type: 'text',
          text: 'Tell us more',
          showIf: {item: 'role-other', op: 'answered'},
        },
        {id: 'intro', type: 'display', text: 'Thanks', timepoints: ['post']},
      ],
    },
    {
      id: 'eval',
      title: 'Evaluation',
      timepoints: ['post'],
      items: [
        {
          id: 'useful',
          type: 'scale',
          text: 'Useful?',
          min: 0,
          max: 10,
          minLabel: '0',
          maxLabel: '10',
        },
      ],
    },
    {
      id: 'nurses',
      title: 'For nurses',
      showIf: {item: 'role', op: 'includes', value: 'nurse'},
      items: [
        {id: 'ward', type: 'text', text: 'Ward', timepoints: ['pre']},
        {
          id: 'refl',
          type: 'reflection',
          text: 'Reflect',
          timepoints: ['post'],
          steps: [
            {id: 'what', prompt: 'What?'},
            {id: 'so', prompt: 'So what?'},
          ],
        },
      ],
    },
  ],
});

const shape = (pages: ReturnType<typeof pagesAt>) =>
  pages.map((p) => `${p.section.id}: ${p.items.map((i) => i.id).join(' ')}`);

describe('pagesAt', () => {
  it('filters sections and items by timepoint and leaves out empty sections', () => {
    expect(shape(pagesAt(pack, 'pre', {}))).to.deep.equal(['about: role']);
    expect(shape(pagesAt(pack, 'post', {}))).to.deep.equal(['about: role intro', 'eval: useful']);
  });

  it('shows items and sections whose conditions hold', () => {
    expect(shape(pagesAt(pack, 'pre', {role: ['other']}))).to.deep.equal([
      'about: role role-other',
    ]);
    expect(shape(pagesAt(pack, 'pre', {role: ['other'], 'role-other': 'Porter'}))).to.deep.equal([
      'about: role role-other role-detail',
    ]);
    expect(shape(pagesAt(pack, 'pre', {role: ['nurse']}))).to.deep.equal([
      'about: role',
      'nurses: ward',
    ]);
    expect(shape(pagesAt(pack, 'post', {role: ['nurse']}))).to.deep.equal([
      'about: role intro',
      'eval: useful',
      'nurses: refl',
    ]);
  });

  it('hides what depends on a hidden item, even when a stale answer remains', () => {
    // The person chose "other", typed a role, then went back and chose "nurse".
    const answers = {role: ['nurse'], 'role-other': 'Porter'};
    expect(shape(pagesAt(pack, 'pre', answers))).to.deep.equal(['about: role', 'nurses: ward']);
  });
});

describe('questionsAt', () => {
  it('lists the visible questions in order, without display items', () => {
    const ids = questionsAt(pack, 'post', {role: ['nurse']}).map((q) => q.id);
    expect(ids).to.deep.equal(['role', 'useful', 'refl']);
  });

  it('is empty for an unknown timepoint', () => {
    expect(questionsAt(pack, 'never', {})).to.deep.equal([]);
  });
});

describe('itemsAt', () => {
  it('lists the items a timepoint includes, whatever the answers', () => {
    expect(itemsAt(pack, 'pre').map((i) => i.id)).to.deep.equal([
      'role',
      'role-other',
      'role-detail',
      'ward',
    ]);
  });
});

describe('visibleAnswers', () => {
  it('keeps the answers of visible questions and their parts only', () => {
    const answers = {
      role: ['nurse'],
      'role-other': 'Porter',
      useful: 7,
      ward: 'Delivery suite',
      'refl.what': 'A hard shift',
      'refl.so': 'I was tired',
      'refl.extra': 'not a step',
      stray: 1,
    };
    expect(visibleAnswers(pack, 'post', answers)).to.deep.equal({
      role: ['nurse'],
      useful: 7,
      'refl.what': 'A hard shift',
      'refl.so': 'I was tired',
    });
  });

  it('drops everything when nothing is visible', () => {
    expect(visibleAnswers(pack, 'never', {role: ['nurse']})).to.deep.equal({});
  });
});
