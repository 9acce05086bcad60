// The workbook module (src/bin/sheets.rs) runs here, off the page's thread:
// a large or damaged workbook never freezes the page, and one that stops the
// module (a wasm trap) or runs too long ends only this worker; the page
// starts another for the next file (sheets-client.js). Messages in:
// { id, name, args } (an export of the module and its arguments); out:
// { id, value } or { id, error, stopped }.
import init, * as sheets from './sheets.js';

const ready = init({ module_or_path: new URL('./sheets_bg.wasm', import.meta.url) });

// -- handler (the single-file build reuses what follows)
self.onmessage = async ({ data: { id, name, args } }) => {
  try {
    await ready;
    const value = sheets[name](...args);
    self.postMessage({ id, value }, value instanceof Uint8Array ? [value.buffer] : []);
  } catch (e) {
    self.postMessage({ id, error: String(e?.message ?? e), stopped: e instanceof WebAssembly.RuntimeError });
  }
};
