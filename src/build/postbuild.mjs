// Trunk post-build hook, in Trunk's staging directory. Trunk 0.21 starts all
// hooks of a stage at once, so this one hook runs the steps in order:
// 1. the default view prerendered into index.html (src/bin/prerender.rs),
//    and the quick-start module preloaded before the app's wasm;
// 2. the service worker, with the list of every file of the build and a
//    version derived from their contents, stamped into boot.js;
// 3. a .br and .gz copy of each file (precompress.mjs), for servers that
//    send them (`make serve` does).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set');
execFileSync('cargo', ['run', '--quiet', '--features', 'prerender', '--bin', 'prerender', '--', dir], { stdio: 'inherit' });
// The quick start (boot.js): its module is preloaded; the app's wasm is
// requested by boot.js, a round trip later, so that on a slow connection
// its bytes mostly follow the quick module's (Trunk's preload of the app's
// wasm is taken out).
{
  const index = path.join(dir, 'index.html');
  let html = fs.readFileSync(index, 'utf8');
  const boot = '<script type="module" src="./boot.js" data-vn766-boot';
  if (!html.includes(boot) || !fs.existsSync(path.join(dir, 'quick_bg.wasm'))) throw new Error('postbuild: no boot script or quick module');
  const appWasm = /<link rel="preload" href="\.\/[^"]+_bg\.wasm"[^>]*>/;
  if (!appWasm.test(html)) throw new Error("postbuild: Trunk's preload of the app's wasm was not found");
  html = html.replace(appWasm, '').replace(boot, () =>
    '<link rel="modulepreload" href="./quick.js" crossorigin="anonymous">\n    ' +
    '<link rel="preload" href="./quick_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">\n    ' +
    `${boot} data-quick-js="./quick.js" data-quick-wasm="./quick_bg.wasm"`);
  fs.writeFileSync(index, html);
}
const files = fs.readdirSync(dir)
  .filter((f) => !f.startsWith('.') && f !== 'sw.js' && !/\.(br|gz)$/.test(f) && fs.statSync(path.join(dir, f)).isFile())
  .sort();
const hash = crypto.createHash('sha256');
for (const f of files) {
  if (f === 'boot.js') continue; // stamped below
  hash.update(f).update(fs.readFileSync(path.join(dir, f)));
}
const version = hash.digest('hex').slice(0, 12);
const assets = ['./', ...files.map((f) => `./${f}`)];
const template = fs.readFileSync(new URL('../web/sw.js', import.meta.url), 'utf8');
fs.writeFileSync(
  path.join(dir, 'sw.js'),
  template.replace("'__VN766_VERSION__'", JSON.stringify(version)).replace('__VN766_ASSETS__', JSON.stringify(assets, null, 2)),
);
// The canonical address (where shared links point), when the build sets one.
const canonical = process.env.VN766_CANONICAL_URL;
if (canonical) {
  if (!/^https?:\/\/[^"<>\s]+$/.test(canonical)) throw new Error(`VN766_CANONICAL_URL is not a URL: ${canonical}`);
  const index = path.join(dir, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('</title>', `</title>\n    <link rel="canonical" href="${canonical}">`));
}
// The host's current table or data directory (`?data=` by default), when
// the build names one; else the shipped directory (copied to data/).
// The shipped directory is marked: it ranks nothing at start (the shipped
// table still does), so the prerendered view stays shown (src/web/early.js).
const shipped = !process.env.VN766_DATA_URL;
const data = process.env.VN766_DATA_URL || (fs.existsSync(path.join(dir, 'data', 'index.json')) ? 'data/index.json' : '');
if (data) {
  if (!/^(https?:\/\/|\.?\/|[\w-])[^"<>\s]*$/.test(data) || /^[a-z]+:(?!\/\/)/i.test(data)) throw new Error(`VN766_DATA_URL is not an address: ${data}`);
  const index = path.join(dir, 'index.html');
  const meta = `<meta name="vn766-data" content="${data}"${shipped ? ' data-shipped' : ''}>`;
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('</title>', `</title>\n    ${meta}`));
}
const boot = path.join(dir, 'boot.js');
fs.writeFileSync(boot, fs.readFileSync(boot, 'utf8').replace("'__VN766_VERSION__'", JSON.stringify(version)));
console.log(`postbuild: sw.js precaches ${assets.length} entries, version ${version}${canonical ? `, canonical ${canonical}` : ''}`);
execFileSync(process.execPath, [new URL('./precompress.mjs', import.meta.url).pathname, dir], { stdio: 'inherit' });
