// `make single-file`: one HTML file with the wasm, JavaScript, CSS and data
// inlined, that works opened straight from disk (file://): for trainers to
// copy to a USB stick or send by email.
// Usage: node src/build/single-file.mjs <dist> <output.html>
import fs from 'node:fs';
import path from 'node:path';

const [dist = 'dist', out = 'dist-single/vn766.html'] = process.argv.slice(2);
let html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const read = (f) => fs.readFileSync(path.join(dist, f));
const attr = (tag, name) => (tag.match(new RegExp(`${name}="([^"]*)"`)) ?? [])[1];

// The stylesheet, inline.
html = html.replace(/<link rel="stylesheet" href="\.\/([^"]+)"[^>]*>/, (_, f) => `<style>\n${read(f)}\n</style>`);
// The icon, as a data URL.
html = html.replace(/<link rel="icon" href="\.\/([^"]+)"[^>]*>/, (_, f) =>
  `<link rel="icon" href="data:image/svg+xml;base64,${read(f).toString('base64')}">`);
// The early check (which hides the prerendered default view for a link or
// saved work), inline: one file has no other file to load.
html = html.replace(/<script src="\.\/early\.js"><\/script>/, () => `<script>\n${read('early.js')}\n</script>`);
// Preloads make no sense without files.
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
// The loader: the wasm-bindgen module inline, the wasm as base64.
const boot = html.match(/<script type="module" src="\.\/boot\.js"[^>]*><\/script>/);
if (!boot) throw new Error('no boot script in index.html');
const glue = read(attr(boot[0], 'data-js')).toString('utf8');
const wasm = read(attr(boot[0], 'data-wasm')).toString('base64');
// The worker's source: the module's glue, its wasm, and the handler of
// sheets-worker.js.
function sheetsWorkerSource() {
  const worker = read('sheets-worker.js').toString('utf8');
  const marker = worker.indexOf('// -- handler');
  if (marker < 0) throw new Error('sheets-worker.js: no handler marker');
  const glue = read('sheets.js').toString('utf8');
  if (!/__wbg_init as default/.test(glue)) throw new Error('unexpected wasm-bindgen output in sheets.js: no __wbg_init');
  const exports = [...glue.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  // A classic worker (a module worker from a blob does not start in a page
  // opened from disk): the glue without its exports and import.meta.
  const classic = glue.replace(/^export function /gm, 'function ').replace(/^export \{[^}]*\};?[ \t]*$/gm, '')
    .replace(/import\.meta\.url/g, 'self.location.href');
  if (/^export |import\.meta/m.test(classic)) throw new Error('sheets.js: an export or import.meta left for the classic worker');
  return `${classic}
const sheets = { ${exports.join(', ')} };
const ready = __wbg_init({ module_or_path: Uint8Array.from(atob(${JSON.stringify(read('sheets_bg.wasm').toString('base64'))}), (c) => c.charCodeAt(0)) });
${worker.slice(marker)}`;
}
// Every file of the shipped data directory (dist/data), by its path.
function dataFiles() {
  const files = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(path.join(dist, d), { withFileTypes: true })) {
      const rel = `${d}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (!/\.(br|gz)$/.test(e.name)) files[rel] = read(rel).toString('utf8');
    }
  };
  if (fs.existsSync(path.join(dist, 'data'))) walk('data');
  return files;
}
const inline = `<script type="module">
${glue}
const bytes = Uint8Array.from(atob(${JSON.stringify(wasm)}), (c) => c.charCodeAt(0));
// The workbook module, inline too: its worker made from a blob of the
// module's glue, its wasm as base64 and the worker's handler.
${read('sheets-client.js').toString('utf8').replace('export function sheetsClient', 'function sheetsClient')}
const sheetsWorker = ${JSON.stringify(sheetsWorkerSource())};
let sheets = null;
globalThis.__vn766Sheets = {
  call(name, args) {
    sheets ??= sheetsClient(() => new Worker(URL.createObjectURL(new Blob([sheetsWorker], { type: 'text/javascript' }))));
    return sheets.call(name, args);
  },
  workers: () => sheets?.started() ?? 0,
};
// The shipped data directory, carried whole: the app reads data/… from here.
globalThis.__vn766Files = Object.fromEntries(Object.entries(${JSON.stringify(dataFiles())}).map(([f, text]) => [new URL(f, location.href).href, text]));
await __wbg_init({ module_or_path: bytes });
document.documentElement.classList.remove('vn766-own-view');
globalThis.__vn766 = { dom_id, crash_for_test };
</script>`;
if (!/__wbg_init as default/.test(glue)) throw new Error('unexpected wasm-bindgen output: no __wbg_init');
html = html.replace(boot[0], () => inline);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, html);
console.log(`single-file: ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
