// @ts-check
// The codebook of the two CSV files, for SPSS, R and Stata users: every variable's name,
// label, type, value labels and missing codes, as a CSV table and as a syntax file for each
// package that reads the CSV with those labels applied. Labels come from pack text
// (untrusted): each language's string syntax is escaped, and characters that would run code
// in it (Stata's ` and $ macro expansion) are left out.
import {packFor as builtinPackFor} from '../analysis/packs.js';
import {line} from './csv.js';
import {EXPORT_NAMES} from './names.js';

const MISSING =
  'Empty cell: not answered, not asked at this timepoint, or no response (SPSS: system-missing; R: NA; Stata: . or "").';
const GUARD =
  'Text that starts with = + - @ or a tab carries a leading apostrophe (spreadsheet formula guard); remove it before analysing text. Line breaks inside text are written as U+2028 (line separator), so each row stays on one line.';

/**
 * The codebook for the rows `openRows()` gives.
 * @param {() => AsyncIterable<any>|Iterable<any>} openRows
 * @param {{pack?: any, packFor?: (id: string, version: string|null) => any}} [options]
 * @returns {Promise<{csv: string, sps: string, r: string, do: string,
 *   variables: {long: import('./index.js').Variable[], wide: import('./index.js').Variable[]}}>}
 */
export async function codebook(openRows, options = {}) {
  const {surveyLong, surveyWide, longVariables, wideVariables} = await import('./index.js');
  const opts = {pack: options.pack, packFor: options.packFor ?? builtinPackFor};
  const long = longVariables(await surveyLong(openRows(), opts));
  const wide = wideVariables(await surveyWide(openRows(), opts));
  return codebookFiles({long, wide});
}

/**
 * The codebook texts for the variables of the long and the wide file.
 * @param {{long: import('./index.js').Variable[], wide: import('./index.js').Variable[]}} variables
 */
export function codebookFiles(variables) {
  return {
    csv: codebookCsv(variables),
    sps: spss(variables),
    r: rScript(variables),
    do: stata(variables),
    variables,
  };
}

const oneLine = (text) =>
  String(text ?? '')
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
const valuesText = (v) => (v.values ?? []).map((x) => `${x.value}=${x.label}`).join('; ');

function codebookCsv({long, wide}) {
  let out = line([
    'file',
    'variable',
    'label',
    'type',
    'value_labels',
    'missing',
    'source_key',
    'note',
  ]);
  for (const [file, vars] of [
    [EXPORT_NAMES.long, long],
    [EXPORT_NAMES.wide, wide],
  ]) {
    for (const v of /** @type {import('./index.js').Variable[]} */ (vars)) {
      const note = [v.note, v.type === 'string' ? GUARD : ''].filter(Boolean).join(' ');
      out += line([
        file,
        v.name,
        oneLine(v.label),
        v.type,
        oneLine(valuesText(v)),
        MISSING,
        v.source.kind === 'wide' ? '' : v.source.key,
        oneLine(note),
      ]);
    }
  }
  return out;
}

// SPSS: strings in double quotes, a quote doubled; at most 255 characters per label.
const sq = (text, max = 250) => `"${oneLine(text).slice(0, max).replaceAll('"', '""')}"`;

function spss({long, wide}) {
  const part = (file, vars) => {
    const out = [
      `* ${file}: one ${file === EXPORT_NAMES.long ? 'row per response' : 'row per participant'}.`,
      'GET DATA /TYPE=TXT',
      `  /FILE=${sq(file)}`,
      '  /ENCODING="UTF8"',
      '  /DELCASE=LINE /DELIMITERS="," /QUALIFIER=\'"\' /ARRANGEMENT=DELIMITED /FIRSTCASE=2',
      '  /VARIABLES=',
      ...vars.map((v) => `    ${v.name} ${v.type === 'numeric' ? 'F8.2' : 'A2000'}`),
      '.',
      'VARIABLE LABELS',
      ...vars.map((v, i) => `  ${v.name} ${sq(v.label)}${i === vars.length - 1 ? '.' : ''}`),
    ];
    const labelled = vars.filter((v) => v.values?.length);
    if (labelled.length) {
      out.push('VALUE LABELS');
      labelled.forEach((v, i) => {
        out.push(`  /${v.name}`);
        for (const x of v.values)
          out.push(
            `    ${v.type === 'numeric' ? Number(x.value) : sq(x.value, 120)} ${sq(x.label, 120)}`,
          );
        if (i === labelled.length - 1) out.push('.');
      });
    }
    const name = file === EXPORT_NAMES.long ? 'responses' : 'participants';
    // Saved as .sav, as the Stata do-file saves .dta: the next GET DATA replaces the active
    // dataset in PSPP (and in SPSS when it is unnamed).
    out.push(
      '* Missing: empty cells are system-missing.',
      `SAVE OUTFILE=${sq(`${name}.sav`)}.`,
      `DATASET NAME ${name}.`,
      'EXECUTE.',
      '',
    );
    return out.join('\n');
  };
  return [
    '* Codebook for the resilience-survey exports. Put this file next to the CSV files and run it.',
    `* ${GUARD}`,
    '',
    part(EXPORT_NAMES.long, long),
    part(EXPORT_NAMES.wide, wide),
  ].join('\n');
}

// R: a JSON string is a valid R string literal (\" \\ \n \uXXXX).
const rq = (text) => JSON.stringify(oneLine(text));

function rScript({long, wide}) {
  const part = (file, vars, name) => {
    const out = [
      `# ${file}`,
      `${name} <- read.csv(${rq(file)}, na.strings = "", colClasses = c(`,
      vars
        .map((v) => `  ${rq(v.name)} = ${v.type === 'numeric' ? '"numeric"' : '"character"'}`)
        .join(',\n'),
      `), encoding = "UTF-8", check.names = FALSE)`,
      `attr(${name}, "variable.labels") <- c(`,
      vars.map((v) => `  ${rq(v.name)} = ${rq(v.label)}`).join(',\n'),
      ')',
    ];
    for (const v of vars) {
      if (!v.values?.length || v.type !== 'numeric' || v.source.kind !== 'answer') continue;
      // Likert answers as ordered factors with their labels (the numbers stay in `<name>_value`).
      const levels = v.values.map((x) => Number(x.value));
      if (levels.length < 3) continue;
      out.push(
        `${name}[[${rq(`${v.name}_label`)}]] <- factor(${name}[[${rq(v.name)}]], levels = c(${levels.join(', ')}), labels = c(${v.values.map((x) => rq(x.label)).join(', ')}), ordered = TRUE)`,
      );
    }
    return out.join('\n');
  };
  return [
    '# Codebook for the resilience-survey exports: source() this next to the CSV files.',
    `# ${GUARD}`,
    '# Missing: empty cells are read as NA.',
    '',
    part(EXPORT_NAMES.long, long, 'responses'),
    '',
    part(EXPORT_NAMES.wide, wide, 'participants'),
    '',
  ].join('\n');
}

// Stata: compound double quotes; ` and $ would expand macros, so they are dropped; variable
// labels at most 80 characters.
const stq = (text, max = 80) =>
  `\`"${oneLine(text).replace(/[`$]/g, '').replace(/"'/g, '" \'').slice(0, max)}"'`;

function stata({long, wide}) {
  const part = (file, vars, frame) => {
    const out = [
      `* ${file}`,
      `import delimited using ${stq(file, 200)}, varnames(1) case(preserve) bindquote(strict) stringcols(_all) encoding("utf-8") clear`,
    ];
    for (const v of vars) if (v.type === 'numeric') out.push(`destring ${v.name}, replace`);
    for (const v of vars) out.push(`label variable ${v.name} ${stq(v.label)}`);
    // Stata labels numbers only; a label set's name is at most 32 characters: vl1, vl2…
    let sets = 0;
    for (const v of vars) {
      if (!v.values?.length || v.type !== 'numeric') continue;
      const ints = v.values.every((x) => Number.isInteger(Number(x.value)));
      if (!ints) continue;
      const set = `vl${++sets}`;
      out.push(
        `label define ${set} ${v.values.map((x) => `${Number(x.value)} ${stq(x.label, 200)}`).join(' ')}, replace`,
      );
      out.push(`label values ${v.name} ${set}`);
    }
    out.push(`save ${stq(frame, 100)}, replace`);
    return out.join('\n');
  };
  return [
    '* Codebook for the resilience-survey exports: run this do-file next to the CSV files.',
    `* ${GUARD}`,
    '* Missing: empty numeric cells become . (system missing).',
    '',
    part(EXPORT_NAMES.long, long, 'responses.dta'),
    '',
    part(EXPORT_NAMES.wide, wide, 'participants.dta'),
    '',
  ].join('\n');
}
