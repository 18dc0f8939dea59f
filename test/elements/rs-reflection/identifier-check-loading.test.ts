import {expect, waitUntil} from '@open-wc/testing';
import {RsReflection} from '../../../src/elements/rs-reflection/rs-reflection.js';

// A file of its own, so its own page: nothing has loaded the identifier check before this test.
if (!customElements.get('rs-reflection')) customElements.define('rs-reflection', RsReflection);

describe('rs-reflection before the identifier check has loaded', () => {
  it('warns about text set from outside once the check has loaded', async () => {
    const el = document.createElement('rs-reflection');
    el.label = 'Reflect on an error';
    el.steps = [{id: 'what', prompt: 'What happened?'}];
    el.value = {what: 'Patient 943 476 5919'};
    document.body.append(el);
    try {
      await el.updateComplete;
      const findings = el.shadowRoot!.querySelector('[part="findings"]')!;
      // Checked at once, but the check is still on its way.
      expect(findings.textContent!.trim()).to.equal('');
      await waitUntil(() => findings.textContent!.includes('NHS number'), 'no NHS warning');
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
    }
  });
});
