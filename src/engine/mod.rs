//! The 766 scoring engine: pure Rust, no web dependencies. It compiles
//! natively (tests, the `score` command, benchmarks) and for wasm32 (the app).
//!
//! - [`method`]: the methodology as data (files in `methodology/`), checked.
//! - [`inputs`]: numbers and typed text in, with errors that name the field.
//! - [`score`]: points, group scores, total and band.
//! - [`rank`]: hypothetical ranks against a reference table.
//! - [`reference`]: reference tables from CSV.
//! - [`import`]: reference tables from the portal's JSON, our CSV or a pasted
//!   table, with the problems of each row.
//! - [`explain`], [`format`], [`i18n`]: what the user reads, in either language.
//! - [`sort`]: the one stable sort the crate uses (small wasm).

pub mod batch;
pub mod exact;
pub mod explain;
pub mod format;
pub mod i18n;
pub mod import;
pub mod inputs;
pub mod lp;
pub mod method;
pub mod number;
pub mod plan;
pub mod profiles;
pub mod rank;
pub mod reference;
pub mod rounding;
pub mod score;
pub mod sort;

pub use exact::Frac;
pub use i18n::{Lang, Text};
pub use inputs::{Draft, Field, FieldIssue, InputError, Inputs, RateInput};
pub use method::{Cents, Confidence, Methodology};
pub use rank::{Rank, RankTable};
pub use reference::{Table, Unit};
pub use score::{assess, assess_against, evaluate, Assessment, Evaluation, Outcome, Remainder};
