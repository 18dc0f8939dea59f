import {defineConfig} from 'vite';

// The self-contained ES module: Lit and every dependency inside, minified, with a source
// map. scripts/build.js builds it, then the classic script (IIFE) from the same config.
export default defineConfig({
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
