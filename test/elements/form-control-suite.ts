import {expect, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {TemplateResult} from 'lit';
import type {FormAssociatedElement} from '../../src/internal/form-associated.js';

type Entries = [string, string][];

function describeNode(node: unknown): string {
  if (!(node instanceof Element)) return String(node);
  const attrs = ['id', 'part', 'value', 'name']
    .map((a) => (node.hasAttribute(a) ? ` ${a}="${node.getAttribute(a)}"` : ''))
    .join('');
  const value = node instanceof HTMLInputElement ? ` .value="${node.value}"` : '';
  return `<${node.localName}${attrs}${value}>`;
}

/**
 * Asserts that two nodes are the same one. (A failing chai `equal` on DOM nodes makes the
 * test runner serialise whole element graphs and hang, so compare here and print a summary.)
 */
export function expectSame(actual: unknown, expected: unknown, what = 'node'): void {
  expect(
    actual === expected,
    `${what}: expected ${describeNode(expected)}, got ${describeNode(actual)}`,
  ).to.equal(true);
}

/**
 * Shift+Tab. The WebDriver bridge of web-test-runner (our WebKit) can press only one key at a
 * time, so it cannot hold Shift: there this returns false and the caller skips the assertion.
 */
export async function shiftTab(): Promise<boolean> {
  try {
    await sendKeys({down: 'Shift'});
  } catch {
    return false;
  }
  await sendKeys({press: 'Tab'});
  await sendKeys({up: 'Shift'});
  return true;
}

/**
 * Types text one key at a time. The WebDriver bridge (our WebKit) sends a whole `type` string
 * as one action, pressing every key before releasing any, so repeated characters would be lost.
 */
export async function typeKeys(text: string): Promise<void> {
  for (const key of text) await sendKeys({type: key});
}

/** How the shared suite drives one form control. */
export interface FormControlCase<T extends FormAssociatedElement> {
  /** The tag, for the suite's title. */
  tag: string;
  /** The element with the given name (and `required` when asked), nothing else around it. */
  render(options: {name: string; required?: boolean}): TemplateResult;
  /** Gives the control an answer, as the page could. */
  answer(el: T): void;
  /** The form's entries for the control named `q` when answered by `answer`. */
  answered: Entries;
  /** The form's entries for the control named `q` with no answer. */
  unanswered: Entries;
  /** A state the browser might hand back, and the entries it restores. */
  restore: {state: string; entries: Entries};
  /** The native control inside that takes focus first. */
  nativeControl(el: T): HTMLElement;
}

/** The form's entries whose names are `q` or start with `q.`. */
function entriesOf(form: HTMLFormElement): Entries {
  return [...new FormData(form).entries()]
    .filter(([key]) => key === 'q' || key.startsWith('q.'))
    .map(([key, value]) => [key, String(value)]);
}

async function inForm<T extends FormAssociatedElement>(
  c: FormControlCase<T>,
  options: {required?: boolean} = {},
  wrap: (control: TemplateResult) => TemplateResult = (control) => control,
): Promise<{form: HTMLFormElement; el: T}> {
  const form = await fixture<HTMLFormElement>(
    html`<form>
      ${wrap(c.render({name: 'q', ...options}))}
      <input name="other" value="kept" />
    </form>`,
  );
  const el = form.querySelector<T>(c.tag)!;
  await el.updateComplete;
  return {form, el};
}

/** Behaviour every building-block question shares as a form control in a plain `<form>`. */
export function formControlSuite<T extends FormAssociatedElement>(c: FormControlCase<T>): void {
  describe(`${c.tag} as a form control`, () => {
    it('is associated with the form around it', async () => {
      const {form, el} = await inForm(c);
      expectSame(el.form, form, 'form');
      expect([...form.elements].includes(el)).to.equal(true);
    });

    it('submits nothing of its own before an answer', async () => {
      const {form} = await inForm(c);
      expect(entriesOf(form)).to.deep.equal(c.unanswered);
      expect(new FormData(form).get('other')).to.equal('kept');
    });

    it('submits its answer under its name', async () => {
      const {form, el} = await inForm(c);
      c.answer(el);
      await el.updateComplete;
      expect(entriesOf(form)).to.deep.equal(c.answered);
    });

    it('goes back to no answer when the form is reset', async () => {
      const {form, el} = await inForm(c);
      c.answer(el);
      await el.updateComplete;
      form.reset();
      await el.updateComplete;
      expect(entriesOf(form)).to.deep.equal(c.unanswered);
    });

    it('is valid when optional and unanswered', async () => {
      const {form, el} = await inForm(c);
      expect(el.checkValidity()).to.equal(true);
      expect(form.checkValidity()).to.equal(true);
      expect(el.validity.valid).to.equal(true);
    });

    it('is missing a value when required and unanswered, and valid once answered', async () => {
      const {form, el} = await inForm(c, {required: true});
      let invalidEvents = 0;
      el.addEventListener('invalid', () => invalidEvents++);
      expect(el.willValidate).to.equal(true);
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.not.equal('');
      expect(form.checkValidity()).to.equal(false);
      expect(invalidEvents).to.equal(1);

      c.answer(el);
      await el.updateComplete;
      expect(el.validity.valid).to.equal(true);
      expect(form.checkValidity()).to.equal(true);
    });

    it('blocks submission while required and unanswered', async () => {
      const {form} = await inForm(c, {required: true});
      let submitted = false;
      form.addEventListener('submit', (e) => {
        submitted = true;
        e.preventDefault();
      });
      form.requestSubmit();
      expect(submitted).to.equal(false);
    });

    it('is left out of the form and of validation when disabled', async () => {
      const {form, el} = await inForm(c, {required: true});
      c.answer(el);
      el.disabled = true;
      await el.updateComplete;
      expect(el.hasAttribute('disabled')).to.equal(true);
      expect(entriesOf(form)).to.deep.equal([]);
      expect(el.willValidate).to.equal(false);
      expect(c.nativeControl(el).matches(':disabled')).to.equal(true);
    });

    it('is disabled by a disabled fieldset around it', async () => {
      const {form, el} = await inForm(
        c,
        {},
        (control) => html`<fieldset disabled>${control}</fieldset>`,
      );
      c.answer(el);
      await el.updateComplete;
      expect(entriesOf(form)).to.deep.equal([]);
      expect(c.nativeControl(el).matches(':disabled')).to.equal(true);

      form.querySelector('fieldset')!.disabled = false;
      await el.updateComplete;
      expect(c.nativeControl(el).matches(':disabled')).to.equal(false);
      expect(entriesOf(form)).to.deep.equal(c.answered);
    });

    it('restores the state the browser hands back', async () => {
      const {form, el} = await inForm(c);
      el.formStateRestoreCallback(c.restore.state, 'restore');
      await el.updateComplete;
      expect(entriesOf(form)).to.deep.equal(c.restore.entries);
    });

    it('ignores a restored state it cannot read', async () => {
      const {form, el} = await inForm(c);
      el.formStateRestoreCallback(null, 'restore');
      await el.updateComplete;
      expect(entriesOf(form)).to.deep.equal(c.unanswered);
    });

    it('passes focus to its native control', async () => {
      const {el} = await inForm(c);
      el.focus();
      expectSame(document.activeElement, el, 'focused element');
      expectSame(el.shadowRoot!.activeElement, c.nativeControl(el), 'focused native control');
    });
  });
}
