// The playground: edit a pack, see its problems with JSON paths, preview it at any timepoint.
// The unbundled modules (lib/, as npm users get them): the checker the widget loads lazily.
import '/dist/resilience-survey.js';
import {formatProblem, parsePack} from '/lib/instrument/parse.js';
import {builtinPacks, defaultPackId} from '/lib/instrument/packs/index.js';

const editor = document.getElementById('pack');
const problemsTitle = document.getElementById('problems-title');
const problemsList = document.getElementById('problems');
const timepointSelect = document.getElementById('timepoint');
const langSelect = document.getElementById('lang');
const preview = document.getElementById('preview');

function show(problems, warnings = []) {
  problemsList.replaceChildren(
    ...[...problems, ...warnings].map((p) => {
      const li = document.createElement('li');
      li.textContent = formatProblem(p);
      return li;
    }),
  );
  problemsTitle.className = problems.length ? 'bad' : 'ok';
  problemsTitle.textContent = problems.length
    ? `${problems.length} problem${problems.length === 1 ? '' : 's'}: the preview shows the last valid pack.`
    : `No problems${warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : ''}.`;
}

function update() {
  let json;
  try {
    json = JSON.parse(editor.value);
  } catch (e) {
    show([{path: '$', message: `not JSON: ${e.message}`}]);
    return;
  }
  const result = parsePack(json);
  if (!result.ok) return show(result.problems);
  show([], result.warnings);
  const previous = timepointSelect.value;
  timepointSelect.replaceChildren(
    ...result.pack.timepoints.map((t) => {
      const option = document.createElement('option');
      option.value = t.id;
      option.textContent = typeof t.label === 'string' ? t.label : (t.label.en ?? t.id);
      return option;
    }),
  );
  if (result.pack.timepoints.some((t) => t.id === previous)) timepointSelect.value = previous;
  preview.timepoint = timepointSelect.value;
  preview.instrument = result.pack;
}

let timer;
editor.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(update, 300);
});
timepointSelect.addEventListener('change', () => (preview.timepoint = timepointSelect.value));
langSelect.addEventListener('change', () => preview.setAttribute('lang', langSelect.value));

editor.value = JSON.stringify(await builtinPacks[defaultPackId](), null, 2);
update();
