//! Version 1 of the schema: a single draft with short keys, as the first
//! release wrote it to links and storage; read and upgraded.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::{File, FORMAT};
use crate::engine::inputs::Draft;
use crate::engine::Lang;
use crate::history::History;
use crate::session::{GoalKind, Scenario, Targets};

/// Version 1: one draft, short keys, differences from the baseline.
#[derive(Deserialize)]
pub(super) struct V1 {
    pub(super) v: u32,
    l: Lang,
    p: String,
    t: String,
    #[serde(default)]
    u: Option<String>,
    #[serde(default)]
    c: BTreeMap<String, String>,
    #[serde(default)]
    r: BTreeMap<String, String>,
    #[serde(default)]
    rm: BTreeSet<String>,
    #[serde(default)]
    g: BTreeMap<String, String>,
    #[serde(default)]
    gm: BTreeSet<String>,
    #[serde(default)]
    tg: Option<V1Targets>,
}

#[derive(Deserialize)]
struct V1Targets {
    #[serde(default)]
    k: String,
    #[serde(default)]
    v: String,
    #[serde(default)]
    w: BTreeMap<String, String>,
    #[serde(default)]
    l: BTreeSet<String>,
}

/// Upgrades a version 1 session to the current schema.
pub(super) fn upgrade_v1(v1: V1) -> File {
    let kind = match v1.tg.as_ref().map(|t| t.k.as_str()) {
        Some("b") => GoalKind::Band,
        Some("r") => GoalKind::Rank,
        _ => GoalKind::Points,
    };
    let targets = v1.tg.map(|t| Targets { kind, value: t.v, weights: t.w, locks: t.l }).unwrap_or_default();
    File {
        format: FORMAT.into(),
        // Read as version 2 from here on (its drafts are upgraded likewise).
        version: 2,
        lang: v1.l,
        profile: v1.p,
        table: v1.t,
        unit: v1.u,
        current: Draft::default(),
        selected: 0,
        scenarios: vec![Scenario {
            name: crate::text::fill(crate::text::t(v1.l).scenario_numbered, &[("n", "1")]),
            draft: Draft {
                counts: v1.c,
                rates: v1.r,
                rate_mode: v1.rm,
                given: v1.g,
                given_mode: v1.gm,
                ..Draft::default()
            },
        }],
        targets,
        history: History::default(),
        relative: true,
        partial: false,
    }
}
