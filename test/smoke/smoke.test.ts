import {expect} from '@open-wc/testing';

describe('smoke', () => {
  it('runs in a browser with IndexedDB', () => {
    expect(typeof indexedDB).to.equal('object');
  });
});
