// Trunk post-build hook: writes the service worker with the list of every
// file of the build and a version derived from their contents, and stamps
// that version into boot.js. Runs in Trunk's staging directory.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set');
const files = fs.readdirSync(dir).filter((f) => !f.startsWith('.') && f !== 'sw.js' && fs.statSync(path.join(dir, f)).isFile()).sort();
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
const boot = path.join(dir, 'boot.js');
fs.writeFileSync(boot, fs.readFileSync(boot, 'utf8').replace("'__VN766_VERSION__'", JSON.stringify(version)));
console.log(`postbuild: sw.js precaches ${assets.length} entries, version ${version}${canonical ? `, canonical ${canonical}` : ''}`);
