import {expect, fixture, html} from '@open-wc/testing';
import type {TemplateResult} from 'lit';
import type {FormAssociatedElement} from '../../src/internal/form-associated.js';

type Entries = [string, string][];

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
      expect(el.form).to.equal(form);
      expect([...form.elements]).to.include(el);
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
      expect(document.activeElement).to.equal(el);
      expect(el.shadowRoot!.activeElement).to.equal(c.nativeControl(el));
    });
  });
}
