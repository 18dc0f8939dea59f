// What every page of the survey gets from the element: the question context (pack, answers,
// errors, language, messages) and the pieces several pages show, already rendered.
import {html} from 'lit';
import type {QuestionContext} from '../questions.js';

export interface PageView {
  readonly ctx: QuestionContext;
  readonly timepoint: string;
  /** The notice at the top (answers restored, open elsewhere, storage refused, deleted). */
  readonly notice: unknown;
  /** The list of problems at the top of a page. */
  readonly errorSummary: unknown;
  /** "Delete everything", with its question. */
  readonly deleteEverything: unknown;
}

/** A page's heading: focus moves to it when the page changes. */
export const heading = (text: string) =>
  html`<h2 class="heading" part="heading" tabindex="-1">${text}</h2>`;
