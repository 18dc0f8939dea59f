import {html, nothing, type TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {live} from 'lit/directives/live.js';
import {localize} from '../../instrument/text.js';
import {assembleCode} from '../../instrument/validate.js';
import {identifierMessages, identifiersIn} from '../../internal/identifiers.js';
import {likertRow} from '../../internal/likert.js';
import type {ReflectionController} from './reflection-controller.js';
import {packHooks, type HookContext} from '../../internal/pack-hooks.js';
import {fieldId} from './field-id.js';
import type {
  Answer,
  ChoiceItem,
  CodeItem,
  Item,
  LikertItem,
  NumberItem,
  Question,
  ReflectionItem,
  ScaleItem,
  Text,
  TextItem,
} from '../../instrument/types.js';

/** What a question needs to render: answers and errors down, changes up through `set`. */
export interface QuestionContext extends HookContext {
  /** The answer now, which may be newer than `answers` when events come faster than renders. */
  get(key: string): Answer | undefined;
  /** The step a reflection shows (from 0). */
  stepOf(id: string): number;
  /** Shows a reflection's step and puts focus in its text area. */
  showStep(id: string, index: number): void;
  /** Saves a file on the person's device. */
  save(name: string, text: string, type: string): void;
  /** The reflection view's code, which loads on demand. */
  readonly reflections: Pick<ReflectionController, 'code' | 'placeholder'>;
}

export {fieldId};

export const t = (ctx: Pick<QuestionContext, 'lang' | 'pack'>, text: Text | undefined) =>
  localize(text, ctx.lang, ctx.pack.languages);

const describedBy = (...ids: (string | false | undefined)[]) =>
  ids.filter(Boolean).join(' ') || undefined;

function hint(ctx: QuestionContext, id: string, text: Text | undefined) {
  return text ? html`<p class="hint" id=${id}>${t(ctx, text)}</p>` : nothing;
}

function errorText(ctx: QuestionContext, key: string) {
  const message = ctx.errors.get(key);
  return message
    ? html`<p class="error-message" id="${fieldId(key)}-error">
        <span class="visually-hidden">${ctx.m.errorPrefix}</span> ${message}
      </p>`
    : nothing;
}

/**
 * A question's wording, marked "(optional)" when it need not be answered: its text, or as the
 * pack asks (rich text, the label of a part of a question: `packHooks`).
 */
function questionText(ctx: QuestionContext, item: Question) {
  return html`${packHooks.text?.(ctx.m, item) || t(ctx, item.text)}${item.required ? nothing : html` <span class="optional">${ctx.m.optional}</span>`}`;
}

function legend(ctx: QuestionContext, item: Question) {
  return html`<legend class="question-text">${questionText(ctx, item)}</legend>`;
}

/** The scale points of a Likert item, localised. */
export function likertPoints(ctx: Pick<QuestionContext, 'lang' | 'pack'>, item: LikertItem) {
  return (ctx.pack.scales?.[item.scale]?.points ?? []).map((p) => ({
    value: p.value,
    label: t(ctx, p.label),
  }));
}

function likert(ctx: QuestionContext, item: LikertItem, matrix: boolean) {
  const value = ctx.answers[item.id];
  const id = fieldId(item.id);
  return likertRow({
    id,
    name: id,
    label: t(ctx, item.text),
    help: t(ctx, item.help),
    error: ctx.errors.get(item.id),
    errorPrefix: ctx.m.errorPrefix,
    points: likertPoints(ctx, item),
    value: typeof value === 'number' ? value : null,
    required: item.required,
    matrix,
    onChange: (e) => ctx.set(item.id, Number((e.target as HTMLInputElement).value)),
  });
}

function reflection(ctx: QuestionContext, item: ReflectionItem) {
  const label = t(ctx, item.text);
  const code = ctx.reflections.code;
  if (!code) return ctx.reflections.placeholder(fieldId(item.id), label, ctx.m);
  const value: Record<string, string> = {};
  for (const step of item.steps) {
    const text = ctx.answers[`${item.id}.${step.id}`];
    if (typeof text === 'string') value[step.id] = text;
  }
  const steps = item.steps.map((s) => ({
    id: s.id,
    prompt: t(ctx, s.prompt),
    help: t(ctx, s.help) || undefined,
  }));
  const index = Math.min(ctx.stepOf(item.id), steps.length - 1);
  const step = steps[index];
  const text = (step && value[step.id]) ?? '';
  return code.reflectionView({
    id: fieldId(item.id),
    label,
    help: t(ctx, item.help),
    steps,
    index,
    text,
    suggestedLength: item.suggestedLength,
    maxLength: item.maxLength,
    privacyNote: item.private !== false,
    error:
      ctx.errors.get(item.id) ??
      item.steps.map((s) => ctx.errors.get(`${item.id}.${s.id}`)).find(Boolean),
    required: item.required,
    findings: text.length >= 6 ? identifiersIn(text, ctx.refresh) : undefined,
    m: ctx.m,
    onInput: (e) =>
      ctx.set(`${item.id}.${step.id}`, (e.target as HTMLTextAreaElement).value || undefined),
    onShow: (i) => ctx.showStep(item.id, i),
    onDownload: () =>
      ctx.save(
        `${ctx.m.reflectionFileName}.txt`,
        code.reflectionText(label, steps, value),
        'text/plain;charset=utf-8',
      ),
  });
}

function radios(
  ctx: QuestionContext,
  item: Question,
  name: string,
  options: readonly {value: string; label: string}[],
  checked: (value: string) => boolean,
  onChange: (value: string, checked: boolean) => void,
  type: 'radio' | 'checkbox' = 'radio',
  className = 'options',
) {
  const error = ctx.errors.get(item.id);
  return html`<div class=${className}>
    ${options.map(
      (o, i) =>
        html`<label class="option">
          <input
            type=${type}
            name=${name}
            id=${ifDefined(i === 0 ? `${fieldId(item.id)}-input` : undefined)}
            .value=${o.value}
            .checked=${live(checked(o.value))}
            aria-invalid=${ifDefined(error && i === 0 ? 'true' : undefined)}
            @change=${(e: Event) => onChange(o.value, (e.target as HTMLInputElement).checked)}
          />
          <span>${o.label}</span>
        </label>`,
    )}
  </div>`;
}

function questionFieldset(ctx: QuestionContext, item: Question, body: TemplateResult) {
  const id = fieldId(item.id);
  return html`<fieldset
    class="question"
    id=${id}
    aria-describedby=${ifDefined(describedBy(item.help && `${id}-hint`, ctx.errors.has(item.id) && `${id}-error`))}
    aria-invalid=${ifDefined(ctx.errors.has(item.id) ? 'true' : undefined)}
  >
    ${legend(ctx, item)} ${hint(ctx, `${id}-hint`, item.help)} ${errorText(ctx, item.id)} ${body}
  </fieldset>`;
}

function scale(ctx: QuestionContext, item: ScaleItem) {
  const step = item.step ?? 1;
  const options: {value: string; label: string}[] = [];
  for (let v = item.min; v <= item.max + 1e-9; v += step) {
    const value = String(Math.round(v * 1e6) / 1e6);
    options.push({value, label: value});
  }
  const current = ctx.answers[item.id];
  const id = fieldId(item.id);
  return questionFieldset(
    ctx,
    item,
    html`<div class="scale">
      ${radios(
        ctx,
        item,
        id,
        options,
        (v) => typeof current === 'number' && Number(v) === current,
        (v) => ctx.set(item.id, Number(v)),
        'radio',
        'scale-points',
      )}
      <div class="scale-ends">
        <span>${item.min}: ${t(ctx, item.minLabel)}</span
        ><span>${item.max}: ${t(ctx, item.maxLabel)}</span>
      </div>
    </div>`,
  );
}

function choice(ctx: QuestionContext, item: ChoiceItem) {
  const current = ctx.answers[item.id];
  const selected = Array.isArray(current) ? (current as readonly string[]) : [];
  const options = item.options.map((o) => ({value: o.value, label: t(ctx, o.label)}));
  return questionFieldset(
    ctx,
    item,
    radios(
      ctx,
      item,
      fieldId(item.id),
      options,
      (v) => selected.includes(v),
      (v, checked) => {
        if (!item.multiple) return ctx.set(item.id, [v]);
        const now = ctx.get(item.id);
        const before = Array.isArray(now) ? (now as readonly string[]) : [];
        // Keep the pack's option order so answers compare and export predictably.
        const next = item.options
          .map((o) => o.value)
          .filter((o) => (o === v ? checked : before.includes(o)));
        ctx.set(item.id, next.length ? next : undefined);
      },
      item.multiple ? 'checkbox' : 'radio',
    ),
  );
}

/** A single labelled input (number, text, long text). */
function single(ctx: QuestionContext, item: NumberItem | TextItem) {
  const id = fieldId(item.id);
  const current = ctx.answers[item.id];
  const error = ctx.errors.has(item.id);
  // Free text that is sent gets the same check for patient identifiers as a reflection.
  const found =
    item.type !== 'number' && typeof current === 'string' && current.length >= 6
      ? identifiersIn(current, ctx.refresh)
      : undefined;
  const warnings = identifierMessages(ctx.m, found);
  const described = describedBy(
    item.help && `${id}-hint`,
    error && `${id}-error`,
    warnings.length > 0 && `${id}-identifiers`,
  );
  const label = html`<label class="question-text" for="${id}-input"
    >${questionText(ctx, item)}</label
  >`;
  let control: TemplateResult;
  if (item.type === 'number') {
    const whole = (item.step ?? 1) % 1 === 0;
    // A text input with a numeric keyboard: type=number swallows bad input and scrolls values.
    control = html`<span class="with-unit">
      <input
        id="${id}-input"
        class="input number"
        type="text"
        inputmode=${whole ? 'numeric' : 'decimal'}
        autocomplete="off"
        spellcheck="false"
        .value=${live(current === undefined ? '' : String(current))}
        aria-describedby=${ifDefined(described)}
        aria-invalid=${ifDefined(error ? 'true' : undefined)}
        @input=${(e: Event) => ctx.set(item.id, numberAnswer((e.target as HTMLInputElement).value))}
      />${item.unit ? html`<span class="unit">${t(ctx, item.unit)}</span>` : nothing}
    </span>`;
  } else if (item.type === 'long-text') {
    control = html`<textarea
      id="${id}-input"
      class="input"
      rows="5"
      .value=${live(typeof current === 'string' ? current : '')}
      maxlength=${ifDefined(item.maxLength)}
      aria-describedby=${ifDefined(described)}
      aria-invalid=${ifDefined(error ? 'true' : undefined)}
      @input=${(e: Event) => ctx.set(item.id, (e.target as HTMLTextAreaElement).value || undefined)}
    ></textarea>`;
  } else {
    control = html`<input
      id="${id}-input"
      class="input"
      type="text"
      .value=${live(typeof current === 'string' ? current : '')}
      maxlength=${ifDefined(item.maxLength)}
      aria-describedby=${ifDefined(described)}
      aria-invalid=${ifDefined(error ? 'true' : undefined)}
      @input=${(e: Event) => ctx.set(item.id, (e.target as HTMLInputElement).value || undefined)}
    />`;
  }
  return html`<div class="question" id=${id}>
    ${label} ${hint(ctx, `${id}-hint`, item.help)} ${errorText(ctx, item.id)} ${control}
    ${
      item.type === 'number'
        ? nothing
        : html`<div class="identifiers" id="${id}-identifiers" aria-live="polite">
            ${warnings.map((w) => html`<p class="warning">${w}</p>`)}
          </div>`
    }
  </div>`;
}

function code(ctx: QuestionContext, item: CodeItem) {
  const assembled = assembleCode(item, ctx.answers);
  return questionFieldset(
    ctx,
    item,
    html`${item.parts.map((part) => {
        const key = `${item.id}.${part.id}`;
        const id = fieldId(key);
        const value = ctx.answers[key];
        const error = ctx.errors.has(key);
        const size = part.kind === 'letter' ? 1 : part.kind === 'month' ? 2 : (part.length ?? 2);
        return html`<div class="code-part" id=${id}>
          <label for="${id}-input">${t(ctx, part.prompt)}</label>
          ${hint(ctx, `${id}-hint`, part.help)} ${errorText(ctx, key)}
          <input
            id="${id}-input"
            class="input code-input"
            type="text"
            autocomplete="off"
            autocapitalize=${part.kind === 'letter' ? 'characters' : 'off'}
            spellcheck="false"
            inputmode=${part.kind === 'letter' ? 'text' : 'numeric'}
            maxlength=${size}
            size=${size + 1}
            .value=${live(typeof value === 'string' ? value : '')}
            aria-describedby=${ifDefined(describedBy(part.help && `${id}-hint`, error && `${id}-error`))}
            aria-invalid=${ifDefined(error ? 'true' : undefined)}
            @input=${(e: Event) => {
              const raw = (e.target as HTMLInputElement).value.trim();
              ctx.set(
                key,
                raw === '' ? undefined : part.kind === 'letter' ? raw.toUpperCase() : raw,
              );
            }}
          />
        </div>`;
      })}
      <div class="code-result" role="status">
        ${
          assembled
            ? html`<p><strong>${ctx.m.codeIs(assembled)}</strong></p>
                <p>${ctx.m.codeConfirm}</p>`
            : nothing
        }
      </div>`,
  );
}

/**
 * What a number field holds as the person types: a number once the text is one, written the
 * usual way; until then the text itself (so "1." can become "1.5"), which validation reports.
 */
function numberAnswer(text: string): Answer | undefined {
  const raw = text.trim();
  if (raw === '') return undefined;
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) && String(n) === raw.replace(',', '.') ? n : raw;
}

/** Renders one item. Likert items inside a matrix get `matrix` so they line up. */
export function renderItem(ctx: QuestionContext, item: Item, matrix = false): TemplateResult {
  // A read-only question (a FHIR Questionnaire's calculated value; a choice's values are then
  // its labels): its wording and answer as text, the answer in an `<output>` that a screen
  // reader reads out again when it changes. No field to tab to: nothing to change there.
  if ((item as Question).readOnly) {
    return html`<p class="display" id=${fieldId(item.id)}>
      <span class="question-text">${t(ctx, item.text)}</span
      ><output>${[ctx.answers[item.id]].join()}</output>
    </p>`;
  }
  // What only some packs have (rich text, a list typed to filter), once its code is here.
  const own = packHooks.item?.(ctx, item);
  if (own) return own;
  switch (item.type) {
    case 'display':
      return html`<p class="display" id=${fieldId(item.id)}>${t(ctx, item.text)}</p>`;
    case 'likert':
      return likert(ctx, item, matrix);
    case 'reflection':
      return reflection(ctx, item);
    case 'scale':
      return scale(ctx, item);
    case 'choice':
      return choice(ctx, item);
    case 'code':
      return code(ctx, item);
    default:
      return single(ctx, item as NumberItem | TextItem);
  }
}

/**
 * Groups a page's items for layout: runs of two or more consecutive Likert items on one
 * scale become a matrix (one shared header on wide screens, each row its own fieldset).
 */
export function groupItems(items: readonly Item[]): (Item | LikertItem[])[] {
  const out: (Item | LikertItem[])[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.type === 'likert') {
      if (Array.isArray(last) && last[0].scale === item.scale) {
        last.push(item);
        continue;
      }
      const prev = last && !Array.isArray(last) && last.type === 'likert' ? last : undefined;
      if (prev && prev.scale === item.scale) {
        out[out.length - 1] = [prev, item];
        continue;
      }
    }
    out.push(item);
  }
  return out;
}
