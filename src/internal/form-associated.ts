import {LitElement, type PropertyDeclarations, type PropertyValues} from 'lit';
import {LocaleController} from '../i18n/index.js';

/** What a control reports to `setValidity`: no flags when valid. */
export interface ValidityResult {
  readonly flags: ValidityStateFlags;
  readonly message: string;
}

export const valid: ValidityResult = {flags: {}, message: ''};

/**
 * Base of the building-block questions: a form-associated custom element whose native
 * inputs live in its shadow root. It owns `name`, `required`, `disabled` and `error`, the
 * `ElementInternals`, and keeps the form value and validity in step after every update.
 *
 * A subclass says what its value is (`formValue`, `formState`), whether it is valid
 * (`validate`, anchored on a native input so the browser's message points at it), and how to
 * reset and restore.
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

  /** The value submitted with the form. */
  protected abstract formValue(): string | FormData | null;

  /** The state the browser hands back to `restoreState` (history navigation, autofill). */
  protected abstract formState(): string | null;

  protected abstract validate(): ValidityResult;

  /** The native input the browser's validation message points at. */
  protected abstract validationAnchor(): HTMLElement | null;

  protected abstract resetValue(): void;

  protected abstract restoreState(state: string | File | FormData | null): void;

  /** Pushes value and validity to the form. Called after every update and on a person's change. */
  protected syncForm(): void {
    this.internals.setFormValue(this.formValue(), this.formState());
    const {flags, message} = this.validate();
    const anchor = this.validationAnchor();
    if (Object.values(flags).some(Boolean)) {
      this.internals.setValidity(flags, message, anchor ?? undefined);
    } else {
      this.internals.setValidity({});
    }
  }

  /** Sends `input` then, when the change is committed, `change`, as native controls do. */
  protected emit(type: 'input' | 'change'): void {
    this.dispatchEvent(new Event(type, {bubbles: true, composed: true}));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncForm();
  }

  formResetCallback(): void {
    this.resetValue();
  }

  formStateRestoreCallback(state: string | File | FormData | null, _mode: string): void {
    this.restoreState(state);
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }
}
