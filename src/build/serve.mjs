// `make serve`, and the tests: a static file server for a build (dist/) that
// serves the precompressed copies written by precompress.mjs: FILE.br when
// the request accepts br, else FILE.gz when it accepts gzip, else FILE;
// always with the original
// file's Content-Type, `Vary: Accept-Encoding` on anything that has a
// compressed copy, an ETag per representation (304 on If-None-Match), and
// long-lived caching only for Trunk's content-hashed names. Node only, no
// packages. Loopback by default.
//
//   node serve.mjs [--dir dist] [--port 8766] [--host 127.0.0.1] [--prefix /]
//   import { serve } from './serve.mjs'; const s = await serve('dist', { port: 0 });
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};
// Trunk's cache-busting names: name-<16 hex>.ext or name-<16 hex>_bg.wasm.
const HASHED = /-[0-9a-f]{10,16}(_bg)?\.[a-z]+$/;

/** Encodings the request accepts, by the client's preference (q > 0). */
export function accepted(header = '') {
  const out = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    out.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (e) => (out.has(e) ? out.get(e) > 0 : out.has('*') && out.get('*') > 0);
  return ['br', 'gzip'].filter(ok);
}

/** Serves `root`; `compress: false` sends every file as it is (as a server
 * without compression would). */
export async function serve(root, { port = 0, host = '127.0.0.1', prefix = '/', headers = {}, log = false, compress = true } = {}) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    const done = (status, head = {}, body) => {
      res.writeHead(status, head);
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) console.log(`${status} ${req.method} ${req.url} ${head['content-encoding'] ?? ''}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return done(405, { allow: 'GET, HEAD' }, 'method not allowed');
    let rel;
    try {
      const url = new URL(req.url, 'http://x');
      if (!url.pathname.startsWith(prefix)) return done(404, {}, 'not found');
      rel = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return done(400, {}, 'bad request');
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize('/' + rel));
    if (!file.startsWith(root + path.sep)) return done(404, {}, 'not found');
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return done(404, {}, 'not found');
    }
    if (!stat.isFile()) return done(404, {}, 'not found');
    // The representation: the first accepted encoding that has a copy.
    let chosen = file, encoding = null, compressible = false;
    for (const [enc, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      if (fs.existsSync(file + suffix)) compressible = true;
    }
    for (const enc of compress ? accepted(req.headers['accept-encoding']) : []) {
      const candidate = file + (enc === 'br' ? '.br' : '.gz');
      if (fs.existsSync(candidate)) { chosen = candidate; encoding = enc; break; }
    }
    const cstat = chosen === file ? stat : fs.statSync(chosen);
    const etag = `"${cstat.size.toString(16)}-${Math.floor(cstat.mtimeMs).toString(16)}${encoding ? '-' + encoding : ''}"`;
    const head = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      ...(compressible ? { vary: 'Accept-Encoding' } : {}),
      ...(encoding ? { 'content-encoding': encoding } : {}),
      ...headers,
    };
    if (req.headers['if-none-match'] === etag) return done(304, head);
    head['content-length'] = cstat.size;
    done(200, head, fs.readFileSync(chosen));
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}${prefix}`,
    port: actual,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const s = await serve(arg('dir', 'dist'), {
    port: Number(arg('port', 8766)), host: arg('host', '127.0.0.1'), prefix: arg('prefix', '/'), log: process.argv.includes('--log'),
  });
  console.log(`serving ${arg('dir', 'dist')} on ${s.url} (compressed copies when present; Ctrl-C to stop)`);
}
