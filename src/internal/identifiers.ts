// The check for patient identifiers (NHS numbers, dates of birth) in free text loads on
// first use: it is not needed to show the first page. A survey starts loading it once its
// first page shows, so a connection that drops later does not leave typed text unchecked.
import type {Messages} from '../i18n/index.js';
import type {IdentifiersFound} from './pii.js';

export type {IdentifiersFound};

let check: ((text: string) => IdentifiersFound) | undefined;
let loading: Promise<unknown> | undefined;

/** Starts loading the check (once; a failed load is tried again on the next call). */
export function loadIdentifierCheck(): Promise<unknown> {
  return (loading ??= import('./pii.js').then(
    (m) => (check = m.findIdentifiers),
    () => (loading = undefined),
  ));
}

/**
 * What `text` holds that looks like a patient identifier. Until the check has loaded: nothing,
 * and `onReady` is called once it has, so the caller can check again.
 */
export function identifiersIn(text: string, onReady: () => void): IdentifiersFound | undefined {
  if (check) return check(text);
  void loadIdentifierCheck().then(() => check && onReady());
  return undefined;
}

/** What the person is told about what `found` holds, one message each (none when nothing). */
export function identifierMessages(m: Messages, found: IdentifiersFound | undefined): string[] {
  return [found?.nhsNumber && m.nhsNumberFound, found?.dateOfBirth && m.dateOfBirthFound].filter(
    (message): message is string => !!message,
  );
}
