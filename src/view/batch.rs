//! The batch table: a whole reference table scored, filtered, sorted and
//! paged, and its CSV.

use super::spreadsheet_csv;
use crate::engine::{format, Cents, Lang, Methodology};

/// A column to sort the batch table by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchSort {
    Code,
    Name,
    Kind,
    Group(usize),
    Total,
    Published,
    Difference,
    Rank,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BatchRowView {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub groups: Vec<String>,
    pub total: String,
    pub published: String,
    pub difference: String,
    /// Computed and published totals differ.
    pub differs: bool,
    pub band: String,
    pub rank: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BatchView {
    pub rows: Vec<BatchRowView>,
    /// Units matching the filter, and how many differ from the published.
    pub matching: usize,
    pub differing: usize,
    pub pages: usize,
    pub page: usize,
}

/// One page of the batch table, filtered (name, code or kind, ignoring case
/// and diacritics) and sorted.
#[allow(clippy::too_many_arguments)]
pub fn batch_view(
    method: &Methodology,
    table: &crate::engine::Table,
    scored: &[crate::engine::batch::Scored],
    sort: BatchSort,
    ascending: bool,
    filter: &str,
    page: usize,
    per_page: usize,
    lang: Lang,
) -> BatchView {
    let words: Vec<String> = crate::engine::i18n::fold(filter).split_whitespace().map(String::from).collect();
    let unit = |s: &crate::engine::batch::Scored| &table.units[s.index.min(table.units.len().saturating_sub(1))];
    let mut rows: Vec<&crate::engine::batch::Scored> = scored
        .iter()
        .filter(|s| s.index < table.units.len())
        .filter(|s| {
            let u = unit(s);
            let hay = crate::engine::i18n::fold(&format!("{} {} {}", u.code, u.name, u.kind));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect();
    let key = |s: &crate::engine::batch::Scored| -> (i64, String) {
        let u = unit(s);
        let none = i64::MIN;
        match sort {
            BatchSort::Code => (0, u.code.clone()),
            BatchSort::Name => (0, crate::engine::i18n::fold(&u.name)),
            BatchSort::Kind => (0, u.kind.clone()),
            BatchSort::Group(g) => (s.groups.get(g).copied().flatten().unwrap_or(none), String::new()),
            BatchSort::Total => (s.total.unwrap_or(none), String::new()),
            BatchSort::Published => (s.published.unwrap_or(none), String::new()),
            BatchSort::Difference => (s.difference().map(|d| d.abs()).unwrap_or(none), String::new()),
            BatchSort::Rank => (s.rank.map(|r| -(r as i64)).unwrap_or(none), String::new()),
        }
    };
    crate::engine::sort::sort_by(&mut rows, |a, b| {
        let o = key(a).cmp(&key(b));
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
    let matching = rows.len();
    let differing = rows.iter().filter(|s| s.difference().is_some_and(|d| d != 0)).count();
    let per_page = per_page.max(1);
    let pages = matching.div_ceil(per_page).max(1);
    let page = page.min(pages - 1);
    let cents = |c: Option<Cents>| c.map(|c| format::cents(c, lang)).unwrap_or_else(|| "—".into());
    BatchView {
        rows: rows
            .iter()
            .skip(page * per_page)
            .take(per_page)
            .map(|s| {
                let u = unit(s);
                BatchRowView {
                    code: u.code.clone(),
                    name: u.name.clone(),
                    kind: u.kind.clone(),
                    groups: s.groups.iter().map(|g| cents(*g)).collect(),
                    total: cents(s.total),
                    published: cents(s.published),
                    difference: s.difference().map(|d| format::signed_cents(d, lang)).unwrap_or_default(),
                    differs: s.difference().is_some_and(|d| d != 0),
                    band: s.band.map(|b| method.bands[b].name.get(lang).to_string()).unwrap_or_default(),
                    rank: s.rank.map(|r| r.to_string()).unwrap_or_default(),
                }
            })
            .collect(),
        matching,
        differing,
        pages,
        page,
    }
}

/// The whole batch as CSV for a spreadsheet in the user's language (see
/// [`spreadsheet_csv`]); the header keeps the table columns' own names.
pub fn batch_csv(
    method: &Methodology,
    table: &crate::engine::Table,
    scored: &[crate::engine::batch::Scored],
    lang: Lang,
) -> String {
    let num = |v: Option<Cents>| v.map(|c| format::sheet_cents(c, lang)).unwrap_or_default();
    let mut header: Vec<String> = ["code", "name", "kind"].map(String::from).to_vec();
    header.extend(method.groups.iter().map(|g| g.id.clone()));
    header.extend(["total", "published", "difference", "band", "rank"].map(String::from));
    let rows = scored.iter().filter_map(|s| {
        let u = table.units.get(s.index)?;
        let mut cells = vec![u.code.clone(), u.name.clone(), u.kind.clone()];
        cells.extend(s.groups.iter().map(|g| num(*g)));
        cells.push(num(s.total));
        cells.push(num(s.published));
        cells.push(num(s.difference()));
        cells.push(s.band.map(|b| method.bands[b].name.get(lang).to_string()).unwrap_or_default());
        cells.push(s.rank.map(|r| r.to_string()).unwrap_or_default());
        Some(cells)
    });
    spreadsheet_csv(std::iter::once(header).chain(rows), lang)
}

#[cfg(test)]
mod batch_tests {
    use super::*;
    use crate::engine::{batch, profiles, reference};

    #[test]
    fn spreadsheet_csv_quotes_only_what_needs_it() {
        let rows = vec![
            vec!["a".to_string(), "b, c".to_string(), "say \"hi\"".to_string()],
            vec!["two\nlines".to_string(), String::new(), "Đồng Tháp".to_string()],
        ];
        assert_eq!(
            spreadsheet_csv(rows.clone(), Lang::En),
            "\u{feff}a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,Đồng Tháp\r\n"
        );
        assert_eq!(
            spreadsheet_csv(rows, Lang::Vi),
            "\u{feff}a;b, c;\"say \"\"hi\"\"\"\r\n\"two\nlines\";;Đồng Tháp\r\n"
        );
    }

    #[test]
    fn sorted_filtered_paged() {
        let m = profiles::default_profile();
        let t = reference::read_csv(reference::PROVINCES_2026_CSV.as_bytes()).unwrap();
        let scored = batch::score_table(m, &t);
        let v = batch_view(m, &t, &scored, BatchSort::Total, true, "", 0, 10, Lang::Vi);
        assert_eq!((v.matching, v.pages, v.differing), (34, 4, 0));
        assert_eq!(v.rows[0].code, "H26");
        assert_eq!(v.rows[0].total, "55,23");
        assert_eq!(v.rows[0].rank, "34");
        let v = batch_view(m, &t, &scored, BatchSort::Name, true, "dong", 0, 10, Lang::En);
        let names: Vec<&str> = v.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["UBND Thành phố Đồng Nai", "UBND tỉnh Đồng Tháp", "UBND tỉnh Lâm Đồng"]);
        let v = batch_view(m, &t, &scored, BatchSort::Rank, false, "", 9, 10, Lang::Vi);
        assert_eq!(v.page, 3, "a page past the end shows the last");
        let csv = batch_csv(m, &t, &scored, Lang::En);
        assert!(csv.starts_with(
            "\u{feff}code,name,kind,CKMB,TDGQ,ONLINE,TTTT,MDHL,MDSH,total,published,difference,band,rank\r\n"
        ));
        assert!(csv.contains(
            "\r\nH20,UBND tỉnh Đồng Tháp,PROVINCE,11.46,17.69,8.84,6.42,14.67,9.72,68.80,68.80,0.00,Average,1\r\n"
        ));
        let csv = batch_csv(m, &t, &scored, Lang::Vi);
        assert!(csv.contains(
            "\r\nH20;UBND tỉnh Đồng Tháp;PROVINCE;11,46;17,69;8,84;6,42;14,67;9,72;68,80;68,80;0,00;Trung bình;1\r\n"
        ));
        // Read back by the table importer, as a user re-importing it would.
        let back = crate::engine::import::import(csv.as_bytes(), Some("batch.csv")).unwrap();
        assert_eq!(back.table.units.len(), 34);
        let h20 = back.table.units.iter().find(|u| u.code == "H20").unwrap();
        assert_eq!(h20.name, "UBND tỉnh Đồng Tháp");
    }
}
