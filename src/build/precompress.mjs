// Writes FILE.br and FILE.gz next to every compressible file of a build
// (html, js, mjs, css, wasm, svg, json, csv, webmanifest), at the strongest
// settings: brotli quality 11 with the right mode (text or generic), gzip
// level 9. A compressed copy that is not smaller than the original is not
// written (and an old one is removed). Only Node's own zlib: nothing to
// install. Usage: node precompress.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.csv', '.webmanifest', '.txt']);
const BINARY = new Set(['.wasm']);

function* walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

let raw = 0, br = 0, gz = 0;
for (const file of walk(dir)) {
  const ext = path.extname(file);
  if (!TEXT.has(ext) && !BINARY.has(ext)) continue;
  const body = fs.readFileSync(file);
  const outputs = {
    '.br': zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: TEXT.has(ext) ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    '.gz': zlib.gzipSync(body, { level: 9 }),
  };
  for (const [suffix, data] of Object.entries(outputs)) {
    const out = file + suffix;
    if (data.length < body.length) fs.writeFileSync(out, data);
    else fs.rmSync(out, { force: true });
  }
  raw += body.length; br += outputs['.br'].length; gz += outputs['.gz'].length;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`precompress: ${dir}: ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli`);
