# The 766 calculator. Two commands for a new user:
#   make serve   build the app and serve it on http://127.0.0.1:8766/
#   make test    install what is missing, then run every check and test
# Both install what they need (and skip what is already there).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_TARGETS := number link csv import methodology scenario_file draft
FUZZ := cargo fuzz run --fuzz-dir tests/fuzz --sanitizer none
# Each run: 5 s per input at most, 2 GB of memory, 512 MB per allocation.
FUZZ_LIMITS := -timeout=5 -rss_limit_mb=2048 -malloc_limit_mb=512
# wasm-bindgen-cli must be the exact version of wasm-bindgen in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
PORT ?= 8766
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver
ARTIFACTS := $(CURDIR)/artifacts
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help serve test build single-file fuzz fuzz-smoke fuzz-workbook tools-fuzz tools tools-build tools-browser fmt-check clippy test-native \
        test-browser test-e2e size bench check-fresh check screens fetch-demo data-directory

help:
	@echo "make serve   build the app and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make test    install what is missing and run every check and test"
	@echo "make bench   print the engine's speed figures"
	@echo "make check   quick loop: fmt, clippy, native tests (under a minute warm)"
	@echo "make single-file   one HTML file for use offline from disk (dist-single/vn766.html)"

# --- tools ------------------------------------------------------------------

tools-build:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  cargo install --locked wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) \
	    || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi
	@if [ "$$(trunk --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then \
	  echo "installing trunk $(TRUNK_VERSION) (a few minutes)"; \
	  cargo install --locked trunk@$(TRUNK_VERSION) || cargo install trunk@$(TRUNK_VERSION); \
	fi
	@if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; \
	fi
	@cargo fetch --quiet

# Chromium and its driver for browser tests; poppler-utils (pdfinfo,
# pdftotext, pdftoppm) to check the printed report.
tools-browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/pdfinfo ]; then \
	  echo "installing Debian's chromium, chromium-driver and poppler-utils"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium chromium-driver poppler-utils; \
	fi

tools-fuzz:
	@if [ "$$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $(CARGO_FUZZ_VERSION)" ]; then \
	  echo "installing cargo-fuzz $(CARGO_FUZZ_VERSION)"; \
	  cargo install --locked cargo-fuzz --version $(CARGO_FUZZ_VERSION) || cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION); \
	fi

tools: tools-build tools-browser tools-fuzz

# --- build and serve --------------------------------------------------------

# VN766_CANONICAL_URL (optional): the address shared links and embeds point
# to, written into the page as <link rel="canonical">.
build: tools-build
	trunk build --release

# One HTML file that works from disk (file://): dist-single/vn766.html
single-file: build
	node src/build/single-file.mjs dist dist-single/vn766.html

serve: build
	node src/build/serve.mjs --dir dist --port $(PORT)

# --- checks and tests -------------------------------------------------------

# The quick loop (under a minute when warm): format, lints, native tests.
check: tools-build fmt-check
	cargo clippy --all-targets -- -D warnings
	cargo test --lib --bins --tests --quiet

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --features web --lib --bin vn766 --test browser -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --features sheets --bin sheets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --features quick --bin quick -- -D warnings
	cargo clippy --features prerender --bin prerender -- -D warnings

test-native:
	cargo test --lib --bins --tests -- --show-output

# Component tests in headless Chromium (wasm-bindgen-test-runner + chromedriver).
test-browser:
	cargo test --target wasm32-unknown-unknown --no-default-features --features web --test browser

size:
	@node tests/e2e/size.mjs dist

# The end-to-end tests run against a build with a canonical address set.
test: export VN766_CANONICAL_URL ?= https://chiso766.example.vn/

test-e2e:
	@mkdir -p $(ARTIFACTS)
	ARTIFACTS=$(ARTIFACTS) node --test --test-reporter=spec tests/e2e/*.test.mjs

test: tools fmt-check clippy test-native test-browser fuzz-smoke build single-file size test-e2e
	@echo "make test: all checks passed"

# A fetch run against the replay server of the tests (the portal's
# recorded answers for Phú Thọ): prints what a host sees, writes
# artifacts/fetch-demo/.
fetch-demo:
	cargo test --test fetch demo -- --ignored --nocapture --test-threads 1

# The shipped data directory (data/directory) converted anew from the
# public captures in data/captures (their README); a test checks that what
# is committed is exactly this conversion.
data-directory:
	rm -rf data/directory.new
	cargo run --release --bin vn766-fetch -- --from-captures data/captures --out data/directory.new
	rm -rf data/directory && mv data/directory.new data/directory

# Screenshots to look at (vi and en, 1280 and 360 px; the first screen and
# the whole page) in artifacts/screen-*.png, from the current build.
screens: tools build tools-browser
	@mkdir -p $(ARTIFACTS)
	ARTIFACTS=$(ARTIFACTS) node tests/e2e/screens.mjs

# Speed figures: the engine natively, then the release build in headless
# Chromium (engine per unit and its ratio to native, keystroke to DOM, first
# load, a 5 000-unit batch, bundle size).
bench: tools build
	@mkdir -p $(ARTIFACTS)
	cargo bench --bench engine | tee $(ARTIFACTS)/bench-native.txt
	ARTIFACTS=$(ARTIFACTS) node tests/e2e/bench.mjs $(ARTIFACTS)/bench-native.txt

# Fuzzing (libFuzzer through cargo-fuzz, stable Rust): the seeds in
# tests/fuzz/corpus/<target> are read, new inputs go to target/fuzz-corpus.
fuzz-smoke: tools-fuzz
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/fuzz-corpus/$$t; \
	  echo "fuzz-smoke: $$t (5 s)"; \
	  $(FUZZ) $$t target/fuzz-corpus/$$t tests/fuzz/corpus/$$t -- $(FUZZ_LIMITS) -max_total_time=5 2>&1 | tail -n 1; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

# The workbook readers (calamine): by hand, as calamine aborts on some
# damaged .xls files (README, Hardening).
fuzz-workbook: tools-fuzz
	mkdir -p target/fuzz-corpus/workbook
	$(FUZZ) --features workbook workbook target/fuzz-corpus/workbook tests/fuzz/corpus/workbook -- $(FUZZ_LIMITS) -max_total_time=300

fuzz: tools-fuzz
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/fuzz-corpus/$$t; \
	  echo "fuzz: $$t (1 000 000 runs)"; \
	  $(FUZZ) $$t target/fuzz-corpus/$$t tests/fuzz/corpus/$$t -- $(FUZZ_LIMITS) -runs=1000000 2>&1 | tail -n 2; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

# A clean clone runs .ci/run exactly as CI does.
check-fresh:
	d=$$(mktemp -d) && git clone -q . "$$d" && cd "$$d" && bash .ci/run
