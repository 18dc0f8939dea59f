// The API page: every element of custom-elements.json, its attributes, properties, methods,
// events, slots, CSS parts and custom properties, as tables. Built with DOM calls (the page
// runs under a strict Content Security Policy with Trusted Types): no HTML from strings.
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};
const code = (text) => (text ? el('code', {text}) : '');
/** JSDoc text with `code` spans as <code>, the rest as text. */
const prose = (text = '') =>
  text.split(/(`[^`]+`)/).map((part) => (/^`.+`$/.test(part) ? code(part.slice(1, -1)) : part));

/** A table with a caption and column headers; `rows` are arrays of cell contents. */
function table(caption, headers, rows) {
  if (!rows.length) return null;
  return el(
    'div',
    {class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0'},
    el(
      'table',
      {},
      el('caption', {text: caption}),
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', {scope: 'col', text: h})))),
      el(
        'tbody',
        {},
        ...rows.map(([first, ...rest]) =>
          el(
            'tr',
            {},
            el('th', {scope: 'row'}, ...[first].flat()),
            ...rest.map((c) => el('td', {}, ...[c].flat())),
          ),
        ),
      ),
    ),
  );
}

const isPublic = (m) => !m.privacy || m.privacy === 'public';

function section(declaration, definedIn) {
  const tag = declaration.tagName;
  const attributes = declaration.attributes ?? [];
  const byField = new Set(attributes.map((a) => a.fieldName));
  const fields = (declaration.members ?? []).filter(
    (m) => m.kind === 'field' && isPublic(m) && !m.static && !byField.has(m.name),
  );
  const methods = (declaration.members ?? []).filter(
    (m) => m.kind === 'method' && isPublic(m) && !m.static && !/Callback$/.test(m.name),
  );
  return el(
    'section',
    {class: 'panel', 'aria-labelledby': `api-${tag}`},
    el('h2', {id: `api-${tag}`}, code(`<${tag}>`)),
    el('p', {}, ...prose(declaration.summary ?? '')),
    el('p', {}, 'Defined by: ', ...definedIn.flatMap((f, i) => [i ? ', ' : '', code(f)])),
    table(
      'Attributes',
      ['Attribute', 'Property', 'Type', 'Default', 'Description'],
      attributes.map((a) => [
        code(a.name),
        code(a.fieldName ?? ''),
        code(a.type?.text),
        code(a.default ?? ''),
        prose(a.description),
      ]),
    ),
    table(
      'Properties (no attribute)',
      ['Property', 'Type', 'Default', 'Description'],
      fields.map((f) => [
        code(f.name),
        code(f.type?.text),
        code(f.default ?? ''),
        prose(f.description),
      ]),
    ),
    table(
      'Methods',
      ['Method', 'Returns', 'Description'],
      methods.map((m) => [
        code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
        code(m.return?.type?.text ?? 'void'),
        prose(m.description),
      ]),
    ),
    table(
      'Events',
      ['Event', 'Type', 'Description'],
      (declaration.events ?? []).map((e) => [
        code(e.name),
        code(e.type?.text),
        prose(e.description),
      ]),
    ),
    table(
      'Slots',
      ['Slot', 'Description'],
      (declaration.slots ?? []).map((s) => [code(s.name || '(default)'), prose(s.description)]),
    ),
    table(
      'CSS parts',
      ['Part', 'Description'],
      (declaration.cssParts ?? []).map((p) => [code(p.name), prose(p.description)]),
    ),
    table(
      'CSS custom properties',
      ['Property', 'Description'],
      (declaration.cssProperties ?? []).map((p) => [code(p.name), prose(p.description)]),
    ),
  );
}

async function show() {
  const status = document.getElementById('api-status');
  try {
    const res = await fetch('/custom-elements.json');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const manifest = await res.json();
    const declarations = manifest.modules.flatMap((m) =>
      (m.declarations ?? []).filter((d) => d.tagName),
    );
    const definitions = (tag) =>
      manifest.modules
        .filter((m) =>
          (m.exports ?? []).some((e) => e.kind === 'custom-element-definition' && e.name === tag),
        )
        .map((m) => m.path)
        .filter((p) => !/^lib\/elements\//.test(p));
    // The drop-in first, then the building blocks by name (the manifest's order is the
    // analyzer's, which follows the modules it reads).
    const rank = (d) => (d.tagName === 'rs-survey' ? '' : d.tagName);
    declarations.sort((a, b) => rank(a).localeCompare(rank(b)));
    const toc = document.getElementById('toc');
    for (const d of declarations)
      toc.append(el('li', {}, el('a', {href: `#api-${d.tagName}`}, code(`<${d.tagName}>`))));
    status.remove();
    document
      .getElementById('api')
      .append(...declarations.map((d) => section(d, definitions(d.tagName))));
    document.documentElement.dataset.apiReady = 'true';
  } catch (error) {
    status.textContent = `The manifest could not be loaded (${error.message}). Run npm run build.`;
  }
}

show();
