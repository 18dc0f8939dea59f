/** A finished response as a spreadsheet reads it. Pure. */
import type {ResponseBody} from './body-json.js';

/** One response as CSV: a header row and a row of values (RFC 4180 quoting, no formulas). */
export function responseCsv(r: ResponseBody): string {
  const cells: [string, unknown][] = [
    ['id', r.id],
    ['instrument', r.instrument.id],
    ['version', r.instrument.version],
    ['timepoint', r.timepoint],
    ['participant', r.participant],
    ['startedAt', r.startedAt],
    ['submittedAt', r.submittedAt],
    ...Object.entries(r.scores).map(([k, s]): [string, unknown] => [`score.${k}`, s.value]),
    ...Object.entries(r.answers).map(([k, v]): [string, unknown] => [
      `answer.${k}`,
      Array.isArray(v) ? v.join('|') : v,
    ]),
  ];
  const quote = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value);
    // A spreadsheet would run a text cell that starts like a formula (numbers are numbers).
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const row = (values: unknown[]) => values.map(quote).join(',');
  return `${row(cells.map(([k]) => k))}\r\n${row(cells.map(([, v]) => v))}\r\n`;
}

/** The person's own copy of a response: its file name, text and type. */
export function responseFile(
  r: ResponseBody,
  kind: 'json' | 'csv',
): {name: string; text: string; type: string} {
  return {
    name: `${r.instrument.id}-${r.timepoint}-${r.id.slice(0, 8)}.${kind}`,
    text: kind === 'json' ? JSON.stringify(r, null, 2) : responseCsv(r),
    type: kind === 'json' ? 'application/json' : 'text/csv',
  };
}
