// Loads the app: the wasm-bindgen module and its wasm, named by Trunk in the
// attributes of this script's tag. A separate file (not an inline script) so
// that the page runs under a strict Content-Security-Policy.
const tag = document.querySelector('script[data-vn766-boot]');
const here = new URL('.', tag.src);
const bindings = await import(new URL(tag.dataset.js, here).href);
await bindings.default({ module_or_path: new URL(tag.dataset.wasm, here) });
