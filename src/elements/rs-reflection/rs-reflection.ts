import type {PropertyValues} from 'lit';
import {
  FormAssociatedElement,
  jsonList,
  numberIn,
  valid,
  type ValidityResult,
} from '../../internal/form-associated.js';
import {identifiersIn, type IdentifiersFound} from '../../internal/identifiers.js';
import {reflectionText, reflectionView, type ReflectionStep} from '../../internal/reflection.js';
import {saveFile} from '../../internal/save-file.js';
import {styles} from './rs-reflection.styles.js';

export type {ReflectionStep};

/** Step id → what the person wrote. */
export type ReflectionValue = Record<string, string>;

/** How long typing must pause before the text is checked for identifiers. */
const checkDelay = 300;

/** A length attribute: a positive number, or none. */
const lengthConverter = {
  fromAttribute(value: string | null): number | undefined {
    const n = numberIn(value);
    return n && n > 0 ? n : undefined;
  },
};

/**
 * @tagname rs-reflection
 * @summary A guided, private reflection: free text in steps, one step at a time.
 *
 * Each step's prompt labels a native `<textarea>`. A warning not to enter patient identifiers
 * is always shown, and the text is checked on the device for NHS numbers and dates of birth
 * as the person types; findings are announced politely. The person can download what they
 * wrote as a text file. Nothing here sends anything anywhere.
 *
 * In a form, each step is submitted as `${name}.${stepId}`.
 *
 * @event input - The person typed in a step (`value` has changed).
 * @event change - The person committed a change to a step (the text area lost focus).
 *
 * @csspart fieldset - The `<fieldset>` around the reflection.
 * @csspart label - The reflection's title (the `<legend>`).
 * @csspart help - The help text under the title.
 * @csspart privacy-note - The note that the reflection stays on this device.
 * @csspart warning - The box warning not to include patient identifiers.
 * @csspart progress - "Step 2 of 6".
 * @csspart prompt - The current step's prompt (the text area's `<label>`).
 * @csspart step-help - The current step's help.
 * @csspart error - The error message.
 * @csspart textarea - The native text area.
 * @csspart hint - The suggested length and the live character count.
 * @csspart findings - Warnings about identifiers found in the text (a polite live region).
 * @csspart navigation - The box holding the step buttons.
 * @csspart previous-button - "Previous step".
 * @csspart next-button - "Next step".
 * @csspart download-button - "Download my reflection".
 * @csspart button - Each of the three buttons above.
 *
 * @cssprop --rs-accent - Colour of the buttons.
 * @cssprop --rs-error-color - Colour of the error message and its bar.
 * @cssprop --rs-warning-color - Colour of the warning box's bar.
 * @cssprop --rs-warning-background - Background of the warning box.
 * @cssprop --rs-border-color - Border of the text area.
 * @cssprop --rs-radius - Corner radius of the text area, buttons and boxes.
 * @cssprop --rs-space - Base spacing.
 * @cssprop --rs-target-size - Smallest block size of a button (default 2.75rem).
 * @cssprop --rs-focus-color - The focus highlight (ringed in `--rs-text-color`). Default `#ffeb3b`.
 * @cssprop --rs-text-color - Text colour; also the ring around the focus highlight.
 */
export class RsReflection extends FormAssociatedElement {
  static override styles = styles;

  static override properties = {
    value: {attribute: false},
    steps: {
      converter: jsonList<ReflectionStep>(
        (s) => typeof s?.id === 'string' && typeof s.prompt === 'string',
      ),
    },
    label: {},
    help: {},
    suggestedLength: {attribute: 'suggested-length', converter: lengthConverter},
    maxLength: {attribute: 'max-length', converter: lengthConverter},
    privacyNote: {
      attribute: 'privacy-note',
      converter: {fromAttribute: (value: string | null) => value !== 'false'},
    },
    step: {type: Number, reflect: true},
    // `state` implies no attribute; said again for the manifest analyzer, which reads only `attribute`.
    findings: {state: true, attribute: false},
  };

  /** What the person wrote, by step id. Replace the object to change it. */
  value: ReflectionValue = {};

  /** The steps, in order. As an attribute: JSON. */
  steps: ReflectionStep[] = [];

  /** The reflection's title. */
  label = '';

  help = '';

  /** Characters per step that are plenty: a hint, not a limit. */
  suggestedLength?: number;

  /** Characters allowed per step; the text area stops there. */
  maxLength?: number;

  /** Show the note that the reflection stays on this device. `privacy-note="false"` hides it. */
  privacyNote = true;

  /** Index of the step shown, from 0. */
  step = 0;

  /** What the shown text holds that looks like a patient identifier (none until checked). */
  private findings?: IdentifiersFound;

  private checkTimer?: ReturnType<typeof setTimeout>;

  /** Shows a step and moves focus to its text area (for the survey's error summary). */
  focusStep(id: string): Promise<void> {
    return this.show(this.steps.findIndex((s) => s.id === id));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Checked now, not after the pause: a pending timer left set would keep text set from
    // outside unchecked if the element is connected again.
    this.flushCheck();
  }

  /** The current step's index, within range. */
  private get index(): number {
    const last = Math.max(this.steps.length - 1, 0);
    return Math.min(Math.max(Math.trunc(this.step) || 0, 0), last);
  }

  private get current(): ReflectionStep | undefined {
    return this.steps[this.index];
  }

  private textOf(step: ReflectionStep | undefined): string {
    return (step && this.value[step.id]) ?? '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A step shown or text set from outside is checked at once; typing is checked after a pause.
    if (changed.has('step') || changed.has('steps') || changed.has('value')) {
      if (this.checkTimer === undefined) this.check();
    }
  }

  protected override render() {
    return reflectionView({
      label: this.label,
      help: this.help,
      steps: this.steps,
      index: this.index,
      text: this.textOf(this.current),
      suggestedLength: this.suggestedLength,
      maxLength: this.maxLength,
      privacyNote: this.privacyNote,
      error: this.error,
      required: this.required,
      disabled: this.isDisabled,
      findings: this.findings,
      m: this.i18n.m,
      onInput: (e) => this.handleInput(e),
      onChange: () => this.emit('change'),
      onShow: (index) => void this.show(index),
      onDownload: () =>
        saveFile(
          this.renderRoot,
          `${this.i18n.m.reflectionFileName}.txt`,
          this.reflectionText(),
          'text/plain;charset=utf-8',
        ),
    });
  }

  /** Shows the step at `index` (if there is one) and puts focus in its text area. */
  private async show(index: number): Promise<void> {
    // The shown text's pending check runs now, so the next step's text is checked at once.
    this.flushCheck();
    if (index >= 0) this.step = index;
    await this.updateComplete;
    // The button pressed may now be disabled; the new step's text area is where to write.
    this.focus();
  }

  private handleInput(event: Event): void {
    // The text area's own `input` is composed; the host sends one instead.
    event.stopPropagation();
    const step = this.current;
    if (!step) return;
    this.value = {...this.value, [step.id]: (event.target as HTMLTextAreaElement).value};
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.flushCheck(), checkDelay);
    this.syncForm();
    this.emit('input');
  }

  private flushCheck(): void {
    if (this.checkTimer === undefined) return;
    clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
    this.check();
  }

  /**
   * Checks the shown text now. The check loads on first use; until it has, nothing is found,
   * and once it has, the text is checked again (unless the person is typing: the pause does it).
   */
  private check(): void {
    this.findings = identifiersIn(this.textOf(this.current), () => {
      if (this.checkTimer === undefined) this.check();
    });
  }

  /** The person's own text as a plain-text file: title, then each step's prompt and answer. */
  reflectionText(): string {
    return reflectionText(this.label, this.steps, this.value);
  }

  protected formValue(): FormData | null {
    if (!this.name) return null;
    const data = new FormData();
    for (const step of this.steps) data.append(`${this.name}.${step.id}`, this.textOf(step));
    return data;
  }

  protected override formState(): string {
    return JSON.stringify(this.value);
  }

  protected validate(): ValidityResult {
    const m = this.i18n.m;
    const first = this.steps[0];
    if (this.required && first && !this.textOf(first).trim()) {
      return {
        flags: {valueMissing: true},
        message: this.index === 0 ? m.requiredStep : m.requiredFirstStep,
      };
    }
    const max = this.maxLength;
    if (max && this.steps.some((s) => this.textOf(s).length > max)) {
      return {flags: {tooLong: true}, message: m.tooLong(max)};
    }
    return valid;
  }

  protected validationAnchor(): HTMLElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  formResetCallback(): void {
    this.flushCheck();
    this.value = {};
    this.step = 0;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state !== 'string') return;
    try {
      const parsed: unknown = JSON.parse(state);
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        !Array.isArray(parsed) &&
        Object.values(parsed).every((v) => typeof v === 'string')
      ) {
        this.value = {...parsed};
      }
    } catch {
      // Not ours: keep what is there.
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-reflection': RsReflection;
  }
}
