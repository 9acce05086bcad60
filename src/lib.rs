//! The 766 what-if calculator: the national public-service index scored in
//! the browser, from the methodology as data.
//!
//! # Map
//!
//! Layers point down only: `app` → [`derive`](mod@derive) → [`view`] → [`session`] →
//! [`engine`]. Everything but `app` is pure Rust with no web dependency and
//! is tested natively.
//!
//! | Module | What it holds |
//! |---|---|
//! | [`engine`] | The scoring engine: the methodology files (`methodology/*.toml`) compiled and checked ([`engine::method`]), typed inputs ([`engine::inputs`]), points and group scores ([`engine::score`], rounding in [`engine::rounding`] and [`engine::exact`]), rank ([`engine::rank`]), the goal planner ([`engine::plan`]), reference tables read as numbers ([`engine::reference`](mod@engine::reference)) and the portal's own files ([`engine::import`]). |
//! | [`catalog`] | The reference tables a session knows: the shipped one and the imported ones. |
//! | [`session`] | The model: what the user chose and typed, and the actions that change it (`Session::apply`). |
//! | [`view`] | What the page shows, as plain data in the user's language: page, targets, comparison, history, batch; and [`view::ids`], the one rule for DOM ids. |
//! | [`derive`](mod@derive) | One derivation of the whole page from the session, with its caches inside. |
//! | [`codec`] | The session written down: the versioned schema for storage, files and links, and its upgrades. |
//! | [`library`] | Saved sessions in the browser: save, fork on conflict, open a link without overwriting. |
//! | [`history`] | A unit's scores over periods and their chart. |
//! | `workbook` | Feature `workbook`: Excel workbooks written (rust_xlsxwriter) and read (calamine), for the `score` command and the app's workbook module. |
//! | [`text`] | The text catalogue (`src/text/vi.toml`, `src/text/en.toml`): every user-facing string. |
//! | `app` | Feature `web` (the wasm build, and the build-time prerender): the Yew shell. Components lay out [`Derived`](derive::Derived); side effects (storage, address bar, clipboard, files) live in a few small modules. |
//!
//! The `score` binary (`src/bin/score.rs`) scores a CSV table from the command
//! line with the same engine.

pub mod catalog;
pub mod codec;
pub mod derive;
pub mod directory;
pub mod engine;
#[cfg(all(feature = "fetch", not(target_arch = "wasm32")))]
pub mod fetch;
pub mod history;
pub mod library;
pub mod quick;
pub mod session;
pub mod text;
pub mod view;
#[cfg(feature = "workbook")]
pub mod workbook;

#[cfg(feature = "web")]
pub mod app;
