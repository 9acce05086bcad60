//! The unit picker's options and the reference tables' list.

use crate::engine::{format, i18n::fold};
use crate::session::Session;

#[derive(Clone, Debug, PartialEq)]
pub struct UnitOption {
    pub code: String,
    pub name: String,
    /// Name and code folded for searching.
    pub folded: String,
    /// "1. UBND tỉnh Đồng Tháp · 68,80"
    pub label: String,
    /// A unit of the data directory outside the reference table: the id
    /// (in the directory's index) of the table to read when it is chosen.
    pub open: Option<String>,
}

/// The units of the session's reference table, each kind together, in the
/// order of its published rank among its kind.
pub fn unit_options(session: &Session) -> Vec<UnitOption> {
    let lang = session.lang;
    let reference = session.reference();
    let table = &reference.table;
    let totals = table.published_totals();
    let kinds = table.kinds();
    let ranks = table.published_ranks();
    let mut options: Vec<(String, usize, UnitOption)> = table
        .units
        .iter()
        .zip(totals.iter().zip(ranks))
        .map(|(u, (&t, r))| {
            let kind = if kinds.len() > 1 { format!(" [{}]", u.kind) } else { String::new() };
            let label = format!("{r}. {}{kind} · {}", u.name, format::cents(t, lang));
            let folded = fold(&format!("{} {} {}", u.name, u.code, u.kind));
            (u.kind.clone(), r, UnitOption { code: u.code.clone(), name: u.name.clone(), folded, label, open: None })
        })
        .collect();
    crate::engine::sort::sort_by(&mut options, |a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let mut out: Vec<UnitOption> = options.into_iter().map(|(_, _, o)| o).collect();
    // Then every other unit of the data directory, with its kind and
    // province: "UBND xã Ea Kao · xã, phường · UBND tỉnh Đắk Lắk".
    if let Some(dir) = &session.tables.directory {
        if let Some(units) = &dir.units {
            let here: std::collections::BTreeSet<&str> = table.units.iter().map(|u| u.code.as_str()).collect();
            for u in units.iter().filter(|u| !here.contains(u.code.as_str())) {
                let held = u.table.as_deref().and_then(|id| dir.table(id));
                let Some(entry) = held.or_else(|| dir.latest(u.scope, u.province.as_deref(), None)) else { continue };
                let province = u.province.as_deref().map(|p| dir.province_name(p).unwrap_or(p));
                let kind = crate::directory::kind_name(u.scope, lang);
                let label = match province {
                    Some(p) => format!("{} · {kind} · {p}", u.name),
                    None => format!("{} · {kind}", u.name),
                };
                let folded = format!("{} {}", u.folded, crate::engine::i18n::fold(province.unwrap_or("")));
                out.push(UnitOption {
                    code: u.code.clone(),
                    name: u.name.clone(),
                    folded,
                    label,
                    open: Some(entry.id.clone()),
                });
            }
        }
    }
    out
}

/// A reference table in the tables panel's list.
#[derive(Clone, Debug, PartialEq)]
pub struct TableOption {
    pub id: String,
    /// "34 tỉnh, thành phố · năm 2026 (10/10/2026) (34 đơn vị)".
    pub label: String,
    pub name: String,
    pub units: usize,
    pub imported: bool,
    pub selected: bool,
}

/// The session's tables, the shipped ones first.
pub fn table_options(session: &Session) -> Vec<TableOption> {
    session
        .tables
        .tables()
        .iter()
        .map(|t| TableOption {
            id: t.id.clone(),
            label: format!(
                "{} ({} {})",
                t.name.get(session.lang),
                t.table.units.len(),
                crate::text::t(session.lang).view_units
            ),
            name: t.name.get(session.lang).to_string(),
            units: t.table.units.len(),
            imported: !t.shipped,
            selected: t.id == session.reference().id,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_in_rank_order_and_searchable() {
        let s = Session::default();
        let o = unit_options(&s);
        assert_eq!(o.len(), 34);
        assert_eq!(o[0].label, "1. UBND tỉnh Đồng Tháp · 68,80");
        assert!(o.iter().any(|x| x.code == "H38" && x.folded.contains("lao cai")));
        let t = table_options(&s);
        assert_eq!(t.len(), 1);
        assert!(t[0].selected && !t[0].imported);
        assert_eq!(t[0].label, "34 tỉnh, thành phố · năm 2026 (10/10/2026) (34 đơn vị)");
    }
}
