// Service worker: precaches every file of the build (the list and the
// version are written by src/build/postbuild.mjs), so that after one visit
// the app works without a network. Pages come from the network when there is
// one (an update is picked up on the next visit) and from the cache when not.
const VERSION = '__VN766_VERSION__';
const ASSETS = __VN766_ASSETS__;
const CACHE = `vn766-${VERSION}`;

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
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
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
