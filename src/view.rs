//! What the calculator shows, computed from the session and the engine's
//! results: every text already in the user's language and number format.
//! Pure (no web dependencies), so the whole page's content is tested
//! natively; the Yew components only lay it out.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::inputs::{parse_rate, Field};
use crate::engine::plan::{Goal, LeverInfo, LeverKind, Plan, PlanError, Seek};
use crate::engine::{
    explain, format, Assessment, Cents, Confidence, Draft, FieldIssue, Lang, Methodology, Outcome, RankTable,
};
use crate::session::{GoalKind, Session};

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub summary: SummaryView,
    pub groups: Vec<Rc<GroupView>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BandView {
    pub name: String,
    pub color: String,
    pub estimate: bool,
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

fn dom(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

pub fn field_dom_id(quantity: &str, indicator: &str) -> String {
    format!("q-{}-{}", dom(indicator), dom(quantity))
}
pub fn rate_dom_id(indicator: &str) -> String {
    format!("rate-{}", dom(indicator))
}
pub fn given_dom_id(group: &str) -> String {
    format!("given-{}", dom(group))
}
pub fn row_dom_id(indicator: &str) -> String {
    format!("ind-{}", dom(indicator))
}

fn text<'a>(map: &'a BTreeMap<String, String>, key: &str) -> &'a str {
    map.get(key).map(String::as_str).unwrap_or("")
}

/// Whether two texts mean the same value (so "8,84" and "8.84" are equal).
fn same(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
        || matches!(
            (
                crate::engine::number::parse(a, crate::engine::number::NumberKind::Decimal),
                crate::engine::number::parse(b, crate::engine::number::NumberKind::Decimal)
            ),
            (Ok(x), Ok(y)) if x.value.to_f64() == y.value.to_f64()
        )
}

/// The rank table: the reference table's published totals, the session's
/// unit left out.
pub fn rank_table(session: &Session) -> RankTable {
    session.rank_table()
}

fn fraction(score: Option<Cents>, max: Cents) -> f64 {
    match score {
        Some(s) if max > 0 => (s as f64 / max as f64).clamp(0.0, 1.0),
        _ => 0.0,
    }
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
        band: ev.band.map(|b| {
            let band = &method.bands[b];
            BandView {
                name: band.name.get(lang).to_string(),
                color: band.color.clone(),
                estimate: band.confidence.is_estimate(),
            }
        }),
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
    let pts = |c: Cents| format!("{} {}", format::cents(c, lang), lang.pick("điểm", "points"));
    match goal {
        Goal::Total(t) => pts(*t),
        Goal::Band(b) => format!(
            "{} {} ({})",
            lang.pick("Xếp loại", "Band"),
            method.bands[*b].name.get(lang),
            pts(method.bands[*b].min)
        ),
        Goal::Rank { position, total } => format!("{} {position} ({})", lang.pick("Hạng", "Rank"), pts(*total)),
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
                steps: p.steps.iter().map(|s| explain::plan_step(method, s, lang)).collect(),
                total: total.map(|t| format::cents(t, lang)).unwrap_or_else(|| "—".into()),
                band: p.evaluation.band.map(|b| {
                    let band = &method.bands[b];
                    BandView {
                        name: band.name.get(lang).to_string(),
                        color: band.color.clone(),
                        estimate: band.confidence.is_estimate(),
                    }
                }),
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
                LeverKind::Rate(_) => lang.pick("Tỷ lệ (nhập trực tiếp)", "Rate (entered directly)").to_string(),
            };
            let pts = |x: f64| format!("+{}", format::cents((x * 100.0).round() as i64, lang));
            let headroom = if l.headroom_points <= 0.0 {
                lang.pick("đã tối đa", "at its maximum").to_string()
            } else if l.lever.is_count() {
                format!(
                    "{} {} ({})",
                    format::cents((l.headroom_points * 100.0).round() as i64, lang),
                    lang.pick("điểm %", "pp"),
                    format::count(l.headroom_units.ceil() as u64, lang)
                )
            } else {
                format!(
                    "{} {}",
                    format::cents((l.headroom_points * 100.0).round() as i64, lang),
                    lang.pick("điểm %", "pp")
                )
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
                    format!("{} {}{change}", lang.pick("lên", "to"), format::percent(x.rate_to, lang))
                } else {
                    format!("{} {}", lang.pick("không đủ: tối đa", "not enough: at most"), format::cents(x.total, lang))
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
    }
}

/// A slider position in percent as its `value` attribute: "45.5".
pub fn slider_value(percent: f64) -> String {
    let tenths = (percent.clamp(0.0, 100.0) * 10.0).round() as u32;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The label of the language switch's other language.
pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Tiếng Việt",
        Lang::En => "English",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::assess;
    use crate::session::Action;

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

/// The results of one column of the comparison (the baseline or a scenario).
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnResult {
    pub name: String,
    pub baseline: bool,
    pub selected: bool,
    /// Index into the session's scenarios (`None` for the baseline).
    pub scenario: Option<usize>,
    pub groups: Vec<Option<Cents>>,
    pub total: Option<Cents>,
    pub band: Option<usize>,
    pub rank: Option<(usize, usize)>,
    pub indicators: Vec<Option<Cents>>,
}

/// The baseline (when there is a unit) and every scenario, scored.
pub fn columns(session: &Session) -> Vec<ColumnResult> {
    let method = session.method();
    let current = session.current().map(|c| crate::engine::assess(method, &c.draft));
    let baseline = session.baseline().map(|d| crate::engine::assess(method, &d));
    columns_from(session, current.as_ref(), baseline.as_ref(), &session.rank_table())
}

/// [`columns`] with what the page has already computed: the selected
/// scenario's and the baseline's assessments and the rank table. Only the
/// other scenarios are scored here, so a keystroke scores nothing twice.
pub fn columns_from(
    session: &Session,
    current: Option<&Assessment>,
    baseline: Option<&Assessment>,
    ranks: &RankTable,
) -> Vec<ColumnResult> {
    let method = session.method();
    let lang = session.lang;
    let column = |name: String, a: &Assessment, baseline: bool, scenario: Option<usize>| {
        let ev = &a.evaluation;
        ColumnResult {
            name,
            baseline,
            selected: scenario == Some(session.selected),
            scenario,
            groups: ev.groups.iter().map(|g| g.score).collect(),
            total: ev.total,
            band: ev.band,
            rank: ev.total.map(|t| {
                let r = ranks.rank(t);
                (r.position, r.of)
            }),
            indicators: ev.indicators.iter().map(|o| o.points()).collect(),
        }
    };
    let mut out = Vec::new();
    if let Some(base) = baseline {
        out.push(column(lang.pick("Số liệu gốc", "Published").to_string(), base, true, None));
    }
    for (i, s) in session.scenarios.iter().enumerate() {
        let name = session.display_name(i);
        match current {
            Some(a) if i == session.selected => out.push(column(name, a, false, Some(i))),
            _ => out.push(column(name, &crate::engine::assess(method, &s.draft), false, Some(i))),
        }
    }
    out
}

/// A cell of the comparison: the value, and its change against the baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareCell {
    pub text: String,
    /// "+2,41" / "↑3" (None for the baseline or when unchanged or unknown).
    pub delta: Option<String>,
    /// Better (true) or worse (false) than the baseline.
    pub better: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    pub label: String,
    /// The total, band and rank rows stand out.
    pub key: bool,
    pub cells: Vec<CompareCell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonView {
    /// (name, is baseline, is selected, scenario index)
    pub columns: Vec<(String, bool, bool, Option<usize>)>,
    pub rows: Vec<CompareRow>,
}

/// The scenarios side by side, differences from the baseline marked.
pub fn comparison(session: &Session, cols: &[ColumnResult]) -> ComparisonView {
    let method = session.method();
    let lang = session.lang;
    let base = cols.iter().find(|c| c.baseline);
    let cents_row = |label: String, key: bool, get: &dyn Fn(&ColumnResult) -> Option<Cents>| CompareRow {
        label,
        key,
        cells: cols
            .iter()
            .map(|c| {
                let v = get(c);
                let b = base.and_then(get);
                let (delta, better) = match (v, b, c.baseline) {
                    (Some(v), Some(b), false) if v != b => (Some(format::signed_cents(v - b, lang)), Some(v > b)),
                    _ => (None, None),
                };
                CompareCell { text: v.map(|v| format::cents(v, lang)).unwrap_or_else(|| "—".into()), delta, better }
            })
            .collect(),
    };
    let mut rows: Vec<CompareRow> = method
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            cents_row(format!("{} {}", group.id, group.name.get(lang)), false, &|c: &ColumnResult| c.groups[g])
        })
        .collect();
    rows.push(cents_row(lang.pick("Tổng điểm", "Total").into(), true, &|c: &ColumnResult| c.total));
    rows.push(CompareRow {
        label: lang.pick("Xếp loại", "Band").into(),
        key: true,
        cells: cols
            .iter()
            .map(|c| {
                let better = match (c.band, base.and_then(|b| b.band), c.baseline) {
                    // Bands are listed highest first.
                    (Some(x), Some(y), false) if x != y => Some(x < y),
                    _ => None,
                };
                CompareCell {
                    text: c.band.map(|b| method.bands[b].name.get(lang).to_string()).unwrap_or_else(|| "—".into()),
                    delta: None,
                    better,
                }
            })
            .collect(),
    });
    rows.push(CompareRow {
        label: lang.pick("Thứ hạng", "Rank").into(),
        key: true,
        cells: cols
            .iter()
            .map(|c| {
                let (delta, better) = match (c.rank, base.and_then(|b| b.rank), c.baseline) {
                    (Some((r, _)), Some((b, _)), false) if r != b => {
                        (Some(if r < b { format!("↑{}", b - r) } else { format!("↓{}", r - b) }), Some(r < b))
                    }
                    _ => (None, None),
                };
                CompareCell {
                    text: c.rank.map(|(r, of)| format!("{r}/{of}")).unwrap_or_else(|| "—".into()),
                    delta,
                    better,
                }
            })
            .collect(),
    });
    ComparisonView {
        columns: cols.iter().map(|c| (c.name.clone(), c.baseline, c.selected, c.scenario)).collect(),
        rows,
    }
}

/// The comparison and every indicator's points as CSV for a spreadsheet:
/// UTF-8 with a byte-order mark (so that Vietnamese shows right), comma
/// separated, numbers with a dot, CRLF line ends.
pub fn results_csv(session: &Session, cols: &[ColumnResult]) -> String {
    let method = session.method();
    let lang = session.lang;
    let num = |v: Option<Cents>| v.map(format::plain_cents).unwrap_or_default();
    let mut rows = Vec::new();
    let mut header = vec![lang.pick("Mục", "Item").to_string()];
    header.extend(cols.iter().map(|c| c.name.clone()));
    rows.push(header);
    for (g, group) in method.groups.iter().enumerate() {
        let mut row = vec![format!("{} {}", group.id, group.name.get(lang))];
        row.extend(cols.iter().map(|c| num(c.groups[g])));
        rows.push(row);
    }
    let mut total = vec![lang.pick("Tổng điểm", "Total").to_string()];
    total.extend(cols.iter().map(|c| num(c.total)));
    rows.push(total);
    let mut band = vec![lang.pick("Xếp loại", "Band").to_string()];
    band.extend(cols.iter().map(|c| c.band.map(|b| method.bands[b].name.get(lang).to_string()).unwrap_or_default()));
    rows.push(band);
    let mut rank = vec![lang.pick("Thứ hạng", "Rank").to_string()];
    rank.extend(cols.iter().map(|c| c.rank.map(|(r, of)| format!("{r}/{of}")).unwrap_or_default()));
    rows.push(rank);
    for (i, ind) in method.indicators.iter().enumerate() {
        if ind.is_display_only() {
            continue;
        }
        let mut row = vec![format!("{} {}", ind.id, ind.name.get(lang))];
        row.extend(cols.iter().map(|c| num(c.indicators[i])));
        rows.push(row);
    }
    spreadsheet_csv(rows)
}

/// Rows as a CSV file for a spreadsheet: UTF-8 with a byte-order mark (so
/// that Vietnamese shows right), commas, CRLF line ends, fields quoted
/// where they need it.
fn spreadsheet_csv(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::from("\u{feff}"));
    for row in rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(&row);
    }
    w.into_inner().ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default()
}

/// One history row, with the problems of its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryRowView {
    pub row: crate::history::HistoryRow,
    /// Column → message.
    pub errors: BTreeMap<String, String>,
}

/// A checked period for the accessible table beside the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryPointView {
    pub period: String,
    pub total: String,
    pub rank: String,
    pub band: String,
    /// "Tổng các nhóm 82,10 ≠ 82,88".
    pub warning: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryView {
    pub unit: String,
    pub group_ids: Vec<String>,
    pub rows: Vec<HistoryRowView>,
    pub points: Vec<HistoryPointView>,
    pub chart: Option<crate::history::Chart>,
}

pub fn history(session: &Session) -> HistoryView {
    let method = session.method();
    let lang = session.lang;
    let (points, issues) = session.history.check(method);
    let rows = session
        .history
        .rows
        .iter()
        .enumerate()
        .map(|(n, r)| HistoryRowView {
            row: r.clone(),
            errors: issues
                .iter()
                .filter(|i| i.row == n + 1)
                .map(|i| (i.column.clone(), i.message(method, lang)))
                .collect(),
        })
        .collect();
    HistoryView {
        unit: session.history.unit.clone(),
        group_ids: method.groups.iter().map(|g| g.id.clone()).collect(),
        rows,
        points: points
            .iter()
            .map(|p| HistoryPointView {
                period: p.period.clone(),
                total: format::cents(p.total, lang),
                rank: p
                    .rank
                    .map(|(r, of)| if of > 0 { format!("{r}/{of}") } else { r.to_string() })
                    .unwrap_or_default(),
                band: method.bands[method.band_of(p.total)].name.get(lang).to_string(),
                warning: p.inconsistent.map(|sum| {
                    format!(
                        "{} {} ≠ {}",
                        lang.pick("Tổng các nhóm", "The groups add up to"),
                        format::cents(sum, lang),
                        format::cents(p.total, lang)
                    )
                }),
            })
            .collect(),
        chart: (!points.is_empty()).then(|| crate::history::chart(&points, method, lang)),
    }
}

#[cfg(test)]
mod comparison_tests {
    use super::*;
    use crate::session::Action;

    #[test]
    fn scenarios_side_by_side() {
        let mut s = Session::default();
        s.apply(Action::ChooseUnit("H38".into()));
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
        s.apply(Action::NewScenario);
        s.apply(Action::SetCount { quantity: "petitions_overdue".into(), text: "0".into() });
        let cols = columns(&s);
        assert_eq!(cols.len(), 3);
        assert!(cols[0].baseline && cols[2].selected);
        let v = comparison(&s, &cols);
        assert_eq!(v.columns[0].0, "Số liệu gốc");
        let total = v.rows.iter().find(|r| r.label == "Tổng điểm").unwrap();
        assert_eq!(total.cells[0].text, "61,72");
        assert!(total.cells[1].delta.as_deref().unwrap().starts_with('+'));
        assert_eq!(total.cells[1].better, Some(true));
        let rank = v.rows.iter().find(|r| r.label == "Thứ hạng").unwrap();
        assert_eq!(rank.cells[0].text, "23/34");
        assert!(rank.cells[2].delta.as_deref().unwrap().starts_with('↑'));
        let csv = results_csv(&s, &cols);
        assert!(csv.starts_with("\u{feff}Mục,Số liệu gốc,Kịch bản 1,Kịch bản 2\r\n"));
        assert!(csv.contains("\r\nTổng điểm,61.72,"));
        assert!(csv.contains("\r\nThứ hạng,23/34,"));
        // A name with a comma is quoted.
        assert!(csv.contains("\r\n\"2.1 Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn\",18.54,20.00,18.54\r\n"), "{csv}");
    }

    #[test]
    fn the_history_view_flags_and_charts() {
        let mut s = Session::default();
        s.apply(Action::ReplaceHistory(crate::history::History::example(s.method())));
        s.apply(Action::AddHistoryRow);
        s.apply(Action::SetHistoryCell { row: 7, column: crate::session::HistoryColumn::Total, text: "abc".into() });
        let h = history(&s);
        assert_eq!(h.points.len(), 7);
        assert_eq!(h.points[0].rank, "31/63");
        assert_eq!(h.points[6].warning.as_deref(), Some("Tổng các nhóm 82,10 ≠ 82,88"));
        assert_eq!(h.rows[7].errors.get("period").map(String::as_str), Some("Chưa nhập giá trị"));
        assert!(h.chart.is_some());
    }
}

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
    rows.sort_by(|a, b| {
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

/// The whole batch as CSV (UTF-8 with BOM, numbers with a dot).
pub fn batch_csv(
    method: &Methodology,
    table: &crate::engine::Table,
    scored: &[crate::engine::batch::Scored],
    lang: Lang,
) -> String {
    let num = |v: Option<Cents>| v.map(format::plain_cents).unwrap_or_default();
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
    spreadsheet_csv(std::iter::once(header).chain(rows))
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
        assert_eq!(spreadsheet_csv(rows), "\u{feff}a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,Đồng Tháp\r\n");
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
        let csv = batch_csv(m, &t, &scored, Lang::Vi);
        assert!(csv.starts_with(
            "\u{feff}code,name,kind,CKMB,TDGQ,ONLINE,TTTT,MDHL,MDSH,total,published,difference,band,rank\r\n"
        ));
        assert!(csv.contains(
            "\r\nH20,UBND tỉnh Đồng Tháp,PROVINCE,11.46,17.69,8.84,6.42,14.67,9.72,68.80,68.80,0.00,Trung bình,1\r\n"
        ));
    }
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
}
