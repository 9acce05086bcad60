// The page's side of the workbook module's worker (sheets-worker.js):
// `call(name, args)` runs an export of the module there and resolves with
// its value. A call that stops the module (a wasm trap on a damaged file) or
// takes longer than LIMIT_MS ends the worker; its error has `stopped` set,
// and the next call starts a fresh worker. Loaded on first use by boot.js
// (inlined by the single-file build).
const LIMIT_MS = 60000;

export function sheetsClient(newWorker) {
  let worker = null;
  let next = 0;
  let started = 0;
  const calls = new Map();
  const stopped = (why) => Object.assign(new Error(why), { stopped: true });
  const end = (error) => {
    worker?.terminate();
    worker = null;
    for (const c of calls.values()) { clearTimeout(c.timer); c.reject(error); }
    calls.clear();
  };
  const start = () => {
    started++;
    const w = newWorker();
    w.onmessage = ({ data }) => {
      const c = calls.get(data.id);
      if (!c) return;
      calls.delete(data.id);
      clearTimeout(c.timer);
      if (!('error' in data)) return c.resolve(data.value);
      const error = Object.assign(new Error(data.error), { stopped: data.stopped });
      if (data.stopped) end(error);
      c.reject(error);
    };
    // The worker or the module could not load (offline on a first visit).
    w.onerror = (e) => { e.preventDefault(); end(new Error(e.message || 'the workbook module did not load')); };
    return w;
  };
  return {
    /** How many workers were started (the tests read it). */
    started: () => started,
    call(name, args) {
      worker ??= start();
      const w = worker;
      return new Promise((resolve, reject) => {
        const id = next++;
        const timer = setTimeout(() => { if (worker === w) end(stopped('too long')); }, LIMIT_MS);
        calls.set(id, { resolve, reject, timer });
        w.postMessage({ id, name, args });
      });
    },
  };
}
