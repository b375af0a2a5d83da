// Bundles src/main.ts into dist/: solara-client.js (+ .css, readable, with source maps) for
// development and solara-client.min.js (+ .min.css) for production. Run via `npm run build`.
import * as esbuild from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = resolve(clientDir, 'dist');

// html-manager can also load ipywidgets 7 widgets (base7/controls7); this client renders
// ipywidgets 8 only. Resolve those modules to empty ones so their JS and CSS stay out of the
// bundle (their CSS would otherwise restyle the ipywidgets 8 controls).
const withoutIpywidgets7 = {
  name: 'without-ipywidgets-7',
  setup(build) {
    build.onResolve({ filter: /^@jupyter-widgets\/(base7|controls7)(\/|$)/ }, args => ({
      path: args.path,
      namespace: 'ipywidgets-7-omitted',
    }));
    build.onLoad({ filter: /.*/, namespace: 'ipywidgets-7-omitted' }, args =>
      args.path.endsWith('.css')
        ? { contents: '', loader: 'css' }
        : { contents: 'module.exports = {};', loader: 'js' });
  },
};

const common = {
  absWorkingDir: clientDir,
  entryPoints: ['src/main.ts'],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  assetNames: '[name]-[hash]',
  banner: { js: "var __webpack_public_path__='';" },
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [withoutIpywidgets7],
  legalComments: 'linked',
  logLevel: 'warning',
};

await rm(distDir, { recursive: true, force: true });
await Promise.all([
  esbuild.build({ ...common, outfile: 'dist/solara-client.js', sourcemap: 'linked' }),
  esbuild.build({ ...common, outfile: 'dist/solara-client.min.js', minify: true }),
]);
