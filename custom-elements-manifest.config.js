// custom-elements.json is generated from the elements' JSDoc (`npm run analyze`, part of the
// build), then made into what tools need: typed events (read from src/events.ts), no internal
// state among the attributes, the paths of the shipped files, the tag definitions, and a check
// that every attribute, property and event has a type. From it: web-types.json (JetBrains)
// and vscode.html-custom-data.json / vscode.css-custom-data.json (VS Code).
import {customElementJetBrainsPlugin} from 'custom-element-jet-brains-integration';
import {customElementVsCodePlugin} from 'custom-element-vs-code-integration';
import ts from 'typescript';
import {posix} from 'node:path';

const isHidden = (member) => member.privacy === 'protected' || member.privacy === 'private';

const declarationsOf = (manifest) =>
  manifest.modules.flatMap((mod) => (mod.declarations ?? []).map((d) => [mod, d]));

/** Helpers that dispatch an event named by a parameter show up as an event called "type". */
const dropDynamicEvents = {
  name: 'drop-dynamic-events',
  packageLinkPhase({customElementsManifest}) {
    for (const [, declaration] of declarationsOf(customElementsManifest)) {
      if (declaration.events)
        declaration.events = declaration.events.filter((e) => e.name !== 'type');
    }
  },
};

/** `#private` members are no one's API: the manifest leaves them out. */
const dropPrivateMembers = {
  name: 'drop-private-members',
  packageLinkPhase({customElementsManifest}) {
    for (const [, declaration] of declarationsOf(customElementsManifest)) {
      if (declaration.members)
        declaration.members = declaration.members.filter((m) => !m.name.startsWith('#'));
    }
  },
};

/**
 * Lit's `{state: true}` properties are internal: the analyzer lists them as attributes, and
 * tools would offer them in templates. An attribute stays only when its field is public.
 */
const dropStateAttributes = {
  name: 'drop-state-attributes',
  packageLinkPhase({customElementsManifest}) {
    for (const [, declaration] of declarationsOf(customElementsManifest)) {
      if (!declaration.attributes) continue;
      const hidden = new Set((declaration.members ?? []).filter(isHidden).map((m) => m.name));
      declaration.attributes = declaration.attributes.filter((a) => !hidden.has(a.fieldName));
    }
  },
};

/**
 * The detail of each event, from the one typed map pages listen with (src/events.ts):
 * `CustomEvent<{id: string; status: number | 'stored'}>`, the detail's fields written out.
 */
function surveyEventTypes() {
  const file = 'src/events.ts';
  const program = ts.createProgram([file], {strict: true, noEmit: true, skipLibCheck: true});
  const source = program.getSourceFile(file);
  const interfaces = new Map();
  ts.forEachChild(source, (node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const detailText = (name) => {
    const members = interfaces.get(name)?.members;
    if (!members) return name;
    const fields = members.map(
      (m) => `${m.name.getText(source)}${m.questionToken ? '?' : ''}: ${m.type.getText(source)}`,
    );
    return `{${fields.join('; ')}}`;
  };
  const types = new Map();
  for (const member of interfaces.get('RsSurveyEventMap').members) {
    const event = member.name.text;
    const detail = member.type.typeArguments?.[0]?.getText(source);
    types.set(event, detail ? `CustomEvent<${detailText(detail)}>` : member.type.getText(source));
  }
  return types;
}

/**
 * The literal values of a property whose type is a union of strings, named or derived
 * (`ResponseFormat`, `RequestCredentials`), so that editors can offer them: `'json' | 'fhir' | 'xapi'`.
 */
function literalUnions(file, className) {
  const program = ts.createProgram([file], {strict: true, noEmit: true, skipLibCheck: true});
  const checker = program.getTypeChecker();
  const unions = new Map();
  ts.forEachChild(program.getSourceFile(file), (node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== className) return;
    const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(node.name));
    for (const property of type.getProperties()) {
      const t = checker.getTypeOfSymbol(property);
      const parts = t.isUnion() ? t.types : [t];
      if (t.isUnion() && parts.every((p) => p.isStringLiteral()))
        unions.set(property.name, parts.map((p) => `'${p.value}'`).join(' | '));
    }
  });
  return unions;
}

const typedEvents = {
  name: 'typed-events',
  packageLinkPhase({customElementsManifest}) {
    const survey = surveyEventTypes();
    for (const [, declaration] of declarationsOf(customElementsManifest)) {
      for (const event of declaration.events ?? []) {
        const text = declaration.tagName === 'rs-survey' ? survey.get(event.name) : 'Event';
        if (!text) throw new Error(`${event.name} is not in RsSurveyEventMap (src/events.ts)`);
        event.type = {text};
      }
    }
  },
};

/**
 * The manifest describes the shipped files: lib/…/x.js for src/…/x.ts, everywhere, and
 * package-relative paths for re-exports (`../../events.js` → `lib/events.js`). Modules of
 * internal helpers (no element in them) are left out.
 */
const shippedPaths = {
  name: 'shipped-paths',
  packageLinkPhase({customElementsManifest}) {
    const shipped = (p) => p.replace(/^\/?src\/(.*)\.[jt]s$/, 'lib/$1.js');
    const rewrite = (value, base) => {
      if (Array.isArray(value)) return value.forEach((v) => rewrite(v, base));
      if (!value || typeof value !== 'object') return;
      for (const [key, v] of Object.entries(value)) {
        if (key === 'module' && typeof v === 'string')
          value[key] = v.startsWith('.') ? posix.join(posix.dirname(base), v) : shipped(v);
        else rewrite(v, base);
      }
    };
    customElementsManifest.modules = customElementsManifest.modules.filter((mod) =>
      mod.declarations?.some((d) => d.kind === 'class'),
    );
    for (const mod of customElementsManifest.modules) {
      mod.path = shipped(mod.path);
      rewrite(mod.declarations, mod.path);
      rewrite(mod.exports, mod.path);
    }
  },
};

/** Which file defines which tag: the npm entry and the two bundles. */
const definitions = {
  name: 'definitions',
  packageLinkPhase({customElementsManifest}) {
    const classes = new Map();
    for (const [mod, declaration] of declarationsOf(customElementsManifest)) {
      if (declaration.tagName) classes.set(declaration.tagName, {mod, declaration});
    }
    const define = (tag) => {
      const found = classes.get(tag);
      if (!found) throw new Error(`no class in the manifest for <${tag}>`);
      return {
        kind: 'custom-element-definition',
        name: tag,
        declaration: {name: found.declaration.name, module: found.mod.path},
      };
    };
    const reexport = (tag) => {
      const {mod, declaration} = classes.get(tag);
      return {
        kind: 'js',
        name: declaration.name,
        declaration: {name: declaration.name, module: mod.path},
      };
    };
    const files = {
      'lib/define.js': ['rs-survey', 'rs-likert', 'rs-reflection'],
      'lib/react.js': ['rs-survey', 'rs-likert', 'rs-reflection'],
      'dist/resilience-survey.js': ['rs-survey'],
      'dist/resilience-survey.iife.js': ['rs-survey'],
      'dist/blocks/resilience-survey-blocks.js': ['rs-likert', 'rs-reflection'],
    };
    for (const [path, tags] of Object.entries(files)) {
      customElementsManifest.modules.push({
        kind: 'javascript-module',
        path,
        declarations: [],
        exports: [
          ...tags.map(define),
          ...(path.startsWith('dist/') && !path.endsWith('.iife.js') ? tags.map(reexport) : []),
        ],
      });
    }
    for (const [, {mod, declaration}] of classes) {
      mod.exports = [
        ...(mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition'),
        {
          kind: 'custom-element-definition',
          name: declaration.tagName,
          declaration: {name: declaration.name, module: mod.path},
        },
      ];
    }
  },
};

/**
 * Fills what the analyzer cannot see (a default computed from a constant, an optional field's
 * `undefined`) and fails the build when an attribute, public property or event has no type.
 */
const completeAndCheck = {
  name: 'complete-and-check',
  packageLinkPhase({customElementsManifest}) {
    const problems = [];
    for (const [, declaration] of declarationsOf(customElementsManifest)) {
      if (!declaration.tagName) continue;
      const tag = declaration.tagName;
      const fields = new Map((declaration.members ?? []).map((m) => [m.name, m]));
      const known = {'rs-survey': {draftDays: '30'}}[tag] ?? {};
      const unions =
        tag === 'rs-survey' ? literalUnions('src/elements/rs-survey/rs-survey.ts', 'RsSurvey') : [];
      for (const [name, text] of unions) {
        const field = fields.get(name);
        if (field) field.type = {text};
      }
      for (const member of declaration.members ?? []) {
        if (member.kind !== 'field' || isHidden(member) || member.static) continue;
        if (member.name in known) member.default = known[member.name];
        if (member.default === undefined && /\bundefined\b/.test(member.type?.text ?? ''))
          member.default = 'undefined';
      }
      for (const attribute of declaration.attributes ?? []) {
        const field = fields.get(attribute.fieldName);
        if (field) {
          if (field.type) attribute.type = field.type;
          if (field.default !== undefined) attribute.default = field.default;
        }
        if (!attribute.type?.text) problems.push(`<${tag}> attribute ${attribute.name}: no type`);
      }
      for (const member of declaration.members ?? []) {
        if (member.kind === 'field' && !isHidden(member) && !member.type?.text)
          problems.push(`<${tag}> property ${member.name}: no type`);
      }
      for (const event of declaration.events ?? []) {
        if (!event.type?.text) problems.push(`<${tag}> event ${event.name}: no type`);
      }
      for (const part of declaration.cssParts ?? []) {
        if (!part.description) problems.push(`<${tag}> part ${part.name}: no description`);
      }
    }
    if (problems.length) throw new Error(`custom-elements.json:\n  ${problems.join('\n  ')}`);
  },
};

export default {
  globs: ['src/elements/**/*.ts', 'src/internal/form-associated.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  outdir: '.',
  plugins: [
    dropDynamicEvents,
    dropPrivateMembers,
    dropStateAttributes,
    typedEvents,
    completeAndCheck,
    shippedPaths,
    definitions,
    customElementVsCodePlugin({
      outdir: '.',
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({
      outdir: '.',
      webTypesFileName: 'web-types.json',
      packageJson: false,
      hideLogs: true,
    }),
  ],
};
