//! The targets panel: the goal as typed, the plan and the levers table.

use super::BandView;
use crate::engine::inputs::Field;
use crate::engine::plan::{Goal, LeverInfo, LeverKind, Plan, PlanError, Seek};
use crate::engine::{explain, format, Cents, FieldIssue, Lang, Methodology, RankTable};
use crate::session::{GoalKind, Session};
use crate::text::{self, fill};

/// The goal field and the plan, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetsView {
    pub kind: GoalKind,
    pub value: String,
    pub error: Option<String>,
    /// (band id, band name), highest first.
    pub bands: Vec<(String, String)>,
    /// The number of places in the reference table.
    pub rank_of: usize,
    pub status: TargetStatus,
    pub levers: Vec<LeverRow>,
    /// What the plan cannot move: the rest of each split group's score
    /// ("ONLINE 4,72 (3.1, 3.2)"), when there is any.
    pub fixed: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TargetStatus {
    NoGoal,
    /// The inputs have errors: nothing to plan from.
    FixInputs,
    Met {
        goal: String,
    },
    Plan(Box<PlanView>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanView {
    /// "Hạng 5 (65,91 điểm)".
    pub goal: String,
    pub reachable: bool,
    /// The most a total can be ("100"), from the method.
    pub max_total: String,
    /// Plain-word steps.
    pub steps: Vec<String>,
    pub total: String,
    pub band: Option<BandView>,
    pub rank: Option<(usize, usize)>,
    /// "+3,42".
    pub gain: String,
    /// What "apply" writes: (quantity id, count) and (indicator id, rate).
    pub apply_counts: Vec<(String, String)>,
    pub apply_rates: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LeverRow {
    pub owner: String,
    pub owner_name: String,
    /// "− Hồ sơ quá hạn", "+ Hồ sơ có kết quả điện tử", "Tỷ lệ".
    pub what: String,
    pub per_point: String,
    pub per_hundred: String,
    pub headroom: String,
    pub weight: String,
    pub weight_error: Option<String>,
    pub locked: bool,
    /// Goal seek: what this lever alone would need ("lên 62,31% (+12.340)"),
    /// when a goal is set.
    pub alone: Option<String>,
}

fn goal_text(method: &Methodology, goal: &Goal, lang: Lang) -> String {
    let t = text::t(lang);
    let pts = |c: Cents| fill(t.view_points, &[("points", &format::cents(c, lang))]);
    match goal {
        Goal::Total(total) => pts(*total),
        Goal::Band(b) => {
            fill(t.view_goal_band, &[("band", method.bands[*b].name.get(lang)), ("points", &pts(method.bands[*b].min))])
        }
        Goal::Rank { position, total } => {
            fill(t.view_goal_rank, &[("rank", &position.to_string()), ("points", &pts(*total))])
        }
    }
}

/// The targets panel: the goal as typed, the plan (if any) and the levers.
pub fn targets(
    session: &Session,
    plan: Option<&Result<Plan, PlanError>>,
    levers: &[LeverInfo],
    seeks: &[Seek],
    ranks: &RankTable,
) -> TargetsView {
    let method = session.method();
    let lang = session.lang;
    let t = text::t(lang);
    let goal = session.goal();
    let error = goal.as_ref().err().map(|e| e.message(method, lang));
    let status = match (&goal, plan) {
        (Ok(Some(_)), Some(Err(PlanError::InvalidInputs))) => TargetStatus::FixInputs,
        (Ok(Some(g)), Some(Ok(p))) if p.steps.is_empty() && p.reachable => {
            TargetStatus::Met { goal: goal_text(method, g, lang) }
        }
        (Ok(Some(g)), Some(Ok(p))) => {
            let total = p.evaluation.total;
            let mut apply_counts = Vec::new();
            let mut apply_rates = Vec::new();
            for s in &p.steps {
                match s.lever.kind {
                    LeverKind::Increase(q) | LeverKind::Decrease(q) => {
                        if let Some(Some(c)) = p.inputs.counts.get(q) {
                            apply_counts.push((method.quantities[q].id.clone(), c.to_string()));
                        }
                    }
                    LeverKind::Rate(i) => {
                        if let Some(r) = p.inputs.rates.get(i).and_then(|r| r.rate()) {
                            apply_rates
                                .push((method.indicators[i].id.clone(), crate::engine::inputs::rate_text(r, lang)));
                        }
                    }
                }
            }
            TargetStatus::Plan(Box::new(PlanView {
                goal: goal_text(method, g, lang),
                reachable: p.reachable,
                max_total: format::points_short(method.max_total, lang),
                steps: p.steps.iter().map(|s| explain::plan_step(method, s, lang)).collect(),
                total: total.map(|t| format::cents(t, lang)).unwrap_or_else(|| "—".into()),
                band: p.evaluation.band.map(|b| BandView::of(method, b, lang)),
                rank: total.map(|t| {
                    let r = ranks.rank(t);
                    (r.position, r.of)
                }),
                gain: format::signed_cents(total.unwrap_or(p.current) - p.current, lang),
                apply_counts,
                apply_rates,
            }))
        }
        _ => TargetStatus::NoGoal,
    };
    let levers = levers
        .iter()
        .filter_map(|l| {
            // Levers of another method (never shown, but never a panic either).
            let owner = method.indicators.get(l.lever.owner)?;
            let what = match l.lever.kind {
                LeverKind::Increase(q) => format!("+ {}", method.quantities.get(q)?.name.get(lang)),
                LeverKind::Decrease(q) => format!("− {}", method.quantities.get(q)?.name.get(lang)),
                LeverKind::Rate(_) => t.view_lever_rate.to_string(),
            };
            let pts = |x: f64| format!("+{}", format::cents((x * 100.0).round() as i64, lang));
            let room = format!("{} {}", format::cents((l.headroom_points * 100.0).round() as i64, lang), t.view_pp);
            let headroom = if l.headroom_points <= 0.0 {
                t.view_at_maximum.to_string()
            } else if l.lever.is_count() {
                format!("{room} ({})", format::count(l.headroom_units.ceil() as u64, lang))
            } else {
                room
            };
            let weight = session.targets.weights.get(&owner.id).cloned().unwrap_or_default();
            let alone = seeks.iter().find(|x| x.lever.kind == l.lever.kind).map(|x| {
                if x.reachable {
                    let delta = x.to - x.lever.current;
                    let change = if l.lever.is_count() {
                        let n = format::count(delta.abs().round() as u64, lang);
                        if delta < 0.0 {
                            format!(" (−{n})")
                        } else {
                            format!(" (+{n})")
                        }
                    } else {
                        String::new()
                    };
                    fill(t.view_seek_to, &[("rate", &format::percent(x.rate_to, lang)), ("change", &change)])
                } else {
                    fill(t.view_seek_not_enough, &[("total", &format::cents(x.total, lang))])
                }
            });
            Some(LeverRow {
                alone,
                owner: owner.id.clone(),
                owner_name: owner.name.get(lang).to_string(),
                what,
                per_point: pts(l.per_point),
                per_hundred: l.per_hundred.map(pts).unwrap_or_else(|| "—".into()),
                headroom,
                weight_error: (!weight.trim().is_empty())
                    .then(|| crate::session::parse_weight(&weight).err())
                    .flatten()
                    .map(|e| FieldIssue { field: Field::Indicator(l.lever.owner), error: e }.message(method, lang)),
                weight,
                locked: session.targets.locks.contains(&owner.id),
            })
        })
        .collect();
    TargetsView {
        kind: session.targets.kind,
        value: session.targets.value.clone(),
        error,
        bands: method.bands.iter().map(|b| (b.id.clone(), b.name.get(lang).to_string())).collect(),
        rank_of: ranks.len() + 1,
        status,
        levers,
        fixed: fixed(session),
    }
}

/// The rests of the baseline's split groups, which no plan moves.
fn fixed(session: &Session) -> Option<String> {
    let method = session.method();
    let lang = session.lang;
    let (_, base) = super::assess_baseline(session)?;
    let parts: Vec<String> = base
        .evaluation
        .groups
        .iter()
        .enumerate()
        .filter_map(|(g, result)| {
            let r = result.remainder.as_ref().filter(|r| !r.indicators.is_empty())?;
            let ids: Vec<&str> = r.indicators.iter().map(|&i| method.indicators[i].id.as_str()).collect();
            Some(format!("{} {} ({})", method.groups[g].id, format::cents(r.cents, lang), ids.join(", ")))
        })
        .collect();
    (!parts.is_empty()).then(|| fill(text::t(lang).view_plan_fixed, &[("list", &parts.join("; "))]))
}

#[cfg(test)]
mod regression_tests {
    use super::*;
    use crate::engine::plan::{self, Preferences};
    use crate::session::Action;

    /// Found by the end-to-end tests: switching the method while the
    /// planner's results (of the other method) were still on screen indexed
    /// past the new method's indicators and stopped the app.
    #[test]
    fn levers_of_another_method_do_not_panic() {
        let mut s = Session::default();
        let a = crate::engine::assess(s.method(), s.draft());
        let levers = plan::levers(s.method(), &a.inputs, &Preferences::default());
        assert!(levers.iter().any(|l| l.lever.owner >= 19), "portal-2026 has more indicators than document");
        s.apply(Action::SetProfile("document".into()));
        let v = targets(&s, None, &levers, &[], &s.rank_table());
        assert!(v.levers.len() < levers.len());
    }

    #[test]
    fn the_rests_of_split_groups_are_named_as_fixed() {
        let mut s = Session::default();
        let v = targets(&s, None, &[], &[], &s.rank_table());
        assert_eq!(
            v.fixed.as_deref(),
            Some("Phần còn lại của điểm nhóm không đổi trong kế hoạch: ONLINE 8,84 (3.1, 3.2, 3.3); TTTT 0,40 (TTTT.C). Nhập giá trị hiện tại của các chỉ số đó để kế hoạch dùng được chúng.")
        );
        // With 3.3's current rate, 3.3 leaves the rest and joins the levers.
        s.apply(Action::SetRateMode { indicator: "3.3".into(), on: true, prefill: None, current_prefill: None });
        s.apply(Action::SetCurrentRate { indicator: "3.3".into(), text: "31".into() });
        let a = crate::view::assess_scenario(&s, s.draft(), crate::view::assess_baseline(&s).map(|(_, b)| b).as_ref());
        let levers = plan::levers(s.method(), &a.inputs, &Preferences::default());
        let i33 = s.method().indicator_index("3.3").unwrap();
        assert!(levers.iter().any(|l| l.lever.owner == i33));
        let v = targets(&s, None, &levers, &[], &s.rank_table());
        assert!(v.fixed.unwrap().contains("ONLINE 5,12 (3.1, 3.2);"));
    }
}
