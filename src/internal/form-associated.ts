import {LitElement, type PropertyDeclarations, type PropertyValues} from 'lit';
import {LocaleController} from '../i18n/index.js';

/** What a control reports to `setValidity`: no flags when valid. */
export interface ValidityResult {
  readonly flags: ValidityStateFlags;
  readonly message: string;
}

export const valid: ValidityResult = {flags: {}, message: ''};

/** The number an attribute holds, or undefined when it is missing, blank or not finite. */
export function numberIn(value: string | null): number | undefined {
  const n = Number(value);
  return value?.trim() && Number.isFinite(n) ? n : undefined;
}

/**
 * A converter for a JSON attribute holding a list: the items `accepts` takes (it gets any
 * JSON value); anything malformed is no items.
 */
export function jsonList<T>(accepts: (item: Partial<Record<keyof T, unknown>> | null) => boolean) {
  return {
    fromAttribute(value: string | null): T[] {
      try {
        const parsed: unknown = JSON.parse(value ?? '[]');
        return Array.isArray(parsed) ? parsed.filter(accepts) : [];
      } catch {
        return [];
      }
    },
  };
}

/**
 * Base of the building-block questions: a form-associated custom element whose native
 * inputs live in its shadow root. It owns `name`, `required`, `disabled` and `error`, the
 * `ElementInternals`, and keeps the form value and validity in step after every update.
 *
 * A subclass says what its value is (`formValue`, and `formState` when that differs), whether
 * it is valid (`validate`), which native input takes focus and the browser's validation
 * message (`validationAnchor`), and how to reset and restore (`formResetCallback`,
 * `formStateRestoreCallback`).
 */
export abstract class FormAssociatedElement extends LitElement {
  static formAssociated = true;

  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  static override properties: PropertyDeclarations = {
    name: {reflect: true},
    required: {type: Boolean, reflect: true},
    disabled: {type: Boolean, reflect: true},
    error: {},
    // `state` implies no attribute; said again for the manifest analyzer, which reads only `attribute`.
    formDisabled: {state: true, attribute: false},
  };

  /** The key of the value in `FormData`. */
  name = '';

  required = false;

  /** Also disabled by a disabled `<fieldset>` around it (see `formDisabledCallback`). */
  disabled = false;

  /**
   * An error message to show with the control, linked to it with `aria-describedby` and
   * marking it `aria-invalid`. The survey sets it after a failed check; a page with a plain
   * form may set it from `validationMessage` in an `invalid` listener.
   */
  error = '';

  /** True while an ancestor `<fieldset disabled>` (or the own attribute) disables the control. */
  protected formDisabled = false;

  protected readonly internals: ElementInternals;
  protected readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** Disabled by its own attribute or by the form around it. */
  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  override focus(options?: FocusOptions): void {
    this.validationAnchor()?.focus(options);
  }

  /** The value submitted with the form. */
  protected abstract formValue(): string | FormData | null;

  /** The state the browser hands to `formStateRestoreCallback` (history navigation, autofill). */
  protected formState(): string | FormData | null {
    return this.formValue();
  }

  protected abstract validate(): ValidityResult;

  /** The native input that takes focus, and that the browser's validation message points at. */
  protected abstract validationAnchor(): HTMLElement | null;

  abstract formResetCallback(): void;

  abstract formStateRestoreCallback(state: string | File | FormData | null, mode: string): void;

  /** Pushes value and validity to the form. Called after every update and on a person's change. */
  protected syncForm(): void {
    this.internals.setFormValue(this.formValue(), this.formState());
    const {flags, message} = this.validate();
    // Flags all false (`valid`) clear the message.
    this.internals.setValidity(flags, message, this.validationAnchor() ?? undefined);
  }

  /** Sends `input` then, when the change is committed, `change`, as native controls do. */
  protected emit(type: 'input' | 'change'): void {
    this.dispatchEvent(new Event(type, {bubbles: true, composed: true}));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncForm();
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }
}
