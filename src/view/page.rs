//! The calculator: the summary, the groups and their indicator rows.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::row::{row, RowContext};
pub use super::row::{CurrentField, FieldView, RowView};
use super::{fraction, ids, same, text, BandView};
use crate::engine::inputs::Field;
use crate::engine::{explain, format, Assessment, Cents, Confidence, Draft, Methodology, RankTable};
use crate::session::Session;
use crate::text::{self, fill};

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub summary: SummaryView,
    pub groups: Vec<Rc<GroupView>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GroupBar {
    pub id: String,
    pub name: String,
    /// "11,46" or "—".
    pub score: String,
    pub max: String,
    /// Score ÷ max, in [0, 1].
    pub fraction: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryView {
    /// "68,80" or "—".
    pub total: String,
    pub total_cents: Option<Cents>,
    /// The most a total can be ("100"), from the method.
    pub max_total: String,
    pub band: Option<BandView>,
    /// (position, of)
    pub rank: Option<(usize, usize)>,
    /// "+3,42" against the baseline.
    pub delta_points: Option<String>,
    /// Places gained (positive) or lost (negative) against the baseline.
    pub delta_ranks: Option<i64>,
    /// "0,05" more points to move up.
    pub to_next_rank: Option<String>,
    pub first_place: bool,
    pub groups: Vec<GroupBar>,
    /// Fields that need attention, and the DOM id of the first.
    pub issues: usize,
    pub first_issue: Option<String>,
    pub has_baseline: bool,
}

/// A group's remainder: what its known score leaves after the indicators
/// computed.
#[derive(Clone, Debug, PartialEq)]
pub struct RemainderView {
    /// "Phần còn lại (3.1, 3.2), theo điểm công bố: 3,12".
    pub text: String,
    /// When it falls outside what its indicators could score.
    pub warning: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GroupView {
    pub index: usize,
    pub id: String,
    pub name: String,
    pub confidence: Confidence,
    pub max: String,
    pub score: String,
    pub fraction: f64,
    pub given_mode: bool,
    pub given_dom_id: String,
    pub given_text: String,
    pub given_error: Option<String>,
    pub given_changed: bool,
    /// Split from its known score: the rest of it, and whether it fits.
    pub remainder: Option<RemainderView>,
    /// Some of its indicators take their current value from the user.
    pub needs_current: bool,
    /// For a unit not in the reference table: the group's current score, if
    /// the user knows it (the group is then split from it).
    pub current_score: Option<CurrentField>,
    /// Anything in the group differs from the baseline.
    pub changed: bool,
    pub explanation: String,
    pub source: String,
    /// The score to prefill when switching to given mode.
    pub score_prefill: Option<String>,
    pub rows: Vec<Rc<RowView>>,
}

/// What the page is computed against: the baseline (the unit's published
/// figures and the current values the user gave) and its assessment, and
/// the unit's published figures alone (which inputs the table holds).
#[derive(Clone, Copy, Debug)]
pub struct Base<'a> {
    pub draft: &'a Draft,
    pub assessment: &'a Assessment,
    pub published: Option<&'a Draft>,
}

impl<'a> Base<'a> {
    pub fn of(b: &'a super::Baseline) -> Base<'a> {
        let (assessment, draft, published) = b;
        Base { draft, assessment, published: published.as_ref() }
    }
    /// Whether the table holds indicator `i`'s inputs (a rate, or every count).
    pub(super) fn holds(&self, method: &Methodology, i: usize) -> bool {
        let Some(p) = self.published else { return false };
        let ind = &method.indicators[i];
        p.rate_mode.contains(&ind.id)
            || ind.formula.as_ref().is_some_and(|f| {
                f.numerator
                    .quantities()
                    .chain(f.denominator.quantities())
                    .all(|q| p.counts.contains_key(&method.quantities[q].id))
            })
    }

    pub(super) fn holds_count(&self, qid: &str) -> bool {
        self.published.is_some_and(|p| p.counts.contains_key(qid))
    }
}

/// Which indicators read each quantity (for "shared with").
fn users_of_quantities(method: &Methodology) -> BTreeMap<usize, Vec<usize>> {
    let mut users: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, ind) in method.indicators.iter().enumerate() {
        if let Some(f) = &ind.formula {
            for q in f.numerator.quantities().chain(f.denominator.quantities()) {
                let list = users.entry(q).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }
    users
}

fn remainder_view(
    method: &Methodology,
    r: &crate::engine::Remainder,
    published: bool,
    lang: crate::engine::Lang,
) -> Option<RemainderView> {
    if r.indicators.is_empty() && r.cents == 0 {
        return None;
    }
    let t = text::t(lang);
    let ids: Vec<&str> = r.indicators.iter().map(|&i| method.indicators[i].id.as_str()).collect();
    let rest = if r.cents < 0 { format::signed_cents(r.cents, lang) } else { format::cents(r.cents, lang) };
    let from = if published { t.rest_from_published } else { t.rest_from_current };
    Some(if ids.is_empty() {
        // Every indicator has its current value, and they do not add up.
        RemainderView {
            text: fill(t.rest_difference, &[("from", from), ("rest", &rest)]),
            warning: Some(t.rest_difference_warning.to_string()),
        }
    } else {
        RemainderView {
            text: fill(t.rest_line, &[("ids", &ids.join(", ")), ("from", from), ("rest", &rest)]),
            warning: (!r.plausible())
                .then(|| fill(t.rest_outside, &[("rest", &rest), ("max", &format::points_short(r.max, lang))])),
        }
    })
}

/// Builds the page from the session, the assessment of its draft (against
/// the baseline) and, when there is one, the baseline.
pub fn page(session: &Session, a: &Assessment, base: Option<Base>, ranks: &RankTable) -> Page {
    let method = session.method();
    let lang = session.lang;
    let ev = &a.evaluation;
    let empty = Draft::default();
    let base_draft = base.map(|b| b.draft).unwrap_or(&empty);
    let users = users_of_quantities(method);
    let issue = |field: Field| a.issue_for(field).map(|i| i.message(method, lang));

    let mut groups = Vec::with_capacity(method.groups.len());
    for (gi, group) in method.groups.iter().enumerate() {
        let result = &ev.groups[gi];
        let given_mode = session.draft().given_mode.contains(&group.id);
        let given_text = text(&session.draft().given, &group.id).to_string();
        let given_changed = base.is_some()
            && (given_mode != base_draft.given_mode.contains(&group.id)
                || (given_mode && !same(&given_text, text(&base_draft.given, &group.id))));
        let base_split = base.is_some_and(|b| b.assessment.evaluation.groups[gi].remainder.is_some());
        let mut rows = Vec::with_capacity(group.indicators.len());
        for &i in &group.indicators {
            let ctx =
                RowContext { session, method, a, users: &users, base, base_draft, group_given: given_mode, base_split };
            rows.push(Rc::new(row(&ctx, i)));
        }
        let changed = given_changed || rows.iter().any(|r| r.rate_changed || r.fields.iter().any(|f| f.changed));
        let published_score = base.and_then(|b| b.published).is_some_and(|p| p.scores.contains_key(&group.id));
        groups.push(Rc::new(GroupView {
            index: gi,
            id: group.id.clone(),
            name: group.name.get(lang).to_string(),
            confidence: group.confidence,
            max: format::points_short(group.max, lang),
            score: result.score.map(|s| format::cents(s, lang)).unwrap_or_else(|| "—".into()),
            fraction: fraction(result.score, group.max),
            given_mode,
            given_dom_id: ids::given(&group.id),
            given_text,
            given_error: if given_mode { issue(Field::Given(gi)) } else { None },
            given_changed,
            remainder: result.remainder.as_ref().and_then(|r| remainder_view(method, r, published_score, lang)),
            needs_current: rows.iter().any(|r| r.needs_current),
            current_score: (session.unit.is_none() && !given_mode).then(|| CurrentField {
                dom_id: ids::current_score(&group.id),
                text: text(&session.current.scores, &group.id).to_string(),
                error: base.and_then(|b| b.assessment.issue_for(Field::Score(gi))).map(|x| x.message(method, lang)),
            }),
            changed,
            explanation: explain::group(method, gi, result, lang),
            source: group.source.clone(),
            score_prefill: result.score.map(|s| format::cents(s, lang)),
            rows,
        }));
    }

    // Summary.
    let total = ev.total;
    let rank = total.map(|t| ranks.rank(t));
    let base_total = base.and_then(|b| b.assessment.evaluation.total);
    let (delta_points, delta_ranks) = match (total, base_total) {
        (Some(t), Some(b)) => {
            let (r, rb) = (ranks.rank(t).position as i64, ranks.rank(b).position as i64);
            (Some(format::signed_cents(t - b, lang)), Some(rb - r))
        }
        _ => (None, None),
    };
    // The first problem in page order (groups, then indicators, in order):
    // the scenario's, then the current values'.
    let position: BTreeMap<usize, usize> = crate::engine::sort::map(
        method.groups.iter().flat_map(|g| g.indicators.iter()).enumerate().map(|(n, &i)| (i, n)),
    );
    let first_user = |q: usize| {
        users.get(&q).and_then(|u| u.iter().min_by_key(|&&i| position.get(&i).copied().unwrap_or(usize::MAX))).copied()
    };
    let group_position = |g: usize| method.groups[g].indicators.first().map(|i| position[i]).unwrap_or(0);
    let place = |i: &crate::engine::FieldIssue, current: bool| -> Option<(usize, String)> {
        Some(match i.field {
            Field::Count(q) => {
                let ind = first_user(q)?;
                let id = ids::count(&method.indicators[ind].id, &method.quantities[q].id);
                (position[&ind], if current { ids::current(&id) } else { id })
            }
            Field::Rate(ind) => {
                let id = ids::rate(&method.indicators[ind].id);
                (position[&ind], if current { ids::current(&id) } else { id })
            }
            Field::Indicator(ind) => (position[&ind], ids::row(&method.indicators[ind].id)),
            Field::Given(g) => (group_position(g), ids::given(&method.groups[g].id)),
            Field::Score(g) => (group_position(g), ids::current_score(&method.groups[g].id)),
        })
    };
    let current_issues: Vec<&crate::engine::FieldIssue> =
        base.map(|b| b.assessment.issues.iter().filter(|i| !a.issues.contains(i)).collect()).unwrap_or_default();
    let first_issue = a
        .issues
        .iter()
        .filter_map(|i| place(i, false))
        .chain(current_issues.iter().filter_map(|i| place(i, true)))
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, id)| id);
    let summary = SummaryView {
        total: total.map(|t| format::cents(t, lang)).unwrap_or_else(|| "—".into()),
        total_cents: total,
        max_total: format::points_short(method.max_total, lang),
        band: ev.band.map(|b| BandView::of(method, b, lang)),
        rank: rank.map(|r| (r.position, r.of)),
        delta_points,
        delta_ranks,
        to_next_rank: total.and_then(|t| ranks.to_next_rank(t)).map(|g| format::cents(g, lang)),
        first_place: rank.is_some_and(|r| r.position == 1),
        groups: groups
            .iter()
            .map(|g| GroupBar {
                id: g.id.clone(),
                name: g.name.clone(),
                score: g.score.clone(),
                max: g.max.clone(),
                fraction: g.fraction,
            })
            .collect(),
        issues: a.issues.len() + current_issues.len(),
        first_issue,
        has_baseline: base.is_some(),
    };
    Page { summary, groups }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Lang;
    use crate::session::{Action, GoalKind};
    use crate::view::{rank_table, targets, TargetStatus};

    fn build(s: &Session) -> Page {
        let (base, b) = crate::view::assess_baseline(s).unwrap();
        let a = crate::view::assess_scenario(s, s.draft(), Some(&b));
        let published = s.published();
        page(s, &a, Some(Base { draft: &base, assessment: &b, published: published.as_ref() }), &rank_table(s))
    }

    #[test]
    fn the_default_page() {
        let s = Session::default();
        let p = build(&s);
        assert_eq!(p.summary.total, "68,80");
        assert_eq!(p.summary.rank, Some((1, 34)));
        assert_eq!(p.summary.band.as_ref().unwrap().name, "Trung bình");
        assert_eq!(p.summary.delta_points.as_deref(), Some("0,00"));
        assert_eq!(p.summary.issues, 0);
        assert_eq!(p.groups.len(), 6);
        // ONLINE: no counts in the table, split from its published score.
        assert!(!p.groups[2].given_mode);
        assert_eq!(p.groups[2].score, "8,84");
        assert_eq!(
            p.groups[2].remainder.as_ref().unwrap().text,
            "Phần còn lại (3.1, 3.2, 3.3), theo điểm công bố: 8,84"
        );
        assert!(p.groups[2].rows.iter().all(|r| r.in_remainder && r.needs_current));
        // TTTT: A and B from the table, C the rest of the published score.
        let tttt = &p.groups[3];
        assert_eq!(tttt.score, "6,42");
        let c = tttt.rows.iter().find(|r| r.id == "TTTT.C").unwrap();
        assert!(c.in_remainder && c.needs_current);
        assert!(c.fields.iter().any(|f| f.current.is_some()), "C's numerator takes a current value");
        assert!(
            c.fields.iter().any(|f| f.quantity == "fee_procedures" && f.current.is_none()),
            "the table holds its denominator"
        );
        assert!(!tttt.rows[0].needs_current);
        let r21 = &p.groups[1].rows[0];
        assert_eq!(r21.id, "2.1");
        assert_eq!(r21.points, "17,69");
        assert_eq!(r21.rate, "88,47%");
        assert_eq!(r21.formula, "(Hồ sơ tiếp nhận (tiến độ) − Hồ sơ quá hạn) ÷ Hồ sơ tiếp nhận (tiến độ)");
        assert_eq!(r21.fields.len(), 2);
        assert_eq!(r21.fields[1].shared_with, ["5.4"]);
        assert!(p.groups[1].rows[1].display_only);
    }

    #[test]
    fn an_edit_moves_points_total_and_rank() {
        let mut s = Session::default();
        s.apply(Action::ChooseUnit("H38".into()));
        let before = build(&s);
        assert_eq!(before.summary.total, "61,72");
        assert_eq!(before.summary.rank, Some((23, 34)));
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
        let after = build(&s);
        assert_eq!(after.groups[1].score, "20,00");
        assert!(after.groups[1].changed);
        assert_eq!(after.summary.delta_ranks, Some(after.summary.rank.map(|r| 23 - r.0 as i64).unwrap()));
        assert!(after.summary.delta_points.as_deref().unwrap().starts_with('+'));
        let f = &after.groups[1].rows[0].fields[1];
        assert!(f.changed);
    }

    #[test]
    fn a_rank_goal_becomes_a_plan_in_plain_words() {
        use crate::engine::plan;
        let mut s = Session::default();
        s.apply(Action::ChooseUnit("H38".into()));
        s.apply(Action::SetGoal { kind: GoalKind::Rank, value: "5".into() });
        let b = crate::view::assess_baseline(&s).map(|(_, b)| b);
        let a = crate::view::assess_scenario(&s, s.draft(), b.as_ref());
        let ranks = rank_table(&s);
        let prefs = s.preferences();
        let goal = s.goal().unwrap().unwrap();
        let p = plan::plan(s.method(), &a.inputs, &goal, &prefs);
        let levers = plan::levers(s.method(), &a.inputs, &prefs);
        let seeks = plan::seek(s.method(), &a.inputs, &goal, &prefs).unwrap();
        let v = targets(&s, Some(&p), &levers, &seeks, &ranks);
        let alone: Vec<&str> = v.levers.iter().filter_map(|l| l.alone.as_deref()).collect();
        assert!(alone.iter().any(|a| a.starts_with("lên ")), "{alone:?}");
        assert!(alone.iter().any(|a| a.starts_with("không đủ: tối đa ")), "{alone:?}");
        let TargetStatus::Plan(pv) = &v.status else { panic!("{:?}", v.status) };
        assert!(pv.reachable);
        assert_eq!(pv.goal, "Hạng 5 (66,13 điểm)");
        assert!(pv.rank.unwrap().0 <= 5);
        assert!(pv.steps.iter().all(|st| st.ends_with(" điểm")), "{:?}", pv.steps);
        assert!(!pv.apply_counts.is_empty());
        assert!(v.levers.len() > 10);
        // Applying the plan reaches the goal in the calculator.
        s.apply(Action::ApplyPlan { counts: pv.apply_counts.clone(), rates: pv.apply_rates.clone() });
        let after = build(&s);
        assert!(after.summary.rank.unwrap().0 <= 5, "{:?}", after.summary.rank);
    }

    #[test]
    fn bad_input_is_shown_where_it_was_typed() {
        let mut s = Session::default();
        s.apply(Action::SetLang(Lang::En));
        s.apply(Action::SetCount { quantity: "dossiers_e_result".into(), text: "abc".into() });
        let p = build(&s);
        assert_eq!(p.summary.total, "—");
        assert_eq!(p.summary.issues, 1);
        assert_eq!(p.summary.first_issue.as_deref(), Some("q-4_1-dossiers_e_result"));
        let row = &p.groups[5].rows[0];
        assert_eq!(row.points, "—");
        assert_eq!(row.fields[0].text, "abc");
        assert_eq!(row.fields[0].error.as_deref(), Some("Not a number"));
        assert_eq!(p.groups[5].score, "—");
        assert_eq!(p.groups[0].score, "11.46");
    }

    #[test]
    fn a_unit_not_in_the_table_can_give_its_group_scores_and_split_them() {
        let mut s = Session::default();
        s.apply(Action::StartBlank);
        for (g, v) in [("CKMB", "10"), ("TDGQ", "15"), ("ONLINE", "8"), ("TTTT", "6"), ("MDHL", "12"), ("MDSH", "9")] {
            s.apply(Action::SetCurrentScore { group: g.into(), text: v.into() });
        }
        let p = build(&s);
        assert_eq!(p.summary.total, "60,00");
        let online = &p.groups[2];
        assert_eq!(online.current_score.as_ref().unwrap().text, "8");
        assert_eq!(online.remainder.as_ref().unwrap().text, "Phần còn lại (3.1, 3.2, 3.3), theo điểm hiện tại: 8,00");
        assert!(online.rows.iter().all(|r| r.needs_current));
        // A score above the group's maximum is refused next to its field.
        s.apply(Action::SetCurrentScore { group: "ONLINE".into(), text: "13".into() });
        let p = build(&s);
        assert_eq!(
            p.groups[2].current_score.as_ref().unwrap().error.as_deref(),
            Some("Không được vượt quá điểm tối đa 12")
        );
        assert_eq!(p.summary.first_issue.as_deref(), Some("current-score-ONLINE"));
    }
}
