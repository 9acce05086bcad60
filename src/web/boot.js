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
const prerendered = document.getElementById('prerendered');

// The prerendered page's fields that differ from what was prerendered, as
// [id, text] pairs: what the quick start scores and the app takes over.
const typedFields = () => [...prerendered.querySelectorAll('input[id], textarea[id]')]
  .filter((el) => el.type !== 'file' && el.value !== el.defaultValue)
  .map((el) => [el.id, el.value]);

// The quick start (src/quick.rs, src/bin/quick.rs): when the prerendered
// page is the one shown, a small module (the engine and the page's view,
// without Yew) arrives first and scores each edit there, writing the new
// figures into the page, until the app replaces it. Only the quick
// module is preloaded: the app's wasm is requested here, a round trip
// later, so that on a slow connection its bytes mostly follow the quick
// module's instead of sharing the line with them from the start.
async function quickStart() {
  const quick = await import(new URL(tag.dataset.quickJs, here).href);
  await quick.default({ module_or_path: fetch(new URL(tag.dataset.quickWasm, here)) });
  const answer = () => {
    if (!prerendered.isConnected) return;
    const out = quick.answer(typedFields().flat());
    for (let i = 0; i + 2 < out.length; i += 3) {
      const [selector, what, value] = [out[i], out[i + 1], out[i + 2]];
      const el = prerendered.querySelector(selector);
      if (!el) continue;
      if (what === 'text') {
        if (el.textContent !== value) el.textContent = value;
      } else if (what === 'width') {
        el.setAttribute('width', value);
      } else if (what === 'color') {
        // Through the CSSOM, which the strict Content-Security-Policy allows.
        if (value) el.style.setProperty('background-color', value);
        else el.style.removeProperty('background-color');
        el.classList.toggle('none', !value);
      } else if (what === 'invalid') {
        el.setAttribute('aria-invalid', value ? 'true' : 'false');
      }
    }
  };
  prerendered.addEventListener('input', answer);
  if (typedFields().length) answer(); // what was typed while the module loaded
  document.documentElement.dataset.quick = 'ready';
}
const appWasm = fetch(new URL(tag.dataset.wasm, here));
// Not for a page the service worker serves (a later visit): the app's
// files are then on the device and the quick start would only add work.
const local = 'serviceWorker' in navigator && navigator.serviceWorker.controller;
if (prerendered && tag.dataset.quickJs && !local && !document.documentElement.classList.contains('vn766-own-view')) {
  // Not awaited: the app never waits for it (when the app is up first,
  // the quick start finds the prerendered page gone and does nothing).
  quickStart().catch((e) => console.warn('quick start:', e));
}
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
// The wasm compiled first, so that what was typed into the prerendered
// page is read at the last moment before the app replaces that page; the
// app then gets it back.
const wasm = await WebAssembly.compileStreaming(appWasm);
const typed = prerendered ? typedFields() : [];
const active = document.activeElement?.closest('#prerendered') ? document.activeElement : null;
const caret = (() => { try { return active && [active.selectionStart, active.selectionEnd]; } catch (_) { return null; } })();
// The app's first frame already shows it (src/app/embed.rs); the fields
// are filled and their input events sent below as well, as a user's.
globalThis.__vn766Typed = typed.flat();
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
