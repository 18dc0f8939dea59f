import {minify as terser} from 'terser';
import ts from 'typescript';
import {defineConfig, type Plugin} from 'vite';

/**
 * Collapses the CSS of every `css` template: comments, indentation and the spaces around
 * braces, semicolons and commas (a minifier leaves the inside of a template literal alone).
 * The template's line breaks move to its end, so the code after it keeps its lines for the
 * source map.
 */
function minifyStyles(): Plugin {
  const source = /[\\/]src[\\/].*\.ts$/;
  const minify = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>~])\s*/g, '$1')
      // After a colon (never before: `a :hover` differs from `a:hover`); around `/`; after
      // `*` (never before: `.a *` is a selector). No template holds a quoted string.
      .replace(/:\s+/g, ':')
      .replace(/\s*\/\s*/g, '/')
      .replace(/\*\s+/g, '*')
      // 0.5 -> .5
      .replace(/(^|[^\w.#-])0\.(\d)/g, '$1.$2')
      .replace(/\s+!important/g, '!important')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-styles',
    transform(code, id) {
      if (!source.test(id) || !code.includes('css`')) return null;
      return {
        code: code.replace(
          /css`([^`]*)`/g,
          (_, body: string) => `css\`${minify(body)}${body.replace(/[^\n]/g, '')}\``,
        ),
        map: null,
      };
    },
  };
}

/**
 * Drops the indentation inside Lit `html` templates: each run of white space that holds a
 * line break becomes the line break alone, which renders the same (no template holds
 * preformatted text) and keeps every line where the source map expects it. TypeScript's
 * parser finds the templates, so strings, regular expressions and the code inside `${…}`
 * are never touched.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('html`')) return null;
      const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const parts: {start: number; end: number}[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'html') {
          const t = node.template;
          const literals = ts.isNoSubstitutionTemplateLiteral(t)
            ? [t]
            : [t.head, ...t.templateSpans.map((s) => s.literal)];
          for (const l of literals) parts.push({start: l.getStart(file), end: l.getEnd()});
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      let out = code;
      for (const {start, end} of parts.sort((a, b) => b.start - a.start)) {
        out =
          out.slice(0, start) +
          out.slice(start, end).replace(/[ \t]*\n\s*/g, (ws) => ws.replace(/[^\n]/g, '')) +
          out.slice(end);
      }
      return {code: out, map: null};
    },
  };
}

/** Terser over the finished chunks: two passes shave a few hundred bytes more. */
function terserAfter(): Plugin {
  return {
    name: 'terser-after',
    async renderChunk(code) {
      const out = await terser(code, {
        module: true,
        ecma: 2020,
        compress: {passes: 2},
        format: {comments: false},
        sourceMap: true,
      });
      return {code: out.code!, map: out.map as string};
    },
  };
}

// The self-contained ES module: Lit and every dependency inside, minified, with a source
// map. scripts/build.js builds it, then the classic script (IIFE) from the same config.
export default defineConfig({
  plugins: [minifyStyles(), minifyTemplates()],
  define: {'process.env.NODE_ENV': '"production"'},
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    // The licences of Lit, idb and the rest bundled inside (the bundle carries no comments).
    license: {fileName: 'THIRD-PARTY-LICENSES.md'},
    // Library mode keeps whitespace in ES output by default; the drop-in bundle is for pages,
    // not for further bundling, so it is minified in full.
    rolldownOptions: {
      // Lazy chunks may import what the entry already holds from the entry itself, instead of
      // the bundler moving that shared code out into another chunk every page must load.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        comments: false,
        // What every participant fetches once the first questions show comes as one file:
        // the last pages and delivery, the JSON body and the identifier check (one request, one
        // gzip stream).
        codeSplitting: {
          groups: [
            {
              name: 'finish',
              includeDependenciesRecursively: false,
              test: /[\\/]src[\\/](elements[\\/]rs-survey[\\/](finish|pages[\\/](review|done|ending|ending\.styles))|transport[\\/](body-json|delivery-controller|endpoint|outbox|send|backoff|response|submit|csv|formats|request|types)|instrument[\\/]scoring|internal[\\/]pii|i18n[\\/]en-ending|version)\.ts$/,
            },
          ],
        },
      },
      plugins: [terserAfter()],
    },
    lib: {
      entry: 'src/bundle.ts',
      formats: ['es'],
      fileName: () => 'resilience-survey.js',
    },
  },
});
