import {css, html, nothing} from 'lit';
import {keyed} from 'lit/directives/keyed.js';
import {live} from 'lit/directives/live.js';
import {reflectionOf} from '../i18n/en-reflection.js';
import type {Messages} from '../i18n/index.js';
import {identifierMessages, type IdentifiersFound} from './identifiers.js';

/** One step of a guided reflection (a stage of the Gibbs cycle, say). */
export interface ReflectionStep {
  readonly id: string;
  readonly prompt: string;
  readonly help?: string;
}

/** What one reflection shows: `<rs-reflection>` renders one, the survey one per item. */
export interface ReflectionView {
  /** The fieldset's id; the ids inside start with it. */
  readonly id?: string;
  readonly label: string;
  readonly help?: string;
  readonly steps: readonly ReflectionStep[];
  /** The step shown, within range. */
  readonly index: number;
  /** What the shown step holds. */
  readonly text: string;
  readonly suggestedLength?: number;
  readonly maxLength?: number;
  readonly privacyNote: boolean;
  readonly error?: string;
  readonly required?: boolean;
  readonly disabled?: boolean;
  /** What the shown text holds that looks like a patient identifier. */
  readonly findings?: IdentifiersFound;
  readonly m: Messages;
  readonly onInput: (event: Event) => void;
  readonly onChange?: (event: Event) => void;
  /** The person asked for another step. */
  readonly onShow: (index: number) => void;
  readonly onDownload: () => void;
}

/**
 * A guided reflection: a fieldset with the warning not to enter patient identifiers, the
 * shown step's prompt labelling a native text area, its character count, what the text holds
 * that looks like an identifier (a polite live region), and the step and download buttons.
 * Rendered straight into the survey's page and by `<rs-reflection>`.
 */
export function reflectionView(v: ReflectionView) {
  const m = reflectionOf(v.m);
  const p = v.id ? `${v.id}-` : '';
  const step = v.steps[v.index];
  const total = v.steps.length;
  const guided = total > 1;
  const describedBy = [
    guided && 'progress',
    step?.help && 'step-help',
    v.error && 'error',
    'hint',
    'warning',
    'findings',
  ]
    .filter(Boolean)
    .map((id) => p + id)
    .join(' ');
  const found = identifierMessages(m, v.findings);
  return html`<fieldset
    part="fieldset"
    class="question reflection"
    id=${v.id || nothing}
    ?disabled=${v.disabled}
  >
    <legend part="label" class="question-text">${v.label}</legend>
    ${v.help ? html`<p part="help" class="hint">${v.help}</p>` : nothing}
    ${v.privacyNote ? html`<p part="privacy-note" class="hint">${m.privacyNote}</p>` : nothing}
    <div part="warning" id="${p}warning" class="identifier-warning">
      <span class="warning-icon" aria-hidden="true">!</span>
      <p><span class="visually-hidden">${m.warningPrefix}</span> ${m.identifierWarning}</p>
    </div>
    ${
      step
        ? html`${
              guided
                ? // In the survey, "progress" names the page's own.
                  html`<p
                    part=${v.id ? 'step-progress' : 'progress'}
                    id="${p}progress"
                    class="hint count"
                  >
                    ${m.stepOf(v.index + 1, total)}
                  </p>`
                : nothing
            }
            <label part="prompt" for="${p}text" class="prompt">${step.prompt}</label>
            ${
              step.help
                ? html`<p part="step-help" id="${p}step-help" class="hint">${step.help}</p>`
                : nothing
            }
            ${
              v.error
                ? html`<p part="error" id="${p}error" class="error-message">
                    <span class="visually-hidden">${m.errorPrefix}</span> ${v.error}
                  </p>`
                : nothing
            }
            ${keyed(
              step.id,
              html`<textarea
                part="textarea"
                class="input"
                id="${p}text"
                rows="6"
                .value=${live(v.text)}
                maxlength=${v.maxLength ?? nothing}
                ?required=${v.required && v.index === 0}
                aria-invalid=${v.error ? 'true' : nothing}
                aria-describedby=${describedBy}
                @input=${v.onInput}
                @change=${v.onChange}
              ></textarea>`,
            )}
            <p part="hint" id="${p}hint" class="hint count">
              ${v.suggestedLength ? `${m.lengthHint(v.suggestedLength)}. ` : nothing}
              ${v.maxLength ? m.charactersOf(v.text.length, v.maxLength) : m.characters(v.text.length)}
            </p>
            <div part="findings" id="${p}findings" aria-live="polite">
              ${found.map(
                (message) =>
                  html`<p class="finding">
                    <span class="visually-hidden">${m.warningPrefix}</span> ${message}
                  </p>`,
              )}
            </div>`
        : nothing
    }
    <div part="navigation" class="steps">
      ${
        guided
          ? html`<button
                part="button previous-button"
                class="button"
                type="button"
                ?disabled=${v.index === 0}
                @click=${() => v.onShow(v.index - 1)}
              >
                ${m.previousStep}
              </button>
              <button
                part="button next-button"
                class="button"
                type="button"
                ?disabled=${v.index >= total - 1}
                @click=${() => v.onShow(v.index + 1)}
              >
                ${m.nextStep}
              </button>`
          : nothing
      }
      <button
        part="button download-button"
        type="button"
        class="button download"
        @click=${v.onDownload}
      >
        ${m.downloadReflection}
      </button>
    </div>
  </fieldset>`;
}

/** The person's own text as a plain-text file: title, then each step's prompt and answer. */
export function reflectionText(
  label: string,
  steps: readonly ReflectionStep[],
  value: Readonly<Record<string, string>>,
): string {
  const parts = label ? [label, ''] : [];
  for (const step of steps) parts.push(step.prompt, value[step.id] ?? '', '');
  return parts.join('\n');
}

/**
 * What a reflection adds to the styles of the survey's questions (whose class names the
 * template uses: `question`, `question-text`, `hint`, `error-message`, `input`, `button`;
 * `<rs-reflection>` styles those itself). A finding has a bar as well as a colour, so it does
 * not rest on colour alone.
 */
export const reflectionStyles = css`
  .identifier-warning {
    display: flex;
    gap: calc(var(--_space) * 0.75);
    align-items: flex-start;
    margin-block-end: var(--_space);
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--rs-border-color, #4c6272);
    border-inline-start: 6px solid var(--rs-warning-color, #ffb81c);
    border-radius: var(--rs-radius, 4px);
    background: var(--rs-warning-background, #fff9e6);
    font-weight: 600;
  }
  .identifier-warning p {
    margin: 0;
  }
  .warning-icon {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 1.75rem;
    block-size: 1.75rem;
    border-radius: 50%;
    background: var(--rs-text-color, #212b32);
    color: #fff;
    font-weight: 700;
    line-height: 1;
  }
  .reflection .count {
    margin-block: calc(var(--_space) / 4);
  }
  .prompt {
    display: block;
    font-weight: 600;
    margin-block-end: calc(var(--_space) / 4);
  }
  .finding {
    margin-block: calc(var(--_space) / 4);
    padding-inline-start: calc(var(--_space) / 2);
    border-inline-start: 4px solid var(--rs-warning-color, #ffb81c);
    font-weight: 700;
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    margin-block-start: calc(var(--_space) / 2);
  }
  .steps .button {
    padding-inline: 0.75em;
  }
  .download {
    margin-inline-start: auto;
  }
  /* The main place to write: as wide as the question. */
  .reflection .input {
    max-width: none;
  }
  @media (forced-colors: active) {
    .identifier-warning,
    .finding {
      border-color: CanvasText;
    }
    .warning-icon {
      border: 2px solid CanvasText;
    }
  }
`;
