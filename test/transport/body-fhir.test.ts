import {expect} from '@open-wc/testing';
import {
  buildQuestionnaireResponse,
  SCORE_EXTENSION,
  TIMEPOINT_EXTENSION,
} from '../../src/transport/body-fhir.js';
import {formats} from '../../src/transport/formats.js';
import type {FhirLink} from '../../src/instrument/fhir.js';
import {packOf} from '../instrument/fixtures.js';

const pack = packOf({
  url: 'https://example.org/Questionnaire/p',
  scales: {five: {points: [1, 2, 3, 4, 5].map((value) => ({value, label: String(value)}))}},
  sections: [
    {
      id: 's1',
      title: 'One',
      items: [
        {id: 'l', type: 'likert', scale: 'five', text: 'L'},
        {id: 'c', type: 'choice', text: 'C', options: [{value: 'a', label: 'Apple'}]},
        {id: 'n', type: 'number', text: 'N', step: 0.5},
        {id: 'r', type: 'reflection', text: 'R', steps: [{id: 'what', prompt: 'What?'}]},
      ],
    },
  ],
});
const input = {
  id: '9b2c6d0e-1111-4222-8333-444455556666',
  pack,
  timepoint: 't',
  participant: 'M-07-J',
  locale: 'en',
  submittedAt: '2026-11-27T09:12:31.000Z',
  answers: {l: 4, c: ['a'], n: 2.5, r: '', 'r.what': 'private words'},
};

/** A pack of one-line text items with these ids, the shape a FHIR-born pack has. */
const textPack = (...ids: string[]) =>
  packOf({
    sections: [
      {id: 'x', title: 'X', items: ids.map((id) => ({id, type: 'text' as const, text: id}))},
    ],
  });

describe('buildQuestionnaireResponse', () => {
  it('makes a completed response with the contract identifier and canonical', () => {
    const qr = buildQuestionnaireResponse(input);
    expect(qr).to.deep.equal({
      resourceType: 'QuestionnaireResponse',
      identifier: {system: 'urn:ietf:rfc:3986', value: `urn:uuid:${input.id}`},
      questionnaire: 'https://example.org/Questionnaire/p|1.0.0',
      status: 'completed',
      authored: '2026-11-27T09:12:31.000Z',
      language: 'en',
      extension: [{url: TIMEPOINT_EXTENSION, valueString: 't'}],
      subject: {identifier: {type: {text: 'Pseudonymous participant code'}, value: 'M-07-J'}},
      // The reflection is private by default: not in the body.
      item: [
        {
          linkId: 's1',
          text: 'One',
          item: [
            {linkId: 'l', text: 'L', answer: [{valueInteger: 4}]},
            {linkId: 'c', text: 'C', answer: [{valueCoding: {code: 'a', display: 'Apple'}}]},
            {linkId: 'n', text: 'N', answer: [{valueDecimal: 2.5}]},
          ],
        },
      ],
    });
  });

  it('carries each score with a value in an extension after the timepoint, in order', () => {
    const qr = buildQuestionnaireResponse({
      ...input,
      scores: {
        confidence: {value: 3.83},
        none: {value: null},
        total: {value: 12},
        broken: {value: NaN},
      },
    });
    const score = (id: string, value: number) => ({
      url: SCORE_EXTENSION,
      extension: [
        {url: 'id', valueString: id},
        {url: 'value', valueDecimal: value},
      ],
    });
    expect(SCORE_EXTENSION).to.equal('urn:resilience-survey:fhir:score');
    expect(qr.extension).to.deep.equal([
      {url: TIMEPOINT_EXTENSION, valueString: 't'},
      score('confidence', 3.83),
      score('total', 12),
    ]);
    // The rest of the body is as it is without scores.
    const without = buildQuestionnaireResponse(input);
    expect({...qr, extension: null}).to.deep.equal({...without, extension: null});
  });

  it('answers a FHIR-born pack under its linkIds, in the types it asked for', () => {
    const link: FhirLink = {
      questionnaire: 'https://example.org/Q|v7',
      item: [
        {
          linkId: 'group/1',
          item: [
            {linkId: '/b', id: 'b', answer: 'boolean'},
            {linkId: '/d', id: 'd', answer: 'date'},
            {linkId: '/t', id: 't', answer: 'dateTime'},
            {linkId: '/i', id: 'i', answer: 'integer'},
            {linkId: '/o', id: 'o', answer: {'34': {valueInteger: 34}, x: {valueString: 'X'}}},
          ],
        },
        {linkId: '/empty', item: [{linkId: '/s', id: 's', answer: 'string'}]},
      ],
    };
    const qr = buildQuestionnaireResponse({
      ...input,
      participant: null,
      link,
      pack: packOf({
        sections: [
          {
            id: 'x',
            title: 'X',
            items: ['b', 'd', 't', 'i', 'o', 's'].map((id) => ({
              id,
              type: 'text' as const,
              text: id,
            })),
          },
        ],
      }),
      answers: {b: ['false'], d: '2026/11/27', t: 'next tuesday', i: 3, o: ['34', 'x']},
    });
    expect(qr.questionnaire).to.equal('https://example.org/Q|v7');
    expect(qr.subject).to.equal(undefined);
    expect(qr.item).to.deep.equal([
      {
        linkId: 'group/1',
        item: [
          {linkId: '/b', answer: [{valueBoolean: false}]},
          // Typed another way, sent in FHIR's form; what is not a date is never sent as one.
          {linkId: '/d', answer: [{valueDate: '2026-11-27'}]},
          {linkId: '/i', answer: [{valueInteger: 3}]},
          {linkId: '/o', answer: [{valueInteger: 34}, {valueString: 'X'}]},
        ],
      },
    ]);
  });

  it('sends dates as valueDate and valueDateTime in FHIR form, with the zone of the device', () => {
    const link: FhirLink = {
      item: [
        {linkId: '/d', id: 'd', answer: 'date'},
        {linkId: '/t', id: 't', answer: 'dateTime'},
        {linkId: '/u', id: 'u', answer: 'dateTime'},
      ],
    };
    const qr = buildQuestionnaireResponse({
      ...input,
      link,
      pack: textPack('d', 't', 'u'),
      answers: {d: '7.3.2026', t: '2026-11-27 9:05', u: '2026-11-27'},
    });
    const [d, t, u] = qr.item as {answer: Record<string, string>[]}[];
    expect(d.answer).to.deep.equal([{valueDate: '2026-03-07'}]);
    expect(t.answer[0].valueDateTime).to.match(/^2026-11-27T09:05:00[+-]\d\d:\d\d$/);
    expect(new Date(t.answer[0].valueDateTime).getTime()).to.equal(
      new Date(2026, 10, 27, 9, 5).getTime(),
    );
    expect(u.answer).to.deep.equal([{valueDateTime: '2026-11-27'}]);
  });

  it('is in-progress while a required item the widget left out is enabled, or when empty', () => {
    const link: FhirLink = {
      item: [{linkId: '/a', id: 'a', answer: 'string'}],
      missing: [{linkId: '/m', when: {item: 'a', op: 'equals', value: 'yes'}}],
    };
    const status = (answers: Record<string, string>) =>
      buildQuestionnaireResponse({...input, pack: textPack('a'), link, answers}).status;
    expect(status({a: 'no'})).to.equal('completed');
    expect(status({a: 'yes'})).to.equal('in-progress');
    expect(status({})).to.equal('in-progress');
    const always: FhirLink = {...link, missing: [{linkId: '/m'}]};
    expect(
      buildQuestionnaireResponse({...input, pack: textPack('a'), link: always, answers: {a: 'no'}})
        .status,
    ).to.equal('in-progress');
  });

  it('nests the answers to items under a question in its answer; free text as a Coding', () => {
    const link: FhirLink = {
      item: [
        {
          linkId: '/q',
          id: 'q',
          answer: 'boolean',
          answerItem: [{linkId: '/n', id: 'n', answer: 'integer'}],
        },
        {linkId: '/v', id: 'v', answer: 'coding'},
      ],
    };
    const qr = buildQuestionnaireResponse({
      ...input,
      link,
      pack: textPack('q', 'n', 'v'),
      answers: {q: ['true'], n: 3, v: ' Penicillin '},
    });
    expect(qr.item).to.deep.equal([
      {
        linkId: '/q',
        answer: [{valueBoolean: true, item: [{linkId: '/n', answer: [{valueInteger: 3}]}]}],
      },
      {linkId: '/v', answer: [{valueCoding: {display: 'Penicillin'}}]},
    ]);
  });

  it('sends quantities with their unit and times in FHIR form', () => {
    const link: FhirLink = {
      item: [
        {
          linkId: '/w',
          id: 'w',
          answer: 'quantity',
          unit: {system: 'http://unitsofmeasure.org', code: 'kg', display: 'kilograms'},
        },
        {linkId: '/n', id: 'n', answer: 'quantity'},
        {linkId: '/t', id: 't', answer: 'time'},
      ],
    };
    const qr = buildQuestionnaireResponse({
      ...input,
      link,
      pack: textPack('w', 'n', 't'),
      answers: {w: 70.5, n: 3, t: '9.05'},
    });
    expect(qr.item).to.deep.equal([
      {
        linkId: '/w',
        answer: [
          {
            valueQuantity: {
              value: 70.5,
              unit: 'kilograms',
              system: 'http://unitsofmeasure.org',
              code: 'kg',
            },
          },
        ],
      },
      {linkId: '/n', answer: [{valueQuantity: {value: 3}}]},
      {linkId: '/t', answer: [{valueTime: '09:05:00'}]},
    ]);
  });

  it("sends an open choice's own answer as a valueString after the options", () => {
    const link: FhirLink = {
      item: [
        {linkId: '/o', id: 'o', other: 'o-other', answer: {r: {valueCoding: {code: 'r'}}}},
        {linkId: '/p', id: 'p', other: 'p-other', answer: {r: {valueCoding: {code: 'r'}}}},
      ],
    };
    const qr = buildQuestionnaireResponse({
      ...input,
      link,
      pack: textPack('o', 'o-other', 'p', 'p-other'),
      answers: {'o-other': 'teal', p: ['r'], 'p-other': 'and more'},
    });
    expect(qr.item).to.deep.equal([
      {linkId: '/o', answer: [{valueString: 'teal'}]},
      {linkId: '/p', answer: [{valueCoding: {code: 'r'}}, {valueString: 'and more'}]},
    ]);
  });

  it('is sent as a conditional create on its identifier', () => {
    expect(formats.fhir.headers(input.id)).to.deep.equal({
      'Content-Type': 'application/fhir+json',
      'If-None-Exist': `identifier=urn:ietf:rfc:3986|urn:uuid:${input.id}`,
    });
  });
});
