//! The calculator: the summary, the groups and their indicator rows.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::{field_dom_id, fraction, given_dom_id, rate_dom_id, row_dom_id, same, text, BandView};
use crate::engine::inputs::{parse_rate, Field};
use crate::engine::{explain, format, Assessment, Cents, Confidence, Draft, Methodology, Outcome, RankTable};
use crate::session::Session;

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

#[derive(Clone, Debug, PartialEq)]
pub struct FieldView {
    pub dom_id: String,
    pub quantity: String,
    pub label: String,
    pub text: String,
    pub error: Option<String>,
    /// Differs from the baseline (a reset is offered).
    pub changed: bool,
    /// Other indicators that use the same count.
    pub shared_with: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RowView {
    pub index: usize,
    pub id: String,
    pub dom_id: String,
    pub name: String,
    pub description: String,
    pub confidence: Confidence,
    pub display_only: bool,
    /// "6".
    pub max: String,
    /// "3,46" or "—".
    pub points: String,
    pub fraction: f64,
    /// The resulting rate, "86,54%" or "—".
    pub rate: String,
    pub rate_mode: bool,
    pub rate_dom_id: String,
    pub rate_text: String,
    pub rate_error: Option<String>,
    pub rate_changed: bool,
    /// The slider's position (percent), from the typed rate or the counts.
    pub slider: f64,
    pub fields: Vec<FieldView>,
    /// A problem of the indicator as a whole.
    pub error: Option<String>,
    /// "(Hồ sơ tiếp nhận − Hồ sơ quá hạn) ÷ Hồ sơ tiếp nhận".
    pub formula: String,
    /// "đủ điểm từ 50%".
    pub target: Option<String>,
    pub explanation: String,
    pub source: String,
    /// The rate to prefill when switching to rate mode.
    pub rate_prefill: Option<String>,
    /// The group's score is given: the row is not computed.
    pub given: bool,
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
    /// The portal publishes only this group's score for the unit.
    pub unpublished: bool,
    /// Anything in the group differs from the baseline.
    pub changed: bool,
    pub explanation: String,
    pub source: String,
    /// The score to prefill when switching to given mode.
    pub score_prefill: Option<String>,
    pub rows: Vec<Rc<RowView>>,
}
/// Builds the page from the session, the assessment of its draft and, when
/// there is a baseline unit, the assessment of the baseline.
pub fn page(session: &Session, a: &Assessment, baseline: Option<(&Draft, &Assessment)>, ranks: &RankTable) -> Page {
    let method = session.method();
    let lang = session.lang;
    let ev = &a.evaluation;
    let empty = Draft::default();
    let base_draft = baseline.map(|(d, _)| d).unwrap_or(&empty);

    // Which indicators read each quantity (for "shared with").
    let mut users: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, ind) in method.indicators.iter().enumerate() {
        if let Some(f) = &ind.formula {
            let mut qs: Vec<usize> = f.numerator.quantities().chain(f.denominator.quantities()).collect();
            qs.dedup();
            for q in qs {
                let list = users.entry(q).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }
    let issue = |field: Field| a.issue_for(field).map(|i| i.message(method, lang));

    let mut groups = Vec::with_capacity(method.groups.len());
    for (gi, group) in method.groups.iter().enumerate() {
        let result = ev.groups[gi];
        let given_mode = session.draft().given_mode.contains(&group.id);
        let given_text = text(&session.draft().given, &group.id).to_string();
        let given_changed = baseline.is_some()
            && (given_mode != base_draft.given_mode.contains(&group.id)
                || (given_mode && !same(&given_text, text(&base_draft.given, &group.id))));
        let mut rows = Vec::with_capacity(group.indicators.len());
        for &i in &group.indicators {
            rows.push(Rc::new(row(session, method, a, i, &users, base_draft, baseline.is_some(), given_mode)));
        }
        let changed = given_changed || rows.iter().any(|r| r.rate_changed || r.fields.iter().any(|f| f.changed));
        groups.push(Rc::new(GroupView {
            index: gi,
            id: group.id.clone(),
            name: group.name.get(lang).to_string(),
            confidence: group.confidence,
            max: format::points_short(group.max, lang),
            score: result.score.map(|s| format::cents(s, lang)).unwrap_or_else(|| "—".into()),
            fraction: fraction(result.score, group.max),
            given_mode,
            given_dom_id: given_dom_id(&group.id),
            given_text,
            given_error: if given_mode { issue(Field::Given(gi)) } else { None },
            given_changed,
            unpublished: baseline.is_some() && base_draft.given_mode.contains(&group.id),
            changed,
            explanation: explain::group(method, gi, &result, lang),
            source: group.source.clone(),
            score_prefill: result.score.map(|s| format::cents(s, lang)),
            rows,
        }));
    }

    // Summary.
    let total = ev.total;
    let rank = total.map(|t| ranks.rank(t));
    let base_eval = baseline.map(|(_, b)| &b.evaluation);
    let base_total = base_eval.and_then(|b| b.total);
    let (delta_points, delta_ranks) = match (total, base_total) {
        (Some(t), Some(b)) => {
            let (r, rb) = (ranks.rank(t).position as i64, ranks.rank(b).position as i64);
            (Some(format::signed_cents(t - b, lang)), Some(rb - r))
        }
        _ => (None, None),
    };
    // The first problem in page order (groups, then indicators, in order).
    let position: BTreeMap<usize, usize> =
        method.groups.iter().flat_map(|g| g.indicators.iter()).enumerate().map(|(n, &i)| (i, n)).collect();
    let first_user = |q: usize| {
        users.get(&q).and_then(|u| u.iter().min_by_key(|&&i| position.get(&i).copied().unwrap_or(usize::MAX))).copied()
    };
    let first_issue = a
        .issues
        .iter()
        .filter_map(|i| {
            let (pos, id) = match i.field {
                Field::Count(q) => {
                    let ind = first_user(q)?;
                    (position[&ind], field_dom_id(&method.quantities[q].id, &method.indicators[ind].id))
                }
                Field::Rate(ind) => (position[&ind], rate_dom_id(&method.indicators[ind].id)),
                Field::Indicator(ind) => (position[&ind], row_dom_id(&method.indicators[ind].id)),
                Field::Given(g) => (
                    method.groups[g].indicators.first().map(|i| position[i]).unwrap_or(0),
                    given_dom_id(&method.groups[g].id),
                ),
            };
            Some((pos, id))
        })
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, id)| id);
    let summary = SummaryView {
        total: total.map(|t| format::cents(t, lang)).unwrap_or_else(|| "—".into()),
        total_cents: total,
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
        issues: a.issues.len(),
        first_issue,
        has_baseline: baseline.is_some(),
    };
    Page { summary, groups }
}

#[allow(clippy::too_many_arguments)]
fn row(
    session: &Session,
    method: &Methodology,
    a: &Assessment,
    i: usize,
    users: &BTreeMap<usize, Vec<usize>>,
    base: &Draft,
    has_baseline: bool,
    group_given: bool,
) -> RowView {
    let lang = session.lang;
    let ind = &method.indicators[i];
    let outcome = &a.evaluation.indicators[i];
    let rate_mode = session.draft().rate_mode.contains(&ind.id);
    let rate_text = text(&session.draft().rates, &ind.id).to_string();
    let q_name = |q: usize| method.quantities[q].name.get(lang).to_string();

    let mut fields = Vec::new();
    let mut formula = String::new();
    if let Some(f) = &ind.formula {
        let mut seen = Vec::new();
        for q in f.numerator.quantities().chain(f.denominator.quantities()) {
            if seen.contains(&q) {
                continue;
            }
            seen.push(q);
            let qid = &method.quantities[q].id;
            let t = text(&session.draft().counts, qid).to_string();
            fields.push(FieldView {
                dom_id: field_dom_id(qid, &ind.id),
                quantity: qid.clone(),
                label: q_name(q),
                changed: has_baseline && t.trim() != text(&base.counts, qid).trim(),
                error: a.issue_for(Field::Count(q)).map(|x| x.message(method, lang)),
                text: t,
                shared_with: users
                    .get(&q)
                    .map(|u| u.iter().filter(|&&j| j != i).map(|&j| method.indicators[j].id.clone()).collect())
                    .unwrap_or_default(),
            });
        }
        let side = |terms: &[(usize, i8)]| -> String {
            let mut s = String::new();
            for (n, &(q, sign)) in terms.iter().enumerate() {
                if n > 0 {
                    s.push_str(if sign < 0 { " − " } else { " + " });
                }
                s.push_str(&q_name(q));
            }
            if terms.len() > 1 {
                format!("({s})")
            } else {
                s
            }
        };
        formula = format!("{} ÷ {}", side(&f.numerator.terms), side(&f.denominator.terms));
        if let Some(j) = f.times_rate_of {
            formula.push_str(&format!(" × {} {}", lang.pick("tỷ lệ", "the rate of"), method.indicators[j].id));
        }
    }

    let scored = outcome.scored();
    let (points, fraction) = match outcome {
        Outcome::Scored(s) => {
            (format::cents(s.points, lang), if ind.max > 0 { s.points as f64 / ind.max as f64 } else { 0.0 })
        }
        _ => ("—".into(), 0.0),
    };
    // The rate before any factor: what the slider and the rate field mean.
    let own_rate = scored.map(|s| s.factor.map(|(own, _)| own).unwrap_or(s.rate));
    let slider = match parse_rate(&rate_text) {
        Ok(r) if rate_mode => r.to_f64() * 100.0,
        _ => own_rate.map(|r| r.to_f64() * 100.0).unwrap_or(0.0),
    };
    let base_rate_mode = base.rate_mode.contains(&ind.id);
    RowView {
        index: i,
        id: ind.id.clone(),
        dom_id: row_dom_id(&ind.id),
        name: ind.name.get(lang).to_string(),
        description: ind.description.get(lang).to_string(),
        confidence: ind.confidence,
        display_only: ind.is_display_only(),
        max: format::points_short(ind.max, lang),
        points,
        fraction,
        rate: scored.filter(|s| s.empty.is_none()).map(|s| format::percent(s.rate, lang)).unwrap_or_else(|| "—".into()),
        rate_mode,
        rate_dom_id: rate_dom_id(&ind.id),
        rate_error: if rate_mode { a.issue_for(Field::Rate(i)).map(|x| x.message(method, lang)) } else { None },
        rate_changed: has_baseline
            && (rate_mode != base_rate_mode || (rate_mode && !same(&rate_text, text(&base.rates, &ind.id)))),
        rate_text,
        slider: slider.clamp(0.0, 100.0),
        fields,
        error: a.issue_for(Field::Indicator(i)).map(|x| x.message(method, lang)),
        formula,
        target: ind
            .target_bp
            .map(|bp| format!("{} {}", lang.pick("đủ điểm từ", "full marks from"), format::percent_bp(bp, lang))),
        explanation: explain::indicator(method, i, outcome, lang),
        source: ind.source.clone(),
        rate_prefill: own_rate.map(|r| crate::session::rate_prefill(r, lang)),
        given: group_given,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{assess, Lang};
    use crate::session::{Action, GoalKind};
    use crate::view::{rank_table, targets, TargetStatus};

    fn build(s: &Session) -> Page {
        let method = s.method();
        let a = assess(method, s.draft());
        let base = s.baseline().unwrap();
        let b = assess(method, &base);
        page(s, &a, Some((&base, &b)), &rank_table(s))
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
        assert!(p.groups[2].given_mode && p.groups[2].unpublished);
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
        let a = assess(s.method(), s.draft());
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
}
