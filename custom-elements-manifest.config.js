// custom-elements.json is generated from the elements' JSDoc (`npm run analyze`, part of the build).

/** Helpers that dispatch an event named by a parameter show up as an event called "type". */
const dropDynamicEvents = {
  name: 'drop-dynamic-events',
  packageLinkPhase({customElementsManifest}) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (declaration.events)
          declaration.events = declaration.events.filter((e) => e.name !== 'type');
      }
    }
  },
};

/** `#private` members are no one's API: the manifest leaves them out. */
const dropPrivateMembers = {
  name: 'drop-private-members',
  packageLinkPhase({customElementsManifest}) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (declaration.members)
          declaration.members = declaration.members.filter((m) => !m.name.startsWith('#'));
      }
    }
  },
};

export default {
  globs: ['src/elements/**/*.ts', 'src/internal/form-associated.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  outdir: '.',
  plugins: [dropDynamicEvents, dropPrivateMembers],
};
