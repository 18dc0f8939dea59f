import {expect} from '@open-wc/testing';
import {en as core, type Messages} from '../../src/i18n/en.js';
import {enEnding, type EndingMessages} from '../../src/i18n/en-ending.js';
import {enParts, partsOf, type PartMessages} from '../../src/i18n/en-parts.js';
import {enReflection, type ReflectionMessages} from '../../src/i18n/en-reflection.js';
import {cy} from '../../src/i18n/cy.js';
import {interfaceLanguage, loadMessages, messagesFor} from '../../src/i18n/index.js';

type Key = keyof (Messages & EndingMessages & ReflectionMessages & PartMessages);

/**
 * Every English string: the catalogue the first page needs, the last pages' strings, the
 * reflection's, and the labels of the parts a FHIR import adds to questions.
 */
const en = {...core, ...enEnding, ...enReflection, ...enParts};
type AnyFn = (...args: unknown[]) => string;

/** Keys whose Welsh is legitimately the same as the English. Keep this list short. */
const sameAsEnglish: readonly Key[] = [];

/** A message as text: strings as they are, functions called with distinctive arguments. */
function render(value: unknown, args: readonly number[]): string {
  return typeof value === 'function'
    ? (value as AnyFn)(...args.slice(0, value.length))
    : String(value);
}

describe('Welsh interface catalogue', () => {
  const keys = Object.keys(en) as Key[];

  it('has every English key, and no others', () => {
    expect(Object.keys(cy).sort()).to.deep.equal([...keys].sort());
  });

  for (const key of Object.keys(en) as Key[]) {
    it(`${key}: same kind and arity as the English`, () => {
      const english: unknown = en[key];
      const welsh: unknown = cy[key];
      expect(typeof welsh, key).to.equal(typeof english);
      if (typeof english === 'function') {
        expect((welsh as AnyFn).length, `${key} arity`).to.equal(english.length);
      } else {
        expect(welsh, key).to.be.a('string').and.not.equal('');
      }
    });
  }

  it('translates every string, except the listed ones', () => {
    const untranslated = keys.filter((key) =>
      [
        [1, 1],
        [2, 5],
        [101, 202],
      ].every((args) => render(cy[key], args) === render(en[key], args)),
    );
    expect(untranslated).to.deep.equal([...sameAsEnglish]);
  });

  it('keeps every interpolated value', () => {
    for (const key of keys) {
      if (typeof en[key] !== 'function') continue;
      const args = [101, 202].slice(0, (en[key] as AnyFn).length);
      const text = render(cy[key], args);
      for (const arg of args) expect(text, key).to.include(String(arg));
    }
  });

  it('labels the parts of a question in the interface language, English where it has none', () => {
    const [welsh, english] = [partsOf(cy), partsOf(core)];
    expect([welsh.other, welsh.unit]).to.deep.equal(['Ateb arall', 'Uned']);
    expect([english.other, english.unit]).to.deep.equal(['Other answer', 'Unit']);
  });

  it('says a response was refused without an empty reason, in either language', () => {
    for (const e of [enEnding, cy]) {
      expect(e.statusRejected('HTTP 400')).to.include('(HTTP 400)');
      const bare = e.statusRejected('');
      expect(bare).to.not.include('(').and.not.include('rejected');
    }
  });

  it('counts with the singular noun after a numeral', () => {
    expect(cy.minutes(3)).to.equal('Tua 3 munud');
    expect(cy.questions(5)).to.equal('5 cwestiwn');
    expect(cy.characters(1)).to.equal('1 nod');
    expect(cy.droppedAnswers(1)).to.include('mae wedi cael ei ddileu');
    expect(cy.droppedAnswers(3)).to.include('maen nhw wedi cael eu dileu');
  });

  it('is what loadMessages gives for a Welsh tag', async () => {
    expect(await loadMessages('cy-GB')).to.equal(cy);
    expect(await loadMessages('cy')).to.equal(cy);
    expect(messagesFor('CY-gb')).to.equal(cy);
  });

  it('falls back to English for a language without a catalogue', async () => {
    expect(interfaceLanguage('fr')).to.equal('en');
    expect(interfaceLanguage('cy-GB')).to.equal('cy');
    expect(interfaceLanguage(undefined)).to.equal('en');
    expect(await loadMessages('fr')).to.equal(core);
  });
});
