import {expect} from '@open-wc/testing';
import {html, render} from 'lit';
import {cssProps} from '../../src/internal/css-props.js';

describe('cssProps', () => {
  it('sets custom properties through CSSOM, and touches the style only when a value changes', () => {
    const host = document.createElement('div');
    const view = (n: string) => html`<p ${cssProps({'--rs-a': n, '--rs-b': 'x'})}></p>`;
    render(view('1'), host);
    const p = host.querySelector('p')!;
    expect(p.style.getPropertyValue('--rs-a')).to.equal('1');
    expect(p.style.getPropertyValue('--rs-b')).to.equal('x');
    const set = p.style.setProperty.bind(p.style);
    const calls: string[] = [];
    p.style.setProperty = (name: string, value: string | null) => {
      calls.push(name);
      set(name, value);
    };
    render(view('1'), host);
    expect(calls).to.deep.equal([]);
    render(view('2'), host);
    expect(calls).to.deep.equal(['--rs-a']);
    expect(p.style.getPropertyValue('--rs-a')).to.equal('2');
  });
});
