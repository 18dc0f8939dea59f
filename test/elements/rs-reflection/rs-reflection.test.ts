import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {
  RsReflection,
  type ReflectionStep,
} from '../../../src/elements/rs-reflection/rs-reflection.js';
import {loadIdentifierCheck} from '../../../src/internal/identifiers.js';
import {expectSame, formControlSuite, shiftTab, typeKeys} from '../form-control-suite.js';

if (!customElements.get('rs-reflection')) customElements.define('rs-reflection', RsReflection);

const steps: ReflectionStep[] = [
  {id: 'what', prompt: 'What happened?', help: 'Describe the event, not the people.'},
  {id: 'feel', prompt: 'What were you thinking and feeling?'},
  {id: 'plan', prompt: 'What will you do next time?'},
];

const shadow = (el: RsReflection) => el.shadowRoot!;
const textareaOf = (el: RsReflection) => shadow(el).querySelector('textarea')!;
const part = (el: RsReflection, name: string) =>
  shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
/** The ids the text area's aria-describedby names. */
const describedIds = (el: RsReflection) =>
  (textareaOf(el).getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
const describedBy = (el: RsReflection) =>
  describedIds(el).map((id) => shadow(el).getElementById(id));

formControlSuite<RsReflection>({
  tag: 'rs-reflection',
  render: ({name, required}) =>
    html`<rs-reflection
      name=${name}
      ?required=${required}
      label="Reflect on an error"
      .steps=${steps}
    ></rs-reflection>`,
  answer: (el) => {
    el.value = {what: 'A near miss', plan: 'Ask for a second check'};
  },
  answered: [
    ['q.what', 'A near miss'],
    ['q.feel', ''],
    ['q.plan', 'Ask for a second check'],
  ],
  unanswered: [
    ['q.what', ''],
    ['q.feel', ''],
    ['q.plan', ''],
  ],
  restore: {
    state: JSON.stringify({what: 'Restored', feel: 'Calm'}),
    entries: [
      ['q.what', 'Restored'],
      ['q.feel', 'Calm'],
      ['q.plan', ''],
    ],
  },
  nativeControl: (el) => textareaOf(el),
});

describe('rs-reflection', () => {
  async function reflection(props: Partial<RsReflection> = {}): Promise<RsReflection> {
    const el = await fixture<RsReflection>(
      html`<rs-reflection label="Reflect on an error" .steps=${steps}></rs-reflection>`,
    );
    Object.assign(el, props);
    await el.updateComplete;
    return el;
  }

  describe('one step at a time', () => {
    it('labels the text area with the step prompt and says which step it is', async () => {
      const el = await reflection();
      expect(shadow(el).querySelector('legend')!.textContent).to.equal('Reflect on an error');
      expect(shadow(el).querySelectorAll('textarea').length).to.equal(1);
      expect(textareaOf(el).labels![0].textContent).to.equal('What happened?');
      expect(part(el, 'progress')!.textContent!.trim()).to.equal('Step 1 of 3');
      const described = describedBy(el);
      expect(described.every(Boolean)).to.equal(true);
      expect(described.map((n) => n!.textContent!.trim())).to.include('Step 1 of 3');
      expect(described.map((n) => n!.textContent)).to.include(
        'Describe the event, not the people.',
      );
      await expect(el).to.be.accessible();
    });

    it('is accessible at every step', async () => {
      const el = await reflection({value: {what: 'x', feel: 'y'}});
      for (let i = 0; i < steps.length; i++) {
        el.step = i;
        await el.updateComplete;
        expect(textareaOf(el).labels![0].textContent).to.equal(steps[i].prompt);
        expect(textareaOf(el).value).to.equal(el.value[steps[i].id] ?? '');
        await expect(el).to.be.accessible();
      }
    });

    it('disables Previous on the first step and Next on the last', async () => {
      const el = await reflection();
      expect(part(el, 'previous-button')!.matches(':disabled')).to.equal(true);
      expect(part(el, 'next-button')!.matches(':disabled')).to.equal(false);
      el.step = 2;
      await el.updateComplete;
      expect(el.getAttribute('step')).to.equal('2');
      expect(part(el, 'previous-button')!.matches(':disabled')).to.equal(false);
      expect(part(el, 'next-button')!.matches(':disabled')).to.equal(true);
    });

    it('keeps an out-of-range step within the steps', async () => {
      const el = await reflection({step: 9});
      expect(part(el, 'progress')!.textContent!.trim()).to.equal('Step 3 of 3');
    });

    it('hides the step navigation when there is only one step', async () => {
      const el = await reflection({steps: [{id: 'only', prompt: 'What went well?'}]});
      expect(part(el, 'progress')).to.equal(null);
      expect(part(el, 'previous-button')).to.equal(null);
      expect(part(el, 'next-button')).to.equal(null);
      expect(part(el, 'download-button')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });

    it('focusStep shows the step and puts focus in its text area', async () => {
      const el = await reflection();
      await el.focusStep('plan');
      expect(el.step).to.equal(2);
      expectSame(shadow(el).activeElement, textareaOf(el), 'focus');
      expect(textareaOf(el).labels![0].textContent).to.equal('What will you do next time?');
    });
  });

  describe('keyboard', () => {
    it('types into a step, moves between steps with the buttons, and keeps each text', async () => {
      const el = await reflection();
      el.focus();
      await typeKeys('A near miss');
      expect(el.value).to.deep.equal({what: 'A near miss'});
      expect(part(el, 'hint')!.textContent).to.contain('11 characters');

      // Tab passes the disabled Previous button and reaches Next.
      await sendKeys({press: 'Tab'});
      expectSame(shadow(el).activeElement, part(el, 'next-button'), 'focus');
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(el.step).to.equal(1);
      expect(part(el, 'progress')!.textContent!.trim()).to.equal('Step 2 of 3');
      expectSame(shadow(el).activeElement, textareaOf(el), 'focus');
      expect(textareaOf(el).value).to.equal('');

      await typeKeys('Shaken');
      expect(el.value).to.deep.equal({what: 'A near miss', feel: 'Shaken'});

      await sendKeys({press: 'Tab'});
      expectSame(shadow(el).activeElement, part(el, 'previous-button'), 'focus');
      await sendKeys({press: ' '});
      await el.updateComplete;
      expect(el.step).to.equal(0);
      expectSame(shadow(el).activeElement, textareaOf(el), 'focus');
      expect(textareaOf(el).value).to.equal('A near miss');

      await sendKeys({press: 'Tab'});
      expectSame(shadow(el).activeElement, part(el, 'next-button'), 'focus');
      if (await shiftTab()) expectSame(shadow(el).activeElement, textareaOf(el), 'focus');
    });

    it('stops typing at maxLength and counts against it', async () => {
      const el = await reflection({maxLength: 5});
      expect(textareaOf(el).maxLength).to.equal(5);
      el.focus();
      await typeKeys('abcdefgh');
      expect(el.value.what).to.equal('abcde');
      expect(part(el, 'hint')!.textContent).to.contain('5 of 5 characters');
    });
  });

  describe('events', () => {
    it('sends one input per keystroke, composed, and change when the text area loses focus', async () => {
      const parent = await fixture<HTMLDivElement>(
        html`<div>
          <rs-reflection .steps=${steps} label="R"></rs-reflection><button>after</button>
        </div>`,
      );
      const el = parent.querySelector('rs-reflection')!;
      await el.updateComplete;
      const seen: string[] = [];
      parent.addEventListener('input', (e) =>
        seen.push(`input:${(e.target as Element).localName}`),
      );
      parent.addEventListener('change', (e) =>
        seen.push(`change:${(e.target as Element).localName}`),
      );
      el.focus();
      await typeKeys('ok');
      expect(seen).to.deep.equal(['input:rs-reflection', 'input:rs-reflection']);

      const change = oneEvent(el, 'change');
      parent.querySelector('button')!.focus();
      expect((await change).composed).to.equal(true);
      expect(seen.at(-1)).to.equal('change:rs-reflection');
    });

    it('sends nothing when the page sets the value', async () => {
      const el = await reflection();
      let events = 0;
      el.addEventListener('input', () => events++);
      el.value = {what: 'set by the page'};
      await el.updateComplete;
      expect(textareaOf(el).value).to.equal('set by the page');
      expect(events).to.equal(0);
    });
  });

  describe('hints, privacy and identifiers', () => {
    // These are about the warnings themselves (identifier-check-loading.test.ts covers text
    // set before the check has loaded).
    before(() => loadIdentifierCheck());

    it('shows the suggested length as a hint tied to the text area', async () => {
      const el = await reflection({suggestedLength: 600});
      const hint = part(el, 'hint')!;
      expect(hint.textContent).to.contain('About 600 characters is plenty');
      expect(hint.textContent).to.contain('0 characters');
      expect(describedIds(el)).to.include(hint.id);
    });

    it('reads suggested-length, max-length and privacy-note attributes', async () => {
      const el = await fixture<RsReflection>(
        html`<rs-reflection
          suggested-length="300"
          max-length="2000"
          privacy-note="false"
          steps='[{"id":"a","prompt":"What happened?"}]'
        ></rs-reflection>`,
      );
      expect(el.suggestedLength).to.equal(300);
      expect(el.maxLength).to.equal(2000);
      expect(el.privacyNote).to.equal(false);
      expect(part(el, 'privacy-note')).to.equal(null);
      expect(textareaOf(el).labels![0].textContent).to.equal('What happened?');
    });

    it('says by default that the reflection stays on this device', async () => {
      const el = await reflection();
      expect(part(el, 'privacy-note')!.textContent).to.contain('stays on this device');
    });

    it('always warns against patient identifiers, tied to the text area', async () => {
      const el = await reflection();
      const warning = part(el, 'warning')!;
      expect(warning.textContent).to.contain('NHS numbers');
      expect(describedIds(el)).to.include(warning.id);
    });

    it('warns politely when the text seems to hold an NHS number or a date of birth', async () => {
      const el = await reflection();
      const findings = part(el, 'findings')!;
      expect(findings.getAttribute('aria-live')).to.equal('polite');
      expect(describedIds(el)).to.include(findings.id);
      expect(findings.textContent!.trim()).to.equal('');

      el.focus();
      await typeKeys('Patient 943 476 5919 ');
      await waitUntil(() => findings.textContent!.includes('NHS number'), 'no NHS warning');
      expect(findings.textContent).to.not.contain('date of birth');
      await expect(el).to.be.accessible();

      await typeKeys('born 12/03/1984');
      await waitUntil(() => findings.textContent!.includes('date of birth'), 'no DOB warning');
      expect(findings.textContent).to.contain('NHS number');
      await expect(el).to.be.accessible();

      el.value = {what: 'A quiet shift'};
      await el.updateComplete;
      expect(findings.textContent!.trim()).to.equal('');
    });

    it('does not warn about a changed digit (no valid check digit)', async () => {
      const el = await reflection();
      el.focus();
      await typeKeys('ref 943 476 5918');
      // Moving the element runs the pending check now, not after the pause.
      el.parentElement!.append(el);
      await el.updateComplete;
      expect(part(el, 'findings')!.textContent!.trim()).to.equal('');
      // With its right check digit the same text is warned about: the check did run here.
      el.value = {what: 'ref 943 476 5919'};
      await el.updateComplete;
      expect(part(el, 'findings')!.textContent).to.contain('NHS number');
    });

    it('checks text set from outside after being moved while typing paused', async () => {
      const el = await reflection();
      el.focus();
      await typeKeys('x');
      // Moved within the pause after the keystroke: disconnected and connected again.
      el.parentElement!.append(el);
      el.value = {what: 'Patient 943 476 5919'};
      await el.updateComplete;
      expect(part(el, 'findings')!.textContent).to.contain('NHS number');
    });

    it('checks the step focusStep shows at once, even mid-pause after typing', async () => {
      const el = await reflection({value: {feel: '943 476 5919'}});
      el.focus();
      await typeKeys('x');
      await el.focusStep('feel');
      expect(part(el, 'findings')!.textContent).to.contain('NHS number');
    });

    it('checks each step as it is shown', async () => {
      const el = await reflection({value: {feel: '943 476 5919'}});
      expect(part(el, 'findings')!.textContent!.trim()).to.equal('');
      el.step = 1;
      await el.updateComplete;
      expect(part(el, 'findings')!.textContent).to.contain('NHS number');
    });
  });

  describe('errors', () => {
    it('shows an error tied to the text area and marks it invalid', async () => {
      const el = await reflection({error: 'Write something for this step'});
      const error = part(el, 'error')!;
      expect(error.textContent).to.contain('Write something for this step');
      expect(error.textContent).to.contain('Error:');
      expect(describedIds(el)).to.include(error.id);
      expect(textareaOf(el).getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();

      el.error = '';
      await el.updateComplete;
      expect(part(el, 'error')).to.equal(null);
      expect(textareaOf(el).hasAttribute('aria-invalid')).to.equal(false);
    });

    it('needs the first step when required, whichever step is shown', async () => {
      const el = await reflection({required: true, value: {feel: 'something'}});
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal('Write something for this step');
      el.step = 1;
      await el.updateComplete;
      expect(el.validationMessage).to.equal('Write something for the first step');
      el.value = {what: '   '};
      await el.updateComplete;
      expect(el.validity.valueMissing).to.equal(true);
      el.value = {what: 'text'};
      await el.updateComplete;
      expect(el.validity.valid).to.equal(true);
    });

    it('is too long when text set by the page passes maxLength', async () => {
      const el = await reflection({maxLength: 3, value: {feel: 'four'}});
      expect(el.validity.tooLong).to.equal(true);
      expect(el.validationMessage).to.equal('Enter no more than 3 characters');
    });

    it('renders pack text as text, never as markup', async () => {
      const el = await reflection({
        label: '<img src=x>',
        steps: [{id: 'a', prompt: '<b>bold</b>', help: '<i>x</i>'}],
      });
      expect(shadow(el).querySelector('img, b, i')).to.equal(null);
      expect(textareaOf(el).labels![0].textContent).to.equal('<b>bold</b>');
    });
  });

  describe('download', () => {
    it('saves the person’s own text as a .txt file, without the network', async () => {
      const el = await reflection({value: {what: 'A near miss', plan: 'Ask for a check'}});
      const originalCreate = URL.createObjectURL;
      const originalClick = HTMLAnchorElement.prototype.click;
      let blob: Blob | undefined;
      const clicked: HTMLAnchorElement[] = [];
      URL.createObjectURL = (b: Blob | MediaSource) => {
        blob = b as Blob;
        return 'blob:test';
      };
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push(this);
      };
      try {
        part(el, 'download-button')!.click();
      } finally {
        URL.createObjectURL = originalCreate;
        HTMLAnchorElement.prototype.click = originalClick;
      }
      expect(clicked.length).to.equal(1);
      const anchor = clicked[0];
      expect(anchor.download).to.equal('my-reflection.txt');
      expect(anchor.getAttribute('href')).to.equal('blob:test');
      expect(anchor.isConnected).to.equal(false);
      expect(blob!.type).to.contain('text/plain');
      const text = await blob!.text();
      expect(text).to.equal(
        [
          'Reflect on an error',
          '',
          'What happened?',
          'A near miss',
          '',
          'What were you thinking and feeling?',
          '',
          '',
          'What will you do next time?',
          'Ask for a check',
          '',
        ].join('\n'),
      );
    });
  });

  describe('layout', () => {
    it('reflows at 320 CSS pixels and keeps buttons at least 24px', async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px">
          <rs-reflection label="Reflect" .steps=${steps} suggested-length="600"></rs-reflection>
        </div>`,
      );
      const el = box.querySelector('rs-reflection')!;
      await el.updateComplete;
      expect(el.scrollWidth).to.be.at.most(320);
      for (const button of shadow(el).querySelectorAll('button')) {
        const rect = button.getBoundingClientRect();
        expect(rect.height).to.be.at.least(24);
        expect(rect.right).to.be.at.most(box.getBoundingClientRect().right + 0.5);
      }
    });
  });
});
