//! "Điểm còn thiếu" (points still missing): where the unit loses points,
//! largest first, and what full marks on each alone would give (total and
//! rank). The question an official comes with, answered on the first
//! screen; each line leads to its indicator's field.
//!
//! An indicator's "full marks alone" is the engine's own answer: the same
//! inputs with that indicator's rate at 100 % (its counts and every other
//! indicator unchanged), so group rules (CKMB's rates-first score, say) are
//! applied as for any edit. A group split from its published score cannot
//! tell which of its indicators without inputs lose the points: it is one
//! line, the rest of its score against their maxima, with an action per
//! indicator (give its current value there).

use super::ids;
use crate::engine::exact::Frac;
use crate::engine::{evaluate, format, Assessment, Cents, Inputs, Lang, Methodology, Outcome, RankTable, RateInput};
use crate::text::{fill, t};

/// One place where points are lost.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingLine {
    /// The indicator's id ("3.3"), or the group's ("ONLINE") for a rest or
    /// a given score.
    pub id: String,
    /// "3.3 Tỷ lệ hồ sơ nộp trực tuyến", "ONLINE: 3.1, 3.2, 3.3".
    pub label: String,
    /// "31,00%", when the indicator has a rate.
    pub rate: Option<String>,
    /// "3,72/6".
    pub points: String,
    /// Points below the maximum, "2,28".
    pub lost: String,
    pub lost_cents: Cents,
    /// "Đủ điểm: 64,00 · Hạng 11/34".
    pub full: String,
    /// Where the line's actions lead: (indicator id, the field to focus,
    /// the action's label). One for an indicator; one per indicator of a
    /// rest; the score field of a given group.
    pub actions: Vec<MissingAction>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MissingAction {
    /// The indicator to open (empty for a group's given score), and its group.
    pub indicator: String,
    pub group: String,
    /// The DOM id of the field to focus.
    pub field: String,
    /// The button's text ("Thử", "3.3").
    pub label: String,
    /// Its accessible name ("Thử chỉ số 3.3").
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct MissingView {
    /// Largest first; ties in page order.
    pub lines: Vec<MissingLine>,
    /// "31,20 điểm còn thiếu ở 17 chỉ số".
    pub headline: String,
}

/// The total the inputs give with indicator `i` at full marks.
fn with_full_marks(method: &Methodology, inputs: &Inputs, i: usize) -> Option<Cents> {
    let mut full = inputs.clone();
    full.rates[i] = RateInput::Rate(Frac::ONE);
    evaluate(method, &full).total
}

fn full_text(total: Option<Cents>, ranks: &RankTable, lang: Lang) -> String {
    let s = t(lang);
    match total {
        Some(total) => {
            let rank = ranks.rank(total);
            fill(
                s.missing_full,
                &[
                    ("total", &format::cents(total, lang)),
                    ("rank", &format!("{} {}/{}", s.rank_prefix, rank.position, rank.of)),
                ],
            )
        }
        None => s.missing_full_unknown.to_string(),
    }
}

/// The lines of the scenario `a` (the assessment the page shows).
pub fn missing(method: &Methodology, a: &Assessment, ranks: &RankTable, lang: Lang) -> MissingView {
    let s = t(lang);
    let ev = &a.evaluation;
    let mut lines: Vec<(usize, MissingLine)> = Vec::new();
    let mut order = 0;
    for (gi, group) in method.groups.iter().enumerate() {
        let result = &ev.groups[gi];
        if result.given {
            order += 1;
            let Some(score) = result.score else { continue };
            if score >= group.max {
                continue;
            }
            let full = ev.total.map(|t| t + group.max - score);
            lines.push((
                order,
                MissingLine {
                    id: group.id.clone(),
                    label: format!("{} {}", group.id, group.name.get(lang)),
                    rate: None,
                    points: format!("{}/{}", format::cents(score, lang), format::points_short(group.max, lang)),
                    lost: format::cents(group.max - score, lang),
                    lost_cents: group.max - score,
                    full: full_text(full, ranks, lang),
                    actions: vec![MissingAction {
                        indicator: String::new(),
                        group: group.id.clone(),
                        field: ids::given(&group.id),
                        label: s.missing_try.to_string(),
                        title: fill(s.missing_try_title, &[("id", &group.id)]),
                    }],
                },
            ));
            continue;
        }
        for &i in &group.indicators {
            order += 1;
            let ind = &method.indicators[i];
            let Outcome::Scored(sc) = &ev.indicators[i] else { continue };
            if sc.points >= ind.max {
                continue;
            }
            let full = with_full_marks(method, &a.inputs, i);
            lines.push((
                order,
                MissingLine {
                    id: ind.id.clone(),
                    label: format!("{} {}", ind.id, ind.name.get(lang)),
                    rate: sc
                        .empty
                        .is_none()
                        .then(|| format::percent(sc.factor.map(|(own, _)| own).unwrap_or(sc.rate), lang)),
                    points: format!("{}/{}", format::cents(sc.points, lang), format::points_short(ind.max, lang)),
                    lost: format::cents(ind.max - sc.points, lang),
                    lost_cents: ind.max - sc.points,
                    full: full_text(full, ranks, lang),
                    actions: vec![MissingAction {
                        indicator: ind.id.clone(),
                        group: group.id.clone(),
                        field: ids::rate(&ind.id),
                        label: s.missing_try.to_string(),
                        title: fill(s.missing_try_title, &[("id", &ind.id)]),
                    }],
                },
            ));
        }
        // The rest of a split group: its indicators without inputs together.
        if let Some(rest) = &result.remainder {
            let lost = rest.max - rest.cents;
            if rest.indicators.is_empty() || !rest.plausible() || lost <= 0 {
                continue;
            }
            let ids_text: Vec<&str> = rest.indicators.iter().map(|&i| method.indicators[i].id.as_str()).collect();
            let full = ev.total.map(|t| t + lost);
            lines.push((
                order,
                MissingLine {
                    id: group.id.clone(),
                    label: fill(s.missing_rest, &[("group", &group.id), ("ids", &ids_text.join(", "))]),
                    rate: None,
                    points: format!("{}/{}", format::cents(rest.cents, lang), format::points_short(rest.max, lang)),
                    lost: format::cents(lost, lang),
                    lost_cents: lost,
                    full: full_text(full, ranks, lang),
                    actions: rest
                        .indicators
                        .iter()
                        .map(|&i| {
                            let id = &method.indicators[i].id;
                            MissingAction {
                                indicator: id.clone(),
                                group: group.id.clone(),
                                field: ids::current(&ids::rate(id)),
                                label: id.clone(),
                                title: fill(s.missing_give_title, &[("id", id)]),
                            }
                        })
                        .collect(),
                },
            ));
        }
    }
    // Largest first; ties in page order (a stable sort keeps it).
    let mut lines: Vec<MissingLine> = {
        crate::engine::sort::sort_by_key(&mut lines, |(order, l)| (-l.lost_cents, *order));
        lines.into_iter().map(|(_, l)| l).collect()
    };
    lines.shrink_to_fit();
    let total: Cents = lines.iter().map(|l| l.lost_cents).sum();
    let headline = if lines.is_empty() {
        s.missing_none.to_string()
    } else {
        fill(s.missing_headline, &[("points", &format::cents(total, lang)), ("n", &lines.len().to_string())])
    };
    MissingView { lines, headline }
}

#[cfg(test)]
mod tests {
    use crate::engine::Lang;
    use crate::session::{Action, Session};
    use crate::view::{assess_scenario, baseline, rank_table, MissingView};

    fn lao_cai(lang: Lang) -> (Session, MissingView) {
        let mut s = Session::default();
        s.apply(Action::ChooseUnit("H38".into()));
        s.apply(Action::SetLang(lang));
        let b = baseline(&s).unwrap();
        let a = assess_scenario(&s, s.draft(), Some(&b.0));
        let m = super::missing(s.method(), &a, &rank_table(&s), lang);
        (s, m)
    }

    #[test]
    fn the_largest_losses_come_first() {
        let (_, m) = lao_cai(Lang::Vi);
        assert!(m.lines.windows(2).all(|w| w[0].lost_cents >= w[1].lost_cents));
        assert!(m.lines.iter().all(|l| l.lost_cents > 0));
        let first: Vec<(&str, &str, &str)> =
            m.lines.iter().take(3).map(|l| (l.id.as_str(), l.points.as_str(), l.lost.as_str())).collect();
        assert_eq!(first, [("1.1", "0,00/6", "6,00"), ("1.2", "0,00/4", "4,00"), ("4.4", "0,01/4", "3,99")]);
        assert_eq!(m.lines[0].full, "Đủ điểm: 67,72 · Hạng 2/34");
        assert_eq!(m.lines[0].rate.as_deref(), Some("0,00%"));
        assert_eq!(m.headline, format!("Còn thiếu 38,28 điểm ở {} chỗ", m.lines.len()));
    }

    #[test]
    fn a_split_group_is_one_line_with_an_action_per_indicator() {
        let (_, m) = lao_cai(Lang::En);
        let online = m.lines.iter().find(|l| l.id == "ONLINE").unwrap();
        assert_eq!(online.label, "ONLINE: 3.1, 3.2, 3.3 (no figures per indicator)");
        assert_eq!((online.points.as_str(), online.lost.as_str()), ("8.44/12", "3.56"));
        assert_eq!(online.full, "Full marks: 65.28 · Rank 8/34");
        let fields: Vec<&str> = online.actions.iter().map(|a| a.field.as_str()).collect();
        assert_eq!(fields, ["cur-rate-3_1", "cur-rate-3_2", "cur-rate-3_3"]);
        assert_eq!(online.actions[2].title, "Give 3.3's current rate to try it");
    }

    #[test]
    fn full_marks_alone_is_what_the_calculator_shows_for_that_rate() {
        let (s, m) = lao_cai(Lang::Vi);
        for line in m.lines.iter().filter(|l| l.rate.is_some()) {
            let mut t = s.clone();
            t.apply(Action::TryRate {
                indicator: line.id.clone(),
                text: "100".into(),
                current: false,
                current_prefill: None,
            });
            let b = baseline(&t).unwrap();
            let a = assess_scenario(&t, t.draft(), Some(&b.0));
            let total = crate::engine::format::cents(a.evaluation.total.unwrap(), Lang::Vi);
            assert!(line.full.contains(&total), "{}: {} vs {total}", line.id, line.full);
        }
        // 2.1 alone: 61,72 + 1,46, and 5.4 does not move (its counts stay).
        let l21 = m.lines.iter().find(|l| l.id == "2.1").unwrap();
        assert_eq!(l21.full, "Đủ điểm: 63,18 · Hạng 17/34");
    }

    #[test]
    fn a_what_if_takes_its_line_away() {
        let (mut s, _) = lao_cai(Lang::Vi);
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
        let b = baseline(&s).unwrap();
        let a = assess_scenario(&s, s.draft(), Some(&b.0));
        let m = super::missing(s.method(), &a, &rank_table(&s), Lang::Vi);
        assert!(m.lines.iter().all(|l| l.id != "2.1"), "2.1 at full marks loses nothing");
    }
}
