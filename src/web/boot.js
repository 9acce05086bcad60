// Loads the app: the wasm-bindgen module and its wasm, named by Trunk in the
// attributes of this script's tag. A separate file (not an inline script) so
// that the page runs under a strict Content-Security-Policy. Also registers
// the service worker (offline use) and notes when the app was updated.
const VERSION = '__VN766_VERSION__';
try {
  const previous = localStorage.getItem('vn766.version');
  localStorage.setItem('vn766.version', VERSION);
  // The app reads this flag to say "updated" once.
  globalThis.__vn766Updated = previous !== null && previous !== VERSION;
} catch (_) {
  // No storage (a third-party frame, a private window): nothing to compare.
}
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}
const tag = document.querySelector('script[data-vn766-boot]');
const here = new URL('.', tag.src);
const bindings = await import(new URL(tag.dataset.js, here).href);
await bindings.default({ module_or_path: new URL(tag.dataset.wasm, here) });
// The page's element ids by the app's own rule, for the end-to-end tests.
globalThis.__vn766 = { dom_id: bindings.dom_id, crash_for_test: bindings.crash_for_test };
