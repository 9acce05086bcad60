//! The list of saved sessions ("Phiên làm việc đã lưu"): each entry's name
//! and when it last changed in the user's time zone, which one this tab has
//! open, the entries that cannot be read, and whether the browser keeps the
//! work at all.

use crate::engine::Lang;
use crate::library::{Listing, Memory};
use crate::text::{fill, t};

#[derive(Clone, Debug, PartialEq)]
pub struct SavedView {
    pub rows: Vec<SavedRow>,
    /// The entries that cannot be read, each said in a sentence.
    pub damaged: Vec<String>,
    /// Whether and where the work is kept, in a sentence.
    pub memory: String,
    /// The browser keeps nothing: the panel offers the work as a file.
    pub forgets: bool,
    /// The open session is not stored yet (nothing changed in it).
    pub unsaved: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SavedRow {
    pub id: String,
    pub name: String,
    /// "Sửa lúc 14:05, 02/12/2026"
    pub changed: String,
    /// This tab has it open.
    pub open: bool,
}

/// The list as shown: `offset_minutes` is the user's time zone (east of UTC);
/// `unit_name` is the name the app gives the open session now
/// ([`crate::library::default_name`]), shown at once for an entry whose name
/// follows its unit, before the next save writes it.
pub fn saved(
    listing: &Listing,
    open: Option<&str>,
    memory: Memory,
    lang: Lang,
    offset_minutes: i64,
    unit_name: &str,
) -> SavedView {
    let s = t(lang);
    let rows = listing
        .entries
        .iter()
        .map(|m| {
            let is_open = open == Some(m.id.as_str());
            SavedRow {
                id: m.id.clone(),
                name: if is_open && m.auto && !unit_name.is_empty() { unit_name.to_string() } else { m.name.clone() },
                changed: fill(s.saved_changed, &[("time", &local_time(m.changed, offset_minutes))]),
                open: is_open,
            }
        })
        .collect();
    let damaged = listing.damaged.iter().map(|d| crate::library::Notice::Damaged(d.clone()).message(lang)).collect();
    let memory_text = match memory {
        Memory::Remembers => s.memory_remembers,
        Memory::ForThisSite => s.memory_for_this_site,
        Memory::Forgets => s.memory_forgets,
    };
    SavedView {
        rows,
        damaged,
        memory: memory_text.into(),
        forgets: memory == Memory::Forgets,
        unsaved: open.is_none() && memory != Memory::Forgets,
    }
}

/// "14:05, 02/12/2026": `ms` since 1970 (UTC) shifted by the time zone.
pub fn local_time(ms: u64, offset_minutes: i64) -> String {
    let secs = (ms / 1000) as i64 + offset_minutes * 60;
    let (days, in_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_date(days);
    format!("{:02}:{:02}, {d:02}/{m:02}/{y}", in_day / 3600, in_day % 3600 / 60)
}

/// Year, month, day of a day count since 1970-01-01 (the proleptic
/// Gregorian calendar; H. Hinnant's `civil_from_days`).
pub fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::DecodeError;
    use crate::library::{Damaged, Meta};

    #[test]
    fn times_are_local_and_in_day_month_year() {
        // 2026-12-02 07:05 UTC is 14:05 in Hà Nội (UTC+7).
        let ms = 1_796_195_100_000;
        assert_eq!(local_time(ms, 0), "07:05, 02/12/2026");
        assert_eq!(local_time(ms, 7 * 60), "14:05, 02/12/2026");
        assert_eq!(local_time(ms, -8 * 60), "23:05, 01/12/2026");
        assert_eq!(local_time(0, 0), "00:00, 01/01/1970");
        assert_eq!(local_time(951_782_400_000, 0), "00:00, 29/02/2000", "a leap day");
    }

    #[test]
    fn the_list_marks_the_open_entry_and_words_damaged_ones() {
        let meta = |id: &str, name: &str| Meta {
            id: id.into(),
            name: name.into(),
            changed: 1_796_195_100_000,
            rev: 1,
            auto: false,
        };
        let listing = Listing {
            entries: vec![meta("a-2", "Lào Cai · 02/12/2026"), meta("a-1", "Kế hoạch quý 4")],
            damaged: vec![Damaged {
                key: "vn766.s.x".into(),
                name: None,
                error: DecodeError::Corrupt("line 1".into()),
            }],
        };
        let v = saved(&listing, Some("a-1"), Memory::Remembers, Lang::Vi, 420, "UBND tỉnh Lào Cai");
        assert_eq!(v.rows.iter().map(|r| r.open).collect::<Vec<_>>(), [false, true]);
        assert_eq!(v.rows[0].changed, "Sửa lúc 14:05, 02/12/2026");
        assert_eq!(v.damaged.len(), 1);
        assert!(v.damaged[0].contains("vn766.s.x"), "{}", v.damaged[0]);
        assert!(!v.unsaved && !v.forgets);
        let v = saved(&listing, None, Memory::Forgets, Lang::En, 0, "");
        assert!(v.forgets && !v.unsaved);
        assert!(v.memory.contains("file"), "{}", v.memory);
    }

    #[test]
    fn a_name_the_app_made_follows_the_unit_at_once() {
        let meta =
            |id: &str, name: &str, auto: bool| Meta { id: id.into(), name: name.into(), changed: 0, rev: 1, auto };
        let listing = Listing {
            entries: vec![meta("a-1", "UBND tỉnh Đồng Tháp", true), meta("a-2", "UBND tỉnh Đồng Tháp", true)],
            damaged: vec![],
        };
        let v = saved(&listing, Some("a-1"), Memory::Remembers, Lang::Vi, 0, "UBND tỉnh Lào Cai");
        let names: Vec<&str> = v.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["UBND tỉnh Lào Cai", "UBND tỉnh Đồng Tháp"], "only the open entry shows its unit now");
        let listing = Listing { entries: vec![meta("a-1", "Kế hoạch quý 4", false)], damaged: vec![] };
        let v = saved(&listing, Some("a-1"), Memory::Remembers, Lang::Vi, 0, "UBND tỉnh Lào Cai");
        assert_eq!(v.rows[0].name, "Kế hoạch quý 4", "a name the user gave stays");
    }
}
