/**
 * Dates typed into a one-line text item with `format: 'date' | 'dateTime'` (FHIR date and
 * dateTime questions). A person may type `2026-11-27`, `2026/11/27`, `2026.11.27` or
 * `27.11.2026`, with one-digit days and months; a dateTime may add a time (`14:30`). The
 * result is FHIR's form (`2026-11-27`, `2026-11-27T14:30`), or null when it is not a real day
 * and time. The zone is added where the response is built (`body-fhir.ts`).
 */
export function fhirDate(text: string, withTime: boolean): string | null {
  const m = /^(\d{4})[-/. ](\d\d?)[-/. ](\d\d?)(?:[T ](\d\d?):(\d\d))?$/.exec(
    text.trim().replace(/^(\d\d?)\.(\d\d?)\.(\d{4})/, '$3-$2-$1'),
  );
  if (!m || (m[4] && !withTime)) return null;
  const [, y, mo, d, h, mi] = m.map((part) => part?.padStart(2, '0'));
  const iso = `${y}-${mo}-${d}${h ? `T${h}:${mi}` : ''}`;
  // A real day and time: Date rolls 2026-02-30 over to March, and 24:00 to the next day.
  const date = new Date(`${y}-${mo}-${d}T${h ? `${h}:${mi}` : '00:00'}Z`);
  return date.getTime() === date.getTime() && date.toISOString().startsWith(iso) ? iso : null;
}

/** A time typed as `14:30`, `9.05` or `14:30:15`, in FHIR's form (`14:30:00`); null if none. */
export function fhirTime(text: string): string | null {
  const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)(?::([0-5]\d))?$/.exec(text.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}` : null;
}
