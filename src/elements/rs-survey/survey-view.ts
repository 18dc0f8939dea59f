/**
 * What the survey's pages are given to render (`PageView`): the question context (answers
 * down, changes up), the error summary with its links into the shadow root, the notice and the
 * buttons that ask before deleting. The element calls `surveyView()` once per render.
 */
import {html} from 'lit';
import type {Messages} from '../../i18n/index.js';
import {saveFile} from '../../internal/save-file.js';
import type {Loaded} from './load-survey.js';
import {errorSummary} from './pages/error-summary.js';
import * as notices from './pages/notices.js';
import type {PageView} from './pages/view.js';
import {fieldId, t, type QuestionContext} from './questions.js';
import {questionById} from './session.js';
import type {SessionController} from './session-controller.js';

export interface ViewHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  clearDraft(): Promise<void>;
  deleteEverything(): Promise<void>;
}

export function surveyView(
  host: ViewHost,
  s: SessionController,
  loaded: Loaded,
  {lang, m}: {lang: string; m: Messages},
): PageView {
  const root = host.renderRoot;
  const find = (id: string) => root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);

  /** Shows a reflection's step and, once it shows, puts focus in its text area. */
  const showStep = async (id: string, index: number) => {
    if (index < 0) return;
    s.steps.set(id, index);
    host.requestUpdate();
    await host.updateComplete;
    find(`${fieldId(id)}-text`)?.focus();
  };

  const messages = new Map<string, string>();
  for (const [key, e] of s.errors) {
    const text = m[e.code];
    messages.set(key, typeof text === 'function' ? text(e.n ?? 0) : text);
  }
  const ctx: QuestionContext = {
    pack: loaded.pack,
    answers: s.answers,
    errors: messages,
    lang,
    m,
    set: (key, value) => s.setAnswer(key, value),
    get: (key) => (Object.hasOwn(s.answers, key) ? s.answers[key] : undefined),
    refresh: () => host.requestUpdate(),
    stepOf: (id) => s.steps.get(id) ?? 0,
    showStep: (id, index) => void showStep(id, index),
    save: (name, text, type) => saveFile(root, name, text, type),
  };

  /** What a field is called, so a summary line says which field it is about. */
  const label = (key: string) => {
    const [id, part] = key.split('.');
    const item = questionById(loaded, s.answers, id);
    if (!item) return '';
    if (part && item.type === 'code') return t(ctx, item.parts.find((p) => p.id === part)?.prompt);
    if (part && item.type === 'reflection') {
      return t(ctx, item.steps.find((p) => p.id === part)?.prompt);
    }
    return t(ctx, item.text);
  };

  /** Moves focus to a field (a fragment link cannot reach into shadow DOM). */
  const focus = (e: Event, key: string) => {
    e.preventDefault();
    const [itemId, step] = key.split('.');
    // A part of a code has its own field; a reflection shows one step at a time.
    const id = find(fieldId(key)) ? fieldId(key) : fieldId(itemId);
    const field = find(id);
    const item = questionById(loaded, s.answers, itemId);
    field?.scrollIntoView({block: 'center'});
    if (step && item?.type === 'reflection') {
      void showStep(
        itemId,
        item.steps.findIndex((x) => x.id === step),
      );
      return;
    }
    const input = field?.querySelector<HTMLElement>('input, textarea, select');
    (find(`${id}-input`) ?? input ?? field)?.focus();
  };

  const confirm: notices.ConfirmState = {
    m,
    confirming: s.confirming,
    unsent: s.unsent,
    ask: (kind) => void s.ask(kind),
    cancel: () => {
      s.confirming = null;
      host.requestUpdate();
    },
  };
  const yes = (action: () => Promise<void>) => () => {
    confirm.cancel();
    void action();
  };
  return {
    ctx,
    timepoint: loaded.timepoint,
    notice: notices.noticeLine(
      s.notice,
      confirm,
      yes(() => host.clearDraft()),
    ),
    errorSummary: errorSummary({m, errors: messages, label, focus}),
    deleteEverything: html`<div class="delete">
      ${notices.confirmable(
        confirm,
        'delete',
        yes(() => host.deleteEverything()),
      )}
    </div>`,
  };
}
