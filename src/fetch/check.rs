//! Every unit of a fetched table scored by the engine from its counts and
//! compared with the portal's published group scores and total. A mismatch
//! is reported, never hidden or "fixed".

use std::collections::BTreeMap;

use crate::engine::{evaluate, format, profiles, reference, Cents};

/// One published figure the engine does not reproduce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub code: String,
    pub name: String,
    /// A group code, or `total`.
    pub what: String,
    pub computed: Option<Cents>,
    pub published: Option<Cents>,
}

/// What a table's check found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub units: usize,
    /// Per group (and `total`): (reproduced, compared).
    pub groups: BTreeMap<String, (usize, usize)>,
    pub mismatches: Vec<Mismatch>,
    /// The groups every unit carries all the counts of.
    pub counted: Vec<String>,
}

impl Report {
    /// "CKMB 6/6; ONLINE 5/6: H44.07 (computed 8,12, published 8,13)".
    pub fn line(&self) -> String {
        // In the portal's order of the groups, then the total.
        let method = profiles::default_profile();
        let order = method.groups.iter().map(|g| g.id.as_str()).chain(std::iter::once("total"));
        let parts: Vec<String> = order
            .filter_map(|g| self.groups.get_key_value(g))
            .map(|(g, (ok, n))| {
                let misses: Vec<String> = self
                    .mismatches
                    .iter()
                    .filter(|m| &m.what == g)
                    .take(3)
                    .map(|m| format!("{} ({} computed, {} published)", m.code, show(m.computed), show(m.published)))
                    .collect();
                let more = self.mismatches.iter().filter(|m| &m.what == g).count().saturating_sub(3);
                let tail = match (misses.is_empty(), more) {
                    (true, _) => String::new(),
                    (false, 0) => format!(": {}", misses.join(", ")),
                    (false, n) => format!(": {} and {n} more", misses.join(", ")),
                };
                format!("{g} {ok}/{n} reproduced{tail}")
            })
            .collect();
        if parts.is_empty() {
            return "published scores only (no counts to check)".into();
        }
        parts.join("; ")
    }
}

fn show(c: Option<Cents>) -> String {
    c.map(format::plain_cents).unwrap_or_else(|| "none".into())
}

/// Checks a table in the reference CSV format.
pub fn check(csv: &str) -> Result<Report, String> {
    let method = profiles::default_profile();
    let table = reference::read_csv(csv.as_bytes()).map_err(|e| e.to_string())?;
    let mut report = Report { units: table.units.len(), ..Report::default() };
    let mut counted: Vec<bool> = vec![!table.units.is_empty(); method.groups.len()];
    for unit in &table.units {
        let inputs = unit.inputs(method);
        let ev = evaluate(method, &inputs);
        let mut all_computed = true;
        for (g, group) in method.groups.iter().enumerate() {
            if inputs.anchors[g].is_some() {
                all_computed = false;
                counted[g] = false;
                continue;
            }
            let published = unit.published.group(method, g);
            let entry = report.groups.entry(group.id.clone()).or_default();
            entry.1 += 1;
            if ev.groups[g].score == published && published.is_some() {
                entry.0 += 1;
            } else {
                report.mismatches.push(Mismatch {
                    code: unit.code.clone(),
                    name: unit.name.clone(),
                    what: group.id.clone(),
                    computed: ev.groups[g].score,
                    published,
                });
            }
        }
        if all_computed {
            let entry = report.groups.entry("total".into()).or_default();
            entry.1 += 1;
            if ev.total == unit.published.total && ev.total.is_some() {
                entry.0 += 1;
            } else {
                report.mismatches.push(Mismatch {
                    code: unit.code.clone(),
                    name: unit.name.clone(),
                    what: "total".into(),
                    computed: ev.total,
                    published: unit.published.total,
                });
            }
        }
    }
    report.counted = method.groups.iter().zip(&counted).filter(|(_, c)| **c).map(|(g, _)| g.id.clone()).collect();
    Ok(report)
}

/// The mismatches as a CSV file: `code,name,what,computed,published`.
pub fn mismatches_csv(report: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["code", "name", "what", "computed", "published"]);
    for m in &report.mismatches {
        let _ =
            w.write_record([m.code.as_str(), m.name.as_str(), m.what.as_str(), &show(m.computed), &show(m.published)]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
