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
const inline = `<script type="module">
${glue}
const bytes = Uint8Array.from(atob(${JSON.stringify(wasm)}), (c) => c.charCodeAt(0));
// The workbook module, inline too: a module from a data: URL, its wasm as
// base64. As in boot.js, a trap (a damaged file) makes the next use start a
// fresh instance (the same data under another fragment).
let sheets = null;
let instances = 0;
const guarded = (m) => Object.fromEntries(Object.entries(m).filter(([, f]) => typeof f === 'function').map(([name, f]) => [name, (...args) => {
  try { return f(...args); } catch (e) { if (e instanceof WebAssembly.RuntimeError) sheets = null; throw e; }
}]));
globalThis.__vn766Sheets = () => (sheets ??= (async () => {
  const m = await import(${JSON.stringify('data:text/javascript;base64,' + read('sheets.js').toString('base64'))} + '#instance-' + instances++);
  await m.default({ module_or_path: Uint8Array.from(atob(${JSON.stringify(read('sheets_bg.wasm').toString('base64'))}), (c) => c.charCodeAt(0)) });
  return guarded(m);
})().catch((e) => { sheets = null; throw e; }));
await __wbg_init({ module_or_path: bytes });
document.documentElement.classList.remove('vn766-own-view');
globalThis.__vn766 = { dom_id, crash_for_test };
</script>`;
if (!/__wbg_init as default/.test(glue)) throw new Error('unexpected wasm-bindgen output: no __wbg_init');
html = html.replace(boot[0], () => inline);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, html);
console.log(`single-file: ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
