/**
 * SCORM 1.2 and 2004 bridge: finds the LMS's API object and reports that the person finished.
 * Whatever goes to an LMS is tied to the learner's identity, so only completion (and a score,
 * if the page passes one) goes there by default; answers go to the research endpoint under
 * the code. Interactions (answers) are sent only when the page opts in.
 */

import type {LmsLink} from './link.js';

/** SCORM 1.2's `window.API`. */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string | number;
}

/** SCORM 2004's `window.API_1484_11`. */
export interface Scorm2004Api {
  Initialize(arg: ''): string;
  Terminate(arg: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: ''): string;
  GetLastError(): string | number;
}

export type FoundApi =
  | {readonly version: '1.2'; readonly api: Scorm12Api}
  | {readonly version: '2004'; readonly api: Scorm2004Api};

/** How far up the frames an LMS may put its API (the ADL wrapper looks 7 levels up). */
export const MAX_DEPTH = 7;

/** The window-like bits the search reads; a cross-origin frame throws on reading them. */
type Frame = {API?: unknown; API_1484_11?: unknown; parent?: Frame | null; opener?: Frame | null};

function apiIn(win: Frame): FoundApi | null {
  try {
    const a2004 = win.API_1484_11 as Scorm2004Api | undefined;
    if (a2004 && typeof a2004.Initialize === 'function') return {version: '2004', api: a2004};
    const a12 = win.API as Scorm12Api | undefined;
    if (a12 && typeof a12.LMSInitialize === 'function') return {version: '1.2', api: a12};
  } catch {
    // A cross-origin frame: no API there, and none readable above it.
  }
  return null;
}

function walk(start: Frame | null | undefined): FoundApi | null {
  let win = start;
  for (let depth = 0; win && depth <= MAX_DEPTH; depth++) {
    const found = apiIn(win);
    if (found) return found;
    let parent: Frame | null | undefined;
    try {
      parent = win.parent;
    } catch {
      return null;
    }
    if (!parent || parent === win) return null;
    win = parent;
  }
  return null;
}

/**
 * The SCORM API for a window: itself and its parents (at most `MAX_DEPTH` up), then its
 * opener and the opener's parents. 2004 wins over 1.2 in the same window.
 */
export function findScormApi(win: Window | Frame): FoundApi | null {
  const frame = win as Frame;
  const found = walk(frame);
  if (found) return found;
  let opener: Frame | null | undefined;
  try {
    opener = frame.opener;
  } catch {
    return null;
  }
  return walk(opener);
}

export interface ScormScore {
  readonly raw: number;
  readonly min?: number;
  readonly max?: number;
}

export interface ScormInteraction {
  /** An identifier the LMS accepts (letters, digits, `-`, `_`, `.`). */
  readonly id: string;
  readonly type: 'likert' | 'choice' | 'numeric' | 'fill-in' | 'long-fill-in';
  readonly response: string;
}

export interface ScormBridgeOptions {
  /** Send interactions (answers) to the LMS too. Off: the LMS learns only completion. */
  readonly shareAnswers?: boolean;
  readonly now?: () => number;
}

/** SCORM 1.2 caps `cmi.interactions.n.student_response` at 255 characters. */
const SCORM12_RESPONSE = 255;

/**
 * One SCO session: `initialise()`, then `setCompletion()` when the person submits, `commit()`,
 * and `finish()` once (also on `pagehide`, through `attach()`). Each returns whether the LMS
 * said yes; none throws, since an LMS failure must not stop the questionnaire.
 */
export class ScormBridge {
  #initialised = false;
  #finished = false;
  #completed = false;
  #started: number;
  #detach?: () => void;

  constructor(
    readonly found: FoundApi,
    readonly options: ScormBridgeOptions = {},
  ) {
    this.#started = (options.now ?? Date.now)();
  }

  get version(): FoundApi['version'] {
    return this.found.version;
  }

  #call(name12: keyof Scorm12Api, name2004: keyof Scorm2004Api, ...args: string[]): string {
    try {
      const api = this.found.api as unknown as Record<string, (...a: string[]) => unknown>;
      return String(api[this.found.version === '1.2' ? name12 : name2004](...args));
    } catch {
      return 'false';
    }
  }

  #set(element12: string, element2004: string, value: string): boolean {
    return (
      this.#call('LMSSetValue', 'SetValue', this.is12 ? element12 : element2004, value) === 'true'
    );
  }

  get is12(): boolean {
    return this.found.version === '1.2';
  }

  initialise(): boolean {
    if (this.#initialised) return true;
    this.#initialised = this.#call('LMSInitialize', 'Initialize', '') === 'true';
    if (this.#initialised) {
      // Not finished yet: the LMS should offer to resume rather than start again.
      this.#set('cmi.core.exit', 'cmi.exit', 'suspend');
    }
    return this.#initialised;
  }

  /** Marks the SCO completed, with a score when given. */
  setCompletion(score?: ScormScore): boolean {
    if (!this.#initialised || this.#finished) return false;
    let ok = this.is12
      ? this.#set('cmi.core.lesson_status', '', 'completed')
      : this.#set('', 'cmi.completion_status', 'completed');
    if (score) {
      const {raw, min, max} = score;
      ok = this.#set('cmi.core.score.raw', 'cmi.score.raw', String(raw)) && ok;
      if (min !== undefined)
        ok = this.#set('cmi.core.score.min', 'cmi.score.min', String(min)) && ok;
      if (max !== undefined)
        ok = this.#set('cmi.core.score.max', 'cmi.score.max', String(max)) && ok;
      if (!this.is12 && min !== undefined && max !== undefined && max > min) {
        const scaled = Math.round(((raw - min) / (max - min)) * 1e4) / 1e4;
        ok = this.#set('', 'cmi.score.scaled', String(scaled)) && ok;
      }
    }
    this.#set('cmi.core.exit', 'cmi.exit', this.is12 ? '' : 'normal');
    this.#completed = ok;
    return ok;
  }

  /** Records answers as interactions, only if the page opted in. */
  setInteractions(list: readonly ScormInteraction[]): boolean {
    if (!this.options.shareAnswers || !this.#initialised || this.#finished) return false;
    let ok = true;
    const start = Number(
      this.#call(
        'LMSGetValue',
        'GetValue',
        this.is12 ? 'cmi.interactions._count' : 'cmi.interactions._count',
      ),
    );
    list.forEach((interaction, i) => {
      const n = (Number.isFinite(start) ? start : 0) + i;
      const prefix = `cmi.interactions.${n}`;
      const type = this.is12 && interaction.type === 'long-fill-in' ? 'fill-in' : interaction.type;
      const response = this.is12
        ? interaction.response.slice(0, SCORM12_RESPONSE)
        : interaction.response;
      ok = this.#set(`${prefix}.id`, `${prefix}.id`, interaction.id) && ok;
      ok = this.#set(`${prefix}.type`, `${prefix}.type`, type) && ok;
      ok = this.#set(`${prefix}.student_response`, `${prefix}.learner_response`, response) && ok;
    });
    return ok;
  }

  commit(): boolean {
    return this.#initialised && !this.#finished && this.#call('LMSCommit', 'Commit', '') === 'true';
  }

  /** Ends the session once: session time, commit, then LMSFinish / Terminate. */
  finish(): boolean {
    if (!this.#initialised || this.#finished) return false;
    const seconds = Math.max(0, ((this.options.now ?? Date.now)() - this.#started) / 1000);
    this.#set(
      'cmi.core.session_time',
      'cmi.session_time',
      this.is12 ? cmiTimespan(seconds) : isoDuration(seconds),
    );
    if (!this.#completed) this.#set('cmi.core.exit', 'cmi.exit', 'suspend');
    this.#call('LMSCommit', 'Commit', '');
    this.#finished = this.#call('LMSFinish', 'Terminate', '') === 'true';
    this.#detach?.();
    return this.#finished;
  }

  /** Finishes on `pagehide` (the last event a closing tab or a navigation reliably fires). */
  attach(win: Window): () => void {
    const onHide = () => this.finish();
    win.addEventListener('pagehide', onHide);
    this.#detach = () => win.removeEventListener('pagehide', onHide);
    return this.#detach;
  }
}

/**
 * Starts the attempt with the SCORM API found up the frames or the opener of `win`, finishing
 * it on `pagehide`; undefined when there is none.
 */
export function connectScorm(win: Window): LmsLink | undefined {
  const found = findScormApi(win);
  if (!found) return undefined;
  const bridge = new ScormBridge(found);
  bridge.initialise();
  bridge.attach(win);
  return {
    complete: async () => {
      bridge.setCompletion();
      bridge.commit();
    },
  };
}

/** SCORM 1.2 CMITimespan: `HHHH:MM:SS.SS`. */
export function cmiTimespan(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(Math.min(h, 9999)).padStart(4, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}

/** An ISO 8601 duration (`PT1H2M3.5S`), as SCORM 2004 and xAPI use. */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 100) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s}S`;
}
