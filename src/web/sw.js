// Service worker: precaches every file of the build (the list and the
// version are written by src/build/postbuild.mjs), so that after one visit
// the app works without a network. Pages come from the network when there is
// one (an update is picked up on the next visit) and from the cache when not.
const VERSION = '__VN766_VERSION__';
const ASSETS = __VN766_ASSETS__;
const CACHE = `vn766-${VERSION}`;
// A host's data directory (index.json, units.json, tables and series):
// fresh when online, kept for offline use in a cache of its own that a new
// version of the app does not remove.
const DATA = 'vn766data';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('vn766-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // A data directory's files, from this origin or a host's (CORS).
  if (/\.(json|csv)$/.test(url.pathname) && !(url.origin === self.location.origin && ASSETS.some((a) => url.pathname.endsWith(a.replace(/^\.\//, '/'))))) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(DATA).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.open(DATA).then((cache) => cache.match(request)).then((hit) => hit || Response.error())),
    );
    return;
  }
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page: fresh when online, cached when not (query and fragment ignored).
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match('./index.html'))),
    );
    return;
  }
  // Files of the build have content hashes in their names: cache first.
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
});
