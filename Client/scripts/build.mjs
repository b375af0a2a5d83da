// Bundles src/main.ts into dist/: solara-client.js (+ .css, readable, with source maps) for
// development and solara-client.min.js (+ .min.css) for production. Run via `npm run build`.
import * as esbuild from 'esbuild';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
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

// Files other builds may be reading (a concurrent `dotnet build` embedding dist/) are never
// deleted mid-flight: unchanged outputs are left alone, changed ones are replaced by an atomic
// rename, and only files the build no longer produces are removed.
async function publish(outputFiles) {
  await mkdir(distDir, { recursive: true });
  const produced = new Set();
  for (const file of outputFiles) {
    const name = basename(file.path);
    produced.add(name);
    const target = join(distDir, name);
    const current = await readFile(target).catch(() => null);
    if (current !== null && Buffer.compare(current, file.contents) === 0) {
      continue;
    }
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, target);
  }
  for (const name of await readdir(distDir)) {
    if (!produced.has(name) && !name.startsWith('.')) {
      await rm(join(distDir, name), { force: true });
    }
  }
}

const results = await Promise.all([
  esbuild.build({ ...common, write: false, outfile: 'dist/solara-client.js', sourcemap: 'linked' }),
  esbuild.build({ ...common, write: false, outfile: 'dist/solara-client.min.js', minify: true }),
]);
await publish(results.flatMap(result => result.outputFiles));
