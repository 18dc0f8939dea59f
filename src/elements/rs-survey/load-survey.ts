/**
 * What a survey needs before its first page: the pack (checked), the device's storage and the
 * draft on it. The pack and the database load side by side: a participant waits for the
 * slower, not both.
 */
import type {SurveyErrorDetail} from '../../events.js';
import {expand, initialAnswers} from '../../instrument/conditions.js';
import type {FhirLink} from '../../instrument/fhir.js';
import {loadPack, PackError, resolveTimepoint, type PackSource} from '../../instrument/load.js';
import {loadBuiltin} from '../../instrument/packs/index.js';
import type {Pack, PackProblem} from '../../instrument/types.js';
import type {DraftController} from '../../store/draft-controller.js';
import {DRAFT_MAX_AGE_MS, storageKey, type OpenStoreResult, type Store} from '../../store/store.js';
import type {Draft} from '../../store/types.js';
import {questionList} from './pages/section.js';
import {answersFrom, knownAnswers} from './session.js';

export interface Loaded {
  /** Replaced when a built-in pack gets the text of a language the page switched to. */
  pack: Pack;
  /** A built-in pack's id: its other languages load when the page shows them. */
  builtin?: string;
  /** The languages asked of a built-in pack so far. */
  langs: string[];
  timepoint: string;
  /** What the pack asks for that the widget does not do (FHIR features, unknown fields). */
  warnings: readonly PackProblem[];
  /** How answers map back to a FHIR Questionnaire's linkIds, when the pack was one. */
  fhir?: FhirLink;
  store: Store;
  draft: Draft;
  restored: boolean;
  /** The id of the response the person submitted from this draft (a reload of the thank-you page). */
  submitted?: string;
  /** Answers of the draft for questions the pack no longer has. */
  dropped: number;
  /** Responses of earlier visits still wait in the outbox. */
  waiting: boolean;
}

/**
 * The element as a load reads it, once, as it starts: its settings, and its children (a child
 * script can hold the pack).
 */
export interface LoadSettings extends ParentNode {
  readonly instrument?: unknown;
  readonly timepoint?: string;
  readonly participant?: string;
  readonly storageKey?: string;
  /** A FHIR terminology server (the `terminology` attribute). */
  readonly terminology?: string;
  readonly fetch: typeof fetch;
  /** Resources a FHIR Questionnaire's expressions read by name (`%patient`). */
  readonly launchContext?: object;
  readonly draftDays: number;
}

export interface LoadInput {
  readonly settings: LoadSettings;
  readonly lang: string;
  readonly store: Promise<OpenStoreResult>;
  readonly drafts: DraftController;
  /** Storage is refused: the survey runs in memory and says so. */
  readonly onMemoryOnly: (message: string) => void;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The element's source of a pack: a property object, the JSON of a child
 * `<script type="application/json">`, else a built-in id or URL.
 */
export function packSource(instrument: unknown, host: ParentNode): PackSource {
  const inline = host.querySelector(':scope > script[type="application/json"]');
  if (instrument && typeof instrument === 'object') return {kind: 'object', value: instrument};
  if (!instrument && inline) return {kind: 'inline', text: inline.textContent ?? ''};
  // Anything but text (a number, `true`) is checked as a pack, which says what is wrong with it.
  return typeof instrument === 'string' || instrument == null
    ? {kind: 'ref', ref: instrument ?? ''}
    : {kind: 'object', value: instrument};
}

export async function loadSurvey(input: LoadInput, signal: AbortSignal): Promise<Loaded> {
  const {settings, lang} = input;
  // Read once, now: a change to most of them starts another load, which aborts this one.
  const {fetch, terminology, launchContext, draftDays, storageKey: key} = settings;
  const asked = settings.timepoint;
  const participant = settings.participant ?? null;
  const langs = [lang];
  const {pack, warnings, fhir, builtin, repeats, rich, combobox, matrix} = await loadPack(
    packSource(settings.instrument, settings),
    {
      fetch,
      timepoint: asked,
      terminology,
      launchContext,
      signal,
      baseUrl: document.baseURI,
      langs,
    },
  );
  // Choice matrices draw ordinary items (offline: as plain choices), repeating ones too.
  if (matrix)
    await import('./matrix.js').then(
      (x) => x.install(questionList),
      () => {},
    );
  // Repeating items come with their own code, before anything reads answers.
  if (repeats) (await import('./repeat.js')).install(expand, questionList);
  // Rich text, labels of parts of questions, lists typed to filter: offline, plain text and radios.
  await Promise.all([rich && import('./rich-text.js'), combobox && import('./combobox.js')]).catch(
    () => {},
  );
  const timepoint = resolveTimepoint(pack, asked);
  const opened = await input.store;
  // A newer load (the page changed `participant`, say) owns the draft from here on.
  signal.throwIfAborted();
  if (!opened.persistent) input.onMemoryOnly(opened.error ?? 'IndexedDB is not available.');
  const {store} = opened;
  // A response from an earlier visit still waits (looked up alongside).
  const waiting = store.listOutbox().catch(() => []);
  // Expiry applies to every draft of the site, so a bad value must not delete them all.
  // Not awaited: IndexedDB runs the draft read below after it, in order.
  const days = draftDays > 0 ? draftDays : DRAFT_MAX_AGE_MS / dayMs;
  store.expireDrafts(days * dayMs).catch(() => 0);
  const {draft, restored, stored} = await input.drafts.open(store, {
    key: storageKey(pack.id, timepoint, participant, key),
    packId: pack.id,
    packVersion: pack.version,
    timepoint,
    participant,
  });
  const known = knownAnswers(pack, draft.answers);
  return {
    pack,
    warnings,
    fhir,
    builtin,
    // What the pack was loaded with: the page's language may have changed since.
    langs,
    timepoint,
    store,
    draft: {
      ...draft,
      answers: restored ? known.answers : answersFrom(initialAnswers(pack), draft.answers),
    },
    restored,
    submitted:
      !restored && stored?.submitted === true && stored.packId === pack.id
        ? stored.responseId
        : undefined,
    dropped: restored && draft.packVersion !== pack.version ? known.dropped : 0,
    waiting: (await waiting).length > 0,
  };
}

/** A built-in pack gets the text of a language the page switched to after it loaded. */
export function addLanguage(loaded: Loaded, lang: string, changed: () => void): void {
  if (!loaded.builtin || loaded.langs.includes(lang)) return;
  loaded.langs.push(lang);
  loadBuiltin(loaded.builtin, loaded.langs).then(
    (pack) => {
      if (!pack) return;
      loaded.pack = pack;
      changed();
    },
    // Offline: the pack's English (or what it had) stays; the next switch tries again.
    () => (loaded.langs = loaded.langs.filter((l) => l !== lang)),
  );
}

/** What `rs-error` says of a load that failed (nothing for one a newer load replaced). */
export function loadError(error: unknown): SurveyErrorDetail | undefined {
  if (error instanceof PackError) {
    const [first] = error.problems;
    const where = first ? {path: first.path, problems: error.problems} : {};
    return {code: error.code, message: error.message, ...where};
  }
  if (error instanceof DOMException && error.name === 'AbortError') return undefined;
  // Not a pack's fault the loader foresaw: still where (the whole pack) and what, in words.
  const message = String((error as Error)?.message ?? error);
  return {code: 'instrument-invalid', message, path: '$'};
}
