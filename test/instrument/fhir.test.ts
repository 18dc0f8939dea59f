import {expect} from '@open-wc/testing';
import {fromQuestionnaire} from '../../src/instrument/fhir.js';
import {loadPack} from '../../src/instrument/load.js';
import {initialAnswers, parsePack} from '../../src/instrument/parse.js';
import {pagesAt} from '../../src/instrument/conditions.js';
import type {Pack} from '../../src/instrument/types.js';
import {fresh} from './fixtures.js';

type Obj = {[key: string]: unknown};
const q = (item: Obj[], extra: Obj = {}) => ({
  resourceType: 'Questionnaire',
  status: 'active',
  item,
  ...extra,
});
const helpControl = {
  url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
  valueCodeableConcept: {coding: [{code: 'help'}]},
};
const coding = (code: string, display = code.toUpperCase()) => ({
  valueCoding: {system: 'urn:test', code, display},
});

/** Converts and parses; fails the test on a problem. */
function convert(json: unknown, timepoint?: string) {
  const r = fromQuestionnaire(json, {timepoint});
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const parsed = parsePack(r.pack);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return {...r, pack: parsed.pack as Pack};
}
const items = (pack: Pack) => pack.sections.flatMap((s) => s.items);

describe('fromQuestionnaire', () => {
  it('refuses what is not a Questionnaire, or has nothing to show', () => {
    expect(fromQuestionnaire({resourceType: 'Patient'}).ok).to.equal(false);
    expect(fromQuestionnaire(null).ok).to.equal(false);
    const none = fromQuestionnaire(q([{linkId: 't', type: 'attachment', text: 'File?'}]));
    expect(none.ok).to.equal(false);
  });

  it('takes id, version, url and title; one timepoint, named by the page if it likes', () => {
    const {pack, link} = convert(
      q([{linkId: 'a', type: 'string', text: 'A'}], {
        id: 'brs.v2',
        version: '2.1',
        url: 'https://example.org/Questionnaire/brs',
        title: 'Resilience',
      }),
      'baseline',
    );
    expect([pack.id, pack.version, pack.url, pack.title]).to.deep.equal([
      'brs.v2',
      '2.1.0',
      'https://example.org/Questionnaire/brs',
      'Resilience',
    ]);
    expect(pack.timepoints.map((t) => t.id)).to.deep.equal(['baseline']);
    // The response names the Questionnaire's own version, not the semver made from it.
    expect(link.questionnaire).to.equal('https://example.org/Questionnaire/brs|2.1');
  });

  it('makes safe, unique ids of linkIds and keeps the originals in the link', () => {
    const {pack, link} = convert(
      q([
        {linkId: '/44249-1', type: 'string', text: 'A'},
        {linkId: '44249-1', type: 'string', text: 'B'},
        {linkId: 'a.b/c', type: 'integer', text: 'C'},
      ]),
    );
    expect(items(pack).map((i) => i.id)).to.deep.equal(['44249-1', '44249-1-2', 'a-b-c']);
    expect(link.item.map((i) => [i.linkId, i.id])).to.deep.equal([
      ['/44249-1', '44249-1'],
      ['44249-1', '44249-1-2'],
      ['a.b/c', 'a-b-c'],
    ]);
  });

  it('maps groups to sections, nested groups to display text, types to native types', () => {
    const {pack} = convert(
      q([
        {linkId: 'intro', type: 'display', text: 'Hello'},
        {
          linkId: 'g',
          type: 'group',
          text: 'Group',
          item: [
            {linkId: 'b', type: 'boolean', text: 'B', required: true},
            {linkId: 'd', type: 'decimal', text: 'D'},
            {linkId: 'dt', type: 'date', text: 'Date'},
            {
              linkId: 'inner',
              type: 'group',
              text: 'Inner',
              item: [{linkId: 'long', type: 'text', text: 'Long', maxLength: 500}],
            },
          ],
        },
      ]),
    );
    expect(pack.sections.map((s) => s.id)).to.deep.equal(['questions', 'g']);
    expect(items(pack).map((i) => `${i.id}:${i.type}`)).to.deep.equal([
      'intro:display',
      'b:choice',
      'd:number',
      'dt:text',
      'inner:display',
      'long:long-text',
    ]);
    const [, b, d, dt, , long] = items(pack) as unknown as Obj[];
    expect(b.required).to.equal(true);
    expect(b.options).to.deep.equal([
      {value: 'true', label: 'Yes'},
      {value: 'false', label: 'No'},
    ]);
    expect(d.step).to.equal(0.01);
    expect(dt.help).to.match(/YYYY-MM-DD/);
    expect(long.maxLength).to.equal(500);
  });

  it('maps choices, repeats, initial values and a slider', () => {
    const {pack, warnings} = convert(
      q([
        {
          linkId: 'c',
          type: 'choice',
          text: 'C',
          repeats: true,
          answerOption: [coding('a'), {...coding('b'), initialSelected: true}, coding('c')],
          initial: [coding('c')],
        },
        {linkId: 's', type: 'string', text: 'S', initial: [{valueString: 'hi'}]},
        {
          linkId: 'n',
          type: 'integer',
          text: 'N',
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
              valueCodeableConcept: {coding: [{code: 'slider'}]},
            },
            {url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0},
            {url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 10},
          ],
        },
      ]),
    );
    expect(warnings).to.deep.equal([]);
    const [c, , n] = items(pack) as unknown as Obj[];
    expect([c.type, c.multiple]).to.deep.equal(['choice', true]);
    expect([n.type, n.min, n.max]).to.deep.equal(['scale', 0, 10]);
    expect(initialAnswers(pack)).to.deep.equal({c: ['b', 'c'], s: 'hi'});
  });

  it('refuses a slider of more points than a page can show, with a path', async () => {
    const slider = q([
      {
        linkId: 'n',
        type: 'integer',
        text: 'N',
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
            valueCodeableConcept: {coding: [{code: 'slider'}]},
          },
          {url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0},
          {url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 1e9},
        ],
      },
    ]);
    const error = await loadPack(
      {kind: 'object', value: slider},
      {fetch, baseUrl: location.href},
    ).then(
      () => undefined,
      (e: unknown) => e as {code: string; problems: {path: string; message: string}[]},
    );
    expect(error?.code).to.equal('instrument-invalid');
    expect(error?.problems[0].path).to.match(/^sections\[0\]\.items\[0\]/);
    expect(error?.problems[0].message).to.contain('more than 1000 points');
  });

  it('maps each enableWhen operator and enableBehavior, and warns about the rest', () => {
    const when = (question: string, operator: string, answer: Obj) => ({
      question,
      operator,
      ...answer,
    });
    const {pack, warnings} = convert(
      q([
        {linkId: 'n', type: 'integer', text: 'N'},
        {linkId: 'c', type: 'choice', text: 'C', answerOption: [coding('a'), coding('b')]},
        {
          linkId: 'm',
          type: 'choice',
          text: 'M',
          repeats: true,
          answerOption: [coding('x'), coding('y')],
        },
        {
          linkId: 'e1',
          type: 'string',
          text: '',
          enableWhen: [
            when('n', '>', {answerInteger: 3}),
            when('c', '=', {answerCoding: {code: 'b'}}),
          ],
          enableBehavior: 'any',
        },
        {
          linkId: 'e2',
          type: 'string',
          text: '',
          enableWhen: [
            when('m', '=', {answerCoding: {code: 'y'}}),
            when('n', 'exists', {answerBoolean: false}),
          ],
          enableBehavior: 'all',
        },
        {
          linkId: 'e3',
          type: 'string',
          text: '',
          enableWhen: [when('m', '!=', {answerCoding: {code: 'y'}})],
        },
        {
          linkId: 'e4',
          type: 'string',
          text: '',
          enableWhen: [when('gone', 'exists', {answerBoolean: true})],
        },
      ]),
    );
    const byId = Object.fromEntries(items(pack).map((i) => [i.id, i]));
    expect(byId.e1.showIf).to.deep.equal({
      any: [
        {item: 'n', op: 'gt', value: 3},
        {item: 'c', op: 'equals', value: 'b'},
      ],
    });
    expect(byId.e2.showIf).to.deep.equal({
      all: [
        {item: 'm', op: 'includes', value: 'y'},
        {item: 'n', op: 'unanswered'},
      ],
    });
    // What cannot be expressed is read as not met: never shown while FHIR would disable it.
    expect(byId.e3).to.equal(undefined);
    expect(byId.e4).to.equal(undefined);
    expect(warnings.map((w) => w.message)).to.deep.equal([
      'linkId "e3": enableWhen that can never hold (left out)',
      'linkId "e3": enableWhen "!=" on a multiple choice (read as not met)',
      'linkId "e4": enableWhen that can never hold (left out)',
      'linkId "e4": enableWhen on "gone", which is left out (read as unanswered)',
    ]);
    // And the conditions work: e1 shows once c is b.
    const visible = (answers: Obj) =>
      pagesAt(pack, 'default', answers as never).flatMap((p) => p.items.map((i) => i.id));
    expect(visible({})).to.not.include('e1');
    expect(visible({c: ['b']})).to.include('e1');
  });

  it('compares enableWhen answers with options by type: answerString "b" is not Coding b', () => {
    const {pack} = convert(
      q([
        {linkId: 'c', type: 'choice', text: 'C', answerOption: [coding('a'), coding('b')]},
        {
          linkId: 's',
          type: 'string',
          text: 'S',
          enableWhen: [{question: 'c', operator: '=', answerString: 'b'}],
        },
      ]),
    );
    expect(items(pack).map((i) => i.id)).to.deep.equal(['c']);
  });

  it('reads an enableWhen on a code that is not an option as never (=) or answered (!=)', () => {
    const when = (operator: string, code: string) => ({
      question: 'c',
      operator,
      answerCoding: {system: 'urn:test', code},
    });
    const {pack, warnings} = convert(
      q([
        {linkId: 'c', type: 'choice', text: 'C', answerOption: [coding('a'), coding('b')]},
        {linkId: 'n', type: 'integer', text: 'N'},
        {linkId: 'never', type: 'string', text: 'Never', enableWhen: [when('=', 'zzz')]},
        {
          linkId: 'either',
          type: 'string',
          text: 'Either',
          enableBehavior: 'any',
          enableWhen: [when('=', 'zzz'), {question: 'n', operator: '>', answerInteger: 3}],
        },
        {linkId: 'other', type: 'string', text: 'Other', enableWhen: [when('!=', 'zzz')]},
      ]),
    );
    const byId = Object.fromEntries(items(pack).map((i) => [i.id, i]));
    expect(byId.never).to.equal(undefined);
    expect(byId.either.showIf).to.deep.equal({item: 'n', op: 'gt', value: 3});
    expect(byId.other.showIf).to.deep.equal({item: 'c', op: 'answered'});
    expect(warnings.map((w) => w.message)).to.include(
      'linkId "never": enableWhen answer "zzz" is not an option of "c" (never holds)',
    );
  });

  it('keeps the prefix apart from the text in the response, and before it on screen', () => {
    const {pack, link} = convert(
      q([
        {linkId: 'a', type: 'string', prefix: '1.', text: 'Name'},
        {linkId: 'b', type: 'choice', prefix: '2.', text: 'Pick', answerOption: [coding('x')]},
      ]),
    );
    expect(items(pack).map((i) => (i as {text: string}).text)).to.deep.equal([
      '1. Name',
      '2. Pick',
    ]);
    expect(link.item.map((i) => i.text)).to.deep.equal(['Name', 'Pick']);
  });

  it('checks dates as days and shows an entryFormat only as a hint it can read', () => {
    const fmt = (valueString: string) => [
      {url: 'http://hl7.org/fhir/StructureDefinition/entryFormat', valueString},
    ];
    const {pack, warnings} = convert(
      q([
        {linkId: 'd', type: 'date', text: 'D'},
        {linkId: 'slash', type: 'date', text: 'S', extension: fmt('yyyy/MM/dd')},
        {linkId: 'us', type: 'dateTime', text: 'U', extension: fmt('MM/dd/yyyy')},
      ]),
    );
    const [d, slash, us] = items(pack) as unknown as Obj[];
    expect([d.format, slash.format, us.format]).to.deep.equal(['date', 'date', 'dateTime']);
    expect(d.help).to.equal('As YYYY-MM-DD, for example 2026-11-27.');
    expect(slash.help).to.equal('As yyyy/MM/dd, for example 2026/11/27.');
    expect(us.help).to.match(/^As YYYY-MM-DD, for example 2026-11-27, with a time/);
    expect(warnings.map((w) => w.message)).to.deep.equal([
      'linkId "us": entryFormat "MM/dd/yyyy" (YYYY-MM-DD asked for)',
    ]);
  });

  it('names required items it leaves out, with the condition that enables them', () => {
    const {link, warnings} = convert(
      q([
        {linkId: 'c', type: 'choice', text: 'C', answerOption: [coding('a'), coding('b')]},
        {linkId: 'att', type: 'attachment', text: 'File', required: true},
        {
          linkId: 'g',
          type: 'group',
          text: 'G',
          enableWhen: [{question: 'c', operator: '=', answerCoding: {code: 'b'}}],
          item: [{linkId: 'url', type: 'url', text: 'Site', required: true}],
        },
        {
          linkId: 'off',
          type: 'url',
          text: 'Never',
          required: true,
          enableWhen: [{question: 'c', operator: '=', answerCoding: {code: 'zzz'}}],
        },
      ]),
    );
    expect(link.missing).to.deep.equal([
      {linkId: 'att'},
      {linkId: 'url', when: {item: 'c', op: 'equals', value: 'b'}},
    ]);
    const required = warnings.filter((w) => w.message.includes('required'));
    expect(required.map((w) => w.message)).to.deep.equal([
      'linkId "att": a required item left out (responses stay "in-progress")',
      'linkId "url": a required item left out (responses stay "in-progress")',
    ]);
  });

  it('refuses a Questionnaire whose only showable items are display text', () => {
    const r = fromQuestionnaire(
      q([
        {linkId: 'intro', type: 'display', text: 'Welcome'},
        {
          linkId: 'g',
          type: 'group',
          text: 'G',
          item: [{linkId: 'f', type: 'attachment', text: 'F'}],
        },
      ]),
    );
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.problems[0]).to.deep.equal({
        path: 'item',
        message: 'has no question the widget can show (see the warnings)',
      });
      expect(r.problems.map((p) => p.message)).to.include(
        'linkId "f": type "attachment" is not supported (left out)',
      );
    }
  });

  it('offers the codes of contained ValueSets (expansion or compose) as options', () => {
    const {pack, link, warnings} = convert(
      q(
        [
          {linkId: 'e', type: 'choice', text: 'E', answerValueSet: '#exp'},
          {
            linkId: 'c',
            type: 'choice',
            text: 'C',
            repeats: true,
            answerValueSet: 'http://example.org/ValueSet/comp|1.0',
          },
        ],
        {
          contained: [
            {
              resourceType: 'ValueSet',
              id: 'exp',
              expansion: {
                contains: [
                  {system: 'urn:a', code: 'x', display: 'Ex'},
                  {abstract: true, display: 'Group', contains: [{system: 'urn:a', code: 'y'}]},
                ],
              },
            },
            {
              resourceType: 'ValueSet',
              id: 'other',
              url: 'http://example.org/ValueSet/comp',
              compose: {include: [{system: 'urn:b', concept: [{code: '1', display: 'One'}]}]},
            },
          ],
        },
      ),
    );
    expect(warnings).to.deep.equal([]);
    const [e, c] = items(pack) as unknown as Obj[];
    expect(e.options).to.deep.equal([
      {value: 'x', label: 'Ex'},
      {value: 'y', label: 'y'},
    ]);
    expect([c.options, c.multiple]).to.deep.equal([[{value: '1', label: 'One'}], true]);
    expect(link.item[0].answer).to.deep.equal({
      x: {valueCoding: {system: 'urn:a', code: 'x', display: 'Ex'}},
      y: {valueCoding: {system: 'urn:a', code: 'y'}},
    });
  });

  it('shows items nested under a question after it, once it is answered', () => {
    const {pack, link} = convert(
      q([
        {
          linkId: 'smoke',
          type: 'boolean',
          text: 'Do you smoke?',
          item: [
            {linkId: 'help', type: 'display', text: 'Tobacco', extension: [helpControl]},
            {linkId: 'how', type: 'integer', text: 'How many a day?'},
          ],
        },
      ]),
    );
    expect(items(pack).map((i) => [i.id, i.showIf, (i as {help?: string}).help])).to.deep.equal([
      ['smoke', undefined, 'Tobacco'],
      ['how', {item: 'smoke', op: 'answered'}, undefined],
    ]);
    expect(link.item).to.deep.equal([
      {
        linkId: 'smoke',
        text: 'Do you smoke?',
        id: 'smoke',
        answer: 'boolean',
        answerItem: [{linkId: 'how', text: 'How many a day?', id: 'how', answer: 'integer'}],
      },
    ]);
  });

  it('shows rich text as plain text with a warning; instructions as text without one', () => {
    const xhtml = {
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/rendering-xhtml',
          valueString: '<b>Bold</b>',
        },
      ],
    };
    const {pack, warnings} = convert(
      q([
        {
          linkId: 'i',
          type: 'display',
          text: 'Read this',
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-displayCategory',
              valueCodeableConcept: {coding: [{code: 'instructions'}]},
            },
          ],
        },
        {
          linkId: 'a',
          type: 'string',
          text: 'Bold',
          _text: xhtml,
          item: [
            {linkId: 'h', type: 'display', text: 'Help', _text: xhtml, extension: [helpControl]},
          ],
        },
      ]),
    );
    expect(items(pack).map((i) => (i as {text: string}).text)).to.deep.equal(['Read this', 'Bold']);
    expect(warnings.map((w) => [w.path, w.message])).to.deep.equal([
      ['item[1]', 'linkId "a": _text extension "rendering-xhtml" (plain text shown)'],
      ['item[1].item[0]', 'linkId "h": _text extension "rendering-xhtml" (plain text shown)'],
    ]);
  });

  it('reads the translation extension (and ValueSet designations) into texts by language', () => {
    const tr = (lang: string, content: string) => ({
      url: 'http://hl7.org/fhir/StructureDefinition/translation',
      extension: [
        {url: 'lang', valueCode: lang},
        {url: 'content', valueString: content},
      ],
    });
    const {pack, link, warnings} = convert(
      q(
        [
          {
            linkId: 'a',
            type: 'choice',
            prefix: '1.',
            text: 'Ja?',
            _text: {extension: [tr('fr', 'Oui ?'), tr('xx_bad', 'no')]},
            answerValueSet: '#yn',
          },
        ],
        {
          language: 'de',
          title: 'Titel',
          _title: {extension: [tr('fr', 'Titre')]},
          contained: [
            {
              resourceType: 'ValueSet',
              id: 'yn',
              compose: {
                include: [
                  {
                    system: 'urn:yn',
                    concept: [
                      {code: 'y', display: 'Ja', designation: [{language: 'fr', value: 'Oui'}]},
                    ],
                  },
                ],
              },
            },
          ],
        },
      ),
    );
    expect(warnings).to.deep.equal([]);
    expect(pack.languages).to.deep.equal(['de', 'fr']);
    expect(pack.title).to.deep.equal({de: 'Titel', fr: 'Titre'});
    const [a] = items(pack) as unknown as Obj[];
    expect(a.text).to.deep.equal({de: '1. Ja?', fr: '1. Oui ?'});
    expect(a.options).to.deep.equal([{value: 'y', label: {de: 'Ja', fr: 'Oui'}}]);
    // The response keeps the Questionnaire's own text and coding.
    expect(link.item[0].text).to.equal('Ja?');
    expect(link.item[0].answer).to.deep.equal({
      y: {valueCoding: {system: 'urn:yn', code: 'y', display: 'Ja'}},
    });
  });

  it('asks a quantity as a number with the unit the person chooses, and a time as hh:mm', () => {
    const unitOption = (code: string, display: string) => ({
      url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption',
      valueCoding: {system: 'http://unitsofmeasure.org', code, display},
    });
    const {pack, link, warnings} = convert(
      q([
        {
          linkId: 'w',
          type: 'quantity',
          text: 'Weight',
          required: true,
          extension: [unitOption('kg', 'kilograms'), unitOption('[lb_av]', 'lbs')],
          initial: [{valueQuantity: {value: 150, code: '[lb_av]'}}],
        },
        {
          linkId: 'h',
          type: 'quantity',
          text: 'Height',
          extension: [unitOption('cm', 'cm')],
        },
        {linkId: 'bare', type: 'quantity', text: 'Amount'},
        {linkId: 't', type: 'time', text: 'When?'},
      ]),
    );
    const [w, unit, h, bare, t] = items(pack) as unknown as Obj[];
    expect([w.type, w.unit, w.step, w.initial]).to.deep.equal(['number', undefined, 0.01, 150]);
    // The unit follows the number: a choice labelled in the interface's words, at the initial unit.
    expect(unit).to.deep.equal({
      id: 'w-unit',
      type: 'choice',
      text: 'Unit',
      role: 'unit',
      options: [
        {value: 'kg', label: 'kilograms'},
        {value: '[lb_av]', label: 'lbs'},
      ],
      initial: ['[lb_av]'],
      required: true,
    });
    expect(initialAnswers(pack)['w-unit']).to.deep.equal(['[lb_av]']);
    expect(h.unit).to.equal('cm');
    expect(bare.unit).to.equal(undefined);
    expect([t.type, t.format, t.help]).to.deep.equal([
      'text',
      'time',
      'As hh:mm, for example 14:30.',
    ]);
    expect(link.item.map((i) => [i.answer, i.unit, i.units])).to.deep.equal([
      [
        'quantity',
        undefined,
        {
          id: 'w-unit',
          codings: {
            kg: {system: 'http://unitsofmeasure.org', code: 'kg', display: 'kilograms'},
            '[lb_av]': {system: 'http://unitsofmeasure.org', code: '[lb_av]', display: 'lbs'},
          },
        },
      ],
      ['quantity', {system: 'http://unitsofmeasure.org', code: 'cm', display: 'cm'}, undefined],
      ['quantity', undefined, undefined],
      ['time', undefined, undefined],
    ]);
    expect(warnings).to.deep.equal([]);
  });

  it('types to filter a choice with itemControl autocomplete, or a long single-answer list', () => {
    const control = {
      url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
      valueCodeableConcept: {coding: [{code: 'autocomplete'}]},
    };
    const options = (n: number) => Array.from({length: n}, (_, i) => coding(`c${i}`));
    const {pack, warnings} = convert(
      q([
        {linkId: 'a', type: 'choice', text: 'A', extension: [control], answerOption: options(3)},
        {linkId: 'long', type: 'choice', text: 'Long', answerOption: options(31)},
        {linkId: 'short', type: 'choice', text: 'Short', answerOption: options(30)},
        {linkId: 'many', type: 'choice', text: 'Many', repeats: true, answerOption: options(31)},
      ]),
    );
    expect(items(pack).map((i) => (i as {autocomplete?: boolean}).autocomplete)).to.deep.equal([
      true,
      true,
      undefined,
      undefined,
    ]);
    expect(warnings).to.deep.equal([]);
  });

  it('takes a help displayCategory under a question as its hint; instructions stay text', () => {
    const category = (code: string) => ({
      url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-displayCategory',
      valueCodeableConcept: {
        coding: [{system: 'http://hl7.org/fhir/questionnaire-display-category', code}],
      },
    });
    const {pack, warnings} = convert(
      q([
        {
          linkId: 'i',
          type: 'display',
          text: 'Answer every question.',
          extension: [category('instructions')],
        },
        {
          linkId: 'a',
          type: 'string',
          text: 'Name',
          item: [
            {
              linkId: 'a-help',
              type: 'display',
              text: 'As on your badge',
              extension: [category('help')],
            },
          ],
        },
      ]),
    );
    expect(items(pack)).to.deep.equal([
      {id: 'i', type: 'display', text: 'Answer every question.'},
      {id: 'a', type: 'text', text: 'Name', help: 'As on your badge'},
    ]);
    expect(warnings).to.deep.equal([]);
  });

  it('shows a readOnly item as text with its initial value; a required one keeps it in-progress', () => {
    const {pack, link} = convert(
      q([
        {
          linkId: 'id',
          type: 'string',
          text: 'Patient',
          readOnly: true,
          required: true,
          initial: [{valueString: 'P-1'}],
        },
        {linkId: 'a', type: 'string', text: 'A'},
      ]),
    );
    expect(items(pack)[0]).to.deep.equal({id: 'id', type: 'display', text: 'Patient: P-1'});
    expect(link.missing).to.deep.equal([{linkId: 'id'}]);
  });

  it("offers an answer of one's own for an open choice, while no option is chosen", () => {
    const {pack, link, warnings} = convert(
      q([
        {
          linkId: 'o',
          type: 'open-choice',
          text: 'Colour',
          answerOption: [coding('red'), coding('blue')],
          initial: [{valueString: 'teal'}],
        },
        {
          linkId: 'req',
          type: 'open-choice',
          text: 'Req',
          required: true,
          answerOption: [coding('a')],
        },
      ]),
    );
    const [o, other, req] = items(pack) as unknown as Obj[];
    expect([o.id, other.id, other.type, other.initial, req.id]).to.deep.equal([
      'o',
      'o-other',
      'text',
      'teal',
      'req',
    ]);
    expect(other.showIf).to.deep.equal({item: 'o', op: 'unanswered'});
    // Labelled in the interface's language ("Other answer", "Ateb arall"), not the pack's.
    expect(other.role).to.equal('other');
    expect(link.item[0].other).to.equal('o-other');
    expect(warnings.map((w) => w.message)).to.deep.equal([
      'linkId "req": open-choice free text on a required item (the options only)',
    ]);
  });

  it('leaves hidden items out quietly and unsupported ones out with a warning', () => {
    const hidden = {
      url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-hidden',
      valueBoolean: true,
    };
    const {pack, warnings} = convert(
      q([
        {linkId: 'h', type: 'string', text: 'H', extension: [hidden]},
        {linkId: 'v', type: 'choice', text: 'V', answerValueSet: 'http://example.org/vs'},
        {linkId: 'att', type: 'attachment', text: 'File'},
        {linkId: 'ok', type: 'string', text: 'OK', readOnly: true},
        {linkId: 'fine', type: 'string', text: 'Fine'},
      ]),
    );
    expect(items(pack).map((i) => `${i.id}:${i.type}`)).to.deep.equal([
      'v:text',
      'ok:display',
      'fine:text',
    ]);
    expect(warnings.map((w) => [w.path, w.message])).to.deep.equal([
      [
        'item[1]',
        'linkId "v": answerValueSet "http://example.org/vs" is not contained in the Questionnaire (free text)',
      ],
      ['item[2]', 'linkId "att": type "attachment" is not supported (left out)'],
      ['item[3]', 'linkId "ok": a readOnly item (shown as text, not in the response)'],
    ]);
  });
});

describe('initial in native packs', () => {
  it('parses initial answers in each shape and refuses the wrong one', () => {
    const pack = fresh();
    pack.sections[0].items[1].initial = ['b'];
    pack.sections[0].items[2].initial = 12;
    const ok = parsePack(pack);
    expect(ok.ok).to.equal(true);
    if (ok.ok) expect(initialAnswers(ok.pack)).to.deep.equal({q2: ['b'], q3: 12});
    pack.sections[0].items[1].initial = ['z'];
    pack.sections[0].items[2].initial = '12';
    const bad = parsePack(pack);
    expect(bad.ok).to.equal(false);
    if (!bad.ok) {
      expect(bad.problems).to.deep.equal([
        {path: 'sections[0].items[1].initial[0]', message: '"z" is not an option'},
        {path: 'sections[0].items[2].initial', message: 'must be a number'},
      ]);
    }
  });
});

describe('loadPack with a Questionnaire', () => {
  it('converts it, joins its warnings and gives the link', async () => {
    const loaded = await loadPack(
      {
        kind: 'object',
        value: q([
          {linkId: '/1', type: 'string', text: 'A'},
          {linkId: '/2', type: 'url', text: 'B'},
        ]),
      },
      {fetch, baseUrl: location.href, timepoint: 'post-workshop'},
    );
    expect(loaded.pack.timepoints[0].id).to.equal('post-workshop');
    expect(loaded.warnings).to.deep.equal([
      {path: 'item[1]', message: 'linkId "/2": type "url" is not supported (left out)'},
    ]);
    expect(loaded.fhir?.item.map((i) => i.linkId)).to.deep.equal(['/1']);
  });

  it('reports a Questionnaire with nothing to show as instrument-invalid', async () => {
    let error: {code?: string} | undefined;
    await loadPack(
      {kind: 'inline', text: JSON.stringify(q([{linkId: 'x', type: 'attachment'}]))},
      {fetch, baseUrl: location.href},
    ).catch((e) => (error = e));
    expect(error?.code).to.equal('instrument-invalid');
  });
});
