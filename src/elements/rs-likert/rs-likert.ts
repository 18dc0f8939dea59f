import type {PropertyValues} from 'lit';
import {
  FormAssociatedElement,
  jsonList,
  numberIn,
  valid,
  type ValidityResult,
} from '../../internal/form-associated.js';
import {likertRow, type LikertPoint} from '../../internal/likert.js';
import {styles} from './rs-likert.styles.js';

export type {LikertPoint};

let instances = 0;

const numberOrNull = {fromAttribute: (value: string | null) => numberIn(value) ?? null};

/**
 * @tagname rs-likert
 * @summary One Likert question: a fieldset of native radios, a form control of its own.
 *
 * Arrow keys, "2 of 5" and focus come from the browser's radio group. In a matrix (the
 * `matrix` attribute, inside a container at least 36rem wide) the question and its points sit
 * in one row whose columns line up with the other rows and with the survey's column header;
 * the point labels are then read by screen readers only.
 *
 * @event input - The person chose a point (`value` has changed).
 * @event change - The person chose a point.
 *
 * @csspart fieldset - The `<fieldset>` around the question.
 * @csspart label - The question text: the `<legend>`, and in a matrix row its visible copy.
 * @csspart row-label - The question text as shown in the first column of a matrix row.
 * @csspart help - The help text under the question.
 * @csspart error - The error message.
 * @csspart options - The box holding the points.
 * @csspart option - One point: its radio and label, the whole of it clickable.
 * @csspart radio - A native radio.
 * @csspart option-label - A point's label.
 *
 * @cssprop --rs-likert-columns - Number of point columns in a matrix row (default: the number of points).
 * @cssprop --rs-likert-label-width - Width of the question column in a matrix row (default 40%).
 * @cssprop --rs-accent - Colour of the selected radio.
 * @cssprop --rs-error-color - Colour of the error message and its bar.
 * @cssprop --rs-divider-color - Lines between matrix rows. Default `#d8dde0`.
 * @cssprop --rs-border-color - Lines between matrix rows, when `--rs-divider-color` is not set (its first name, until 1.0).
 * @cssprop --rs-radius - Corner radius of an option.
 * @cssprop --rs-space - Base spacing.
 * @cssprop --rs-target-size - Smallest block size of an option (default 2.75rem).
 * @cssprop --rs-focus-color - The focus highlight (ringed in `--rs-text-color`). Default `#ffeb3b`.
 * @cssprop --rs-text-color - Text colour; also the ring around the focus highlight.
 */
export class RsLikert extends FormAssociatedElement {
  static override styles = styles;

  static override properties = {
    value: {converter: numberOrNull},
    label: {},
    help: {},
    points: {
      converter: jsonList<LikertPoint>(
        (p) => typeof p?.value === 'number' && typeof p.label === 'string',
      ),
    },
    matrix: {type: Boolean, reflect: true},
  };

  /** The chosen point's value, or null when none is chosen. The attribute is the reset value. */
  value: number | null = null;

  /** The question text. */
  label = '';

  help = '';

  /** The points of the scale, in order. As an attribute: JSON. */
  points: LikertPoint[] = [];

  /** A row of a matrix: one line with the other rows when its container is wide enough. */
  matrix = false;

  // Native radios group by name within their tree; a unique name keeps instances apart even
  // if they ever share a tree.
  private readonly groupName = `rs-likert-${++instances}`;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('value') && this.value !== null && !Number.isFinite(this.value)) {
      this.value = null;
    }
  }

  protected override render() {
    return likertRow({
      name: this.groupName,
      label: this.label,
      help: this.help,
      error: this.error,
      errorPrefix: this.i18n.m.errorPrefix,
      points: this.points,
      value: this.value,
      required: this.required,
      matrix: this.matrix,
      disabled: this.isDisabled,
      onChange: this.handleChange,
      onInput: this.stopInnerEvent,
    });
  }

  // The radios' own events stay inside: `input` is composed and would reach the page twice,
  // `change` is not composed and would not reach it at all. The host sends its own.
  private stopInnerEvent(event: Event): void {
    event.stopPropagation();
  }

  private handleChange(event: Event): void {
    event.stopPropagation();
    const radio = event.target as HTMLInputElement;
    const point = this.points.find((p) => String(p.value) === radio.value);
    if (!point || point.value === this.value) return;
    this.value = point.value;
    // Validity now, not after the update, so a `change` listener that checks the form sees it.
    this.syncForm();
    this.emit('input');
    this.emit('change');
  }

  protected formValue(): string | null {
    return this.value === null ? null : String(this.value);
  }

  protected validate(): ValidityResult {
    if (this.required && this.value === null) {
      return {flags: {valueMissing: true}, message: this.i18n.m.required};
    }
    return valid;
  }

  /** The checked radio, or the first. */
  protected validationAnchor(): HTMLElement | null {
    const root = this.renderRoot;
    return root.querySelector('input:checked') ?? root.querySelector('input');
  }

  formResetCallback(): void {
    this.value = numberOrNull.fromAttribute(this.getAttribute('value'));
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    this.value = numberOrNull.fromAttribute(typeof state === 'string' ? state : null);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rs-likert': RsLikert;
  }
}
