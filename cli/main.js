// The `resilience-survey` command. One subcommand for now: `package` (cli/lms-package.js).
// Exit status: 0 done, 1 failed, 2 a mistake in the command line (said in one line).
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {FORMATS, UsageError, makePackage, zip} from './lms-package.js';

const USAGE = `Usage: resilience-survey package --format ${FORMATS.join('|')} --instrument ID-or-FILE
                                 [--timepoint T] [--endpoint URL] [--out FILE] [options]

Writes a zip an LMS accepts (SCORM 1.2, SCORM 2004 4th Edition or cmi5): a launch page with
the survey (one script, no other downloads; it also runs from file://) and the manifest.
The LMS learns only that the learner finished; the answers go to --endpoint under the
participant's code, or stay on the learner's device when there is none.

Options:
  --format F        scorm12, scorm2004 or cmi5
  --instrument I    a built-in pack (coping-with-error) or a pack file: native JSON or a
                    FHIR R4 Questionnaire (checked now, and carried inside the page)
  --timepoint T     the pack's timepoint to show (needed when it has several)
  --endpoint URL    where finished responses are POSTed (https:, or http://localhost)
  --out FILE        the zip to write (default: <pack>-<timepoint>-<format>.zip)
  --lang L          language of the page and the survey (default: en; the pack must have it)
  --title TEXT      the title the LMS shows (default: the pack's title and the timepoint)
  --id ID           the course's identifier (cmi5: an IRI); default: made from the pack,
                    timepoint and endpoint, so a new upload of the same survey replaces the old
  -h, --help        this text
  -v, --version     the package's version

Example:
  npx resilience-survey package --format scorm12 --instrument coping-with-error \\
      --timepoint baseline --endpoint https://research.example.org/api/responses --out survey.zip
`;

const HELP = `Usage: resilience-survey <command> [options]

Commands:
  package    write an LMS package (SCORM 1.2, SCORM 2004, cmi5) of the survey

Run \`resilience-survey package --help\` for its options.
`;

const OPTIONS = {
  format: {type: 'string'},
  instrument: {type: 'string'},
  timepoint: {type: 'string'},
  endpoint: {type: 'string'},
  out: {type: 'string'},
  lang: {type: 'string'},
  title: {type: 'string'},
  id: {type: 'string'},
  help: {type: 'boolean', short: 'h'},
  version: {type: 'boolean', short: 'v'},
};

/**
 * Runs the command line `args` (without node and the script); returns the exit status.
 * `out`/`err` receive what goes to stdout/stderr; `cwd` resolves a relative --out.
 */
export async function main(
  args,
  {out = process.stdout, err = process.stderr, cwd = process.cwd()} = {},
) {
  const say = (text) => out.write(text.endsWith('\n') ? text : `${text}\n`);
  const fail = (text, status) => {
    err.write(`resilience-survey: ${text}\n`);
    return status;
  };
  const [command, ...rest] = args;
  if (!command) {
    err.write(HELP);
    return 2;
  }
  if (command === '-h' || command === '--help') {
    say(HELP);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    say(await version());
    return 0;
  }
  if (command !== 'package') {
    return fail(`unknown command "${command}". Try \`resilience-survey --help\`.`, 2);
  }
  let values;
  try {
    ({values} = parseArgs({args: rest, options: OPTIONS, strict: true, allowPositionals: false}));
  } catch (error) {
    return fail(
      `${sentence(error.message.split('. ')[0])} Try \`resilience-survey package --help\`.`,
      2,
    );
  }
  if (values.help) {
    say(USAGE);
    return 0;
  }
  if (values.version) {
    say(await version());
    return 0;
  }
  try {
    const made = await makePackage(values);
    const file = path.resolve(
      cwd,
      values.out ?? `${made.pack.id}-${made.timepoint}-${values.format}.zip`,
    );
    const bytes = zip(made.files);
    await writeFile(file, bytes);
    for (const w of made.warnings) {
      err.write(`warning: ${w.path ? `${w.path}: ` : ''}${w.message}\n`);
    }
    say(
      `wrote ${shown(cwd, file)} (${values.format}, ${made.files.size} files, ${(bytes.length / 1024).toFixed(1)} KiB): ` +
        `${made.pack.id} ${made.pack.version}, timepoint ${made.timepoint}`,
    );
    say(
      made.endpoint
        ? `answers go to ${made.endpoint}; the LMS learns only that the learner finished`
        : 'no --endpoint: answers stay on each learner’s device (they can download them); the LMS learns only that the learner finished',
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      return fail(`${sentence(error.message)} Try \`resilience-survey package --help\`.`, 2);
    }
    return fail(error?.message ?? String(error), 1);
  }
}

/** The file as the person would name it: relative below the working folder, else absolute. */
const shown = (cwd, file) => {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
};

const sentence = (text) => (/[.!?]$/.test(text) ? text : `${text}.`);

async function version() {
  const {readFile} = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  return pkg.version;
}
