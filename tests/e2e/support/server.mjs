// The tests serve the build as `make serve` does (src/build/serve.mjs): the
// precompressed copies when the browser accepts them, so the tests and the
// figures of `make bench` see what a host's web server would send.
export { serve } from '../../../src/build/serve.mjs';
