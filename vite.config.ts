import {defineConfig, type Plugin} from 'vite';

/**
 * Collapses the CSS in the elements' style modules (files that hold only `css` templates):
 * comments, indentation and the spaces around braces, semicolons and commas. A minifier
 * leaves the inside of a template literal alone.
 */
function minifyStyles(): Plugin {
  const styleFile = /[\\/](?:[\w-]+\.styles|internal[\\/]styles)\.ts$/;
  const minify = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-styles',
    transform(code, id) {
      if (!styleFile.test(id)) return null;
      return {
        code: code.replace(/css`([^`]*)`/g, (_, body: string) => `css\`${minify(body)}\``),
        map: null,
      };
    },
  };
}

// The self-contained ES module: Lit and every dependency inside, minified, with a source
// map. scripts/build.js builds it, then the classic script (IIFE) from the same config.
export default defineConfig({
  plugins: [minifyStyles()],
  define: {'process.env.NODE_ENV': '"production"'},
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    // Library mode keeps whitespace in ES output by default; the drop-in bundle is for pages,
    // not for further bundling, so it is minified in full.
    rolldownOptions: {
      // Lazy chunks may import what the entry already holds from the entry itself, instead of
      // the bundler moving that shared code out into another chunk every page must load.
      preserveEntrySignatures: 'allow-extension',
      output: {minify: true},
    },
    lib: {
      entry: 'src/bundle.ts',
      formats: ['es'],
      fileName: () => 'resilience-survey.js',
    },
  },
});
