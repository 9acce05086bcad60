// Loads the app: the wasm-bindgen module and its wasm, named by Trunk in the
// attributes of this script's tag. A separate file (not an inline script) so
// that the page runs under a strict Content-Security-Policy. Also notes when
// the app was updated, carries over what was typed into the prerendered page,
// and registers the service worker (offline use) once the app is up.
const VERSION = '__VN766_VERSION__';
try {
  const previous = localStorage.getItem('vn766.version');
  localStorage.setItem('vn766.version', VERSION);
  // The app reads this flag to say "updated" once.
  globalThis.__vn766Updated = previous !== null && previous !== VERSION;
} catch (_) {
  // No storage (a third-party frame, a private window): nothing to compare.
}
const tag = document.querySelector('script[data-vn766-boot]');
const here = new URL('.', tag.src);
const bindings = await import(new URL(tag.dataset.js, here).href);
// The workbook module (src/bin/sheets.rs), in a worker started the first
// time a workbook is exported or imported (sheets-client.js,
// sheets-worker.js): nothing of it loads before, and a large or damaged
// workbook never freezes the page.
let sheets = null;
globalThis.__vn766Sheets = {
  async call(name, args) {
    sheets ??= import(new URL('./sheets-client.js', here).href)
      .then((m) => m.sheetsClient(() => new Worker(new URL('./sheets-worker.js', here), { type: 'module' })))
      .catch((e) => { sheets = null; throw e; });
    return (await sheets).call(name, args);
  },
  async workers() { return sheets ? (await sheets).started() : 0; },
};
// The wasm compiled first (the request Trunk's preload started), so that what
// was typed into the prerendered page is read at the last moment before the
// app replaces that page; the app then gets it back.
const wasm = await WebAssembly.compileStreaming(fetch(new URL(tag.dataset.wasm, here)));
const typed = [...document.querySelectorAll('#prerendered input[id], #prerendered textarea[id]')]
  .filter((el) => el.type !== 'file' && el.value !== el.defaultValue)
  .map((el) => [el.id, el.value]);
const active = document.activeElement?.closest('#prerendered') ? document.activeElement : null;
const caret = (() => { try { return active && [active.selectionStart, active.selectionEnd]; } catch (_) { return null; } })();
await bindings.default({ module_or_path: wasm });
document.documentElement.classList.remove('vn766-own-view');
if (typed.length || active) {
  await new Promise((r) => setTimeout(r, 0)); // the first render is done
  for (const [id, value] of typed) {
    const el = document.getElementById(id);
    if (!el) continue;
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
  const el = active?.id && document.getElementById(active.id);
  if (el) {
    el.focus();
    try { if (caret) el.setSelectionRange(caret[0], caret[1]); } catch (_) { /* not a text field */ }
  }
}
// The page's element ids by the app's own rule, for the end-to-end tests.
globalThis.__vn766 = { dom_id: bindings.dom_id, crash_for_test: bindings.crash_for_test };
// The service worker precaches the whole build: registered once the app is
// up, so that on a first visit its downloads do not compete with the app's.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}
