import {expect} from '@open-wc/testing';
import {localize} from '../../src/instrument/text.js';

describe('localize', () => {
  const text = {en: 'Before', cy: 'Cyn', 'fr-CA': 'Avant'};

  it('returns a plain string whatever the language', () => {
    expect(localize('Hello', 'cy')).to.equal('Hello');
  });

  it('returns an empty string for missing text', () => {
    expect(localize(undefined, 'en')).to.equal('');
    expect(localize({}, 'en')).to.equal('');
  });

  it('prefers the exact tag, case-insensitively', () => {
    expect(localize(text, 'cy')).to.equal('Cyn');
    expect(localize(text, 'fr-ca')).to.equal('Avant');
  });

  it('falls back to the base language (cy-GB → cy)', () => {
    expect(localize(text, 'cy-GB')).to.equal('Cyn');
  });

  it('then tries the fallbacks in order', () => {
    expect(localize({cy: 'Cyn', ga: 'Roimh'}, 'de', ['ga', 'cy'])).to.equal('Roimh');
  });

  it('then English, then the first value', () => {
    expect(localize({cy: 'Cyn', en: 'Before'}, 'de')).to.equal('Before');
    expect(localize({cy: 'Cyn', ga: 'Roimh'}, 'de')).to.equal('Cyn');
  });
});
