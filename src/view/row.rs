//! One indicator's row: its fields (counts or a rate, and the current
//! value where the table does not hold it), its points, rate and how they
//! were computed.

use std::collections::BTreeMap;

use super::page::Base;
use super::{ids, same, text};
use crate::engine::inputs::{parse_rate, Field};
use crate::engine::{explain, format, Assessment, Confidence, Draft, Methodology, Outcome};
use crate::session::Session;
use crate::text::{self, fill};

/// A field for an input's current value ("hiện tại"), beside the value to
/// try, when the reference table does not hold it.
#[derive(Clone, Debug, PartialEq)]
pub struct CurrentField {
    pub dom_id: String,
    pub text: String,
    pub error: Option<String>,
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
    /// The count's current value, when the table does not hold it.
    pub current: Option<CurrentField>,
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
    /// "3,46", "—", or that it is part of the group's remainder.
    pub points: String,
    /// The points of its current value, when the user gave it ("hiện tại 3,72").
    pub current_points: Option<String>,
    pub fraction: f64,
    /// Without inputs, part of its group's remainder.
    pub in_remainder: bool,
    /// The table does not hold its inputs: the user gives the current value
    /// ("hiện tại") beside the value to try ("thử").
    pub needs_current: bool,
    /// The resulting rate, "86,54%" or "—".
    pub rate: String,
    pub rate_mode: bool,
    pub rate_dom_id: String,
    pub rate_text: String,
    pub rate_error: Option<String>,
    pub rate_changed: bool,
    /// The current rate, when the table does not hold it: typed (rate
    /// mode), or from the current counts the user gave.
    pub current_rate: Option<CurrentField>,
    /// What the line's rate field shows: the rate typed (rate mode), or the
    /// rate the counts give ("86,54"), empty when there is none.
    pub line_rate: String,
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
    /// The rate to prefill when switching to rate mode (for the value to
    /// try, and for the current value).
    pub rate_prefill: Option<String>,
    pub current_rate_prefill: Option<String>,
    /// The group's score is given: the row is not computed.
    pub given: bool,
}

impl RowView {
    /// What a rate typed on the row's line does: tries that rate (rate mode
    /// on), or gives the current rate when `current`.
    pub fn try_rate(&self, text: String, current: bool) -> crate::session::Action {
        crate::session::Action::TryRate {
            indicator: self.id.clone(),
            text,
            current,
            current_prefill: self.current_rate_prefill.clone(),
        }
    }
}

/// What every row of the page is built from.
pub(super) struct RowContext<'a> {
    pub(super) session: &'a Session,
    pub(super) method: &'a Methodology,
    pub(super) a: &'a Assessment,
    pub(super) users: &'a BTreeMap<usize, Vec<usize>>,
    pub(super) base: Option<Base<'a>>,
    pub(super) base_draft: &'a Draft,
    pub(super) group_given: bool,
    /// The baseline splits the row's group from its known score.
    pub(super) base_split: bool,
}

pub(super) fn row(cx: &RowContext, i: usize) -> RowView {
    let (session, method, a) = (cx.session, cx.method, cx.a);
    let lang = session.lang;
    let t = text::t(lang);
    let has_baseline = cx.base.is_some();
    let base = cx.base_draft;
    let ind = &method.indicators[i];
    let outcome = &a.evaluation.indicators[i];
    let rate_mode = session.draft().rate_mode.contains(&ind.id);
    let rate_text = text(&session.draft().rates, &ind.id).to_string();
    let q_name = |q: usize| method.quantities[q].name.get(lang).to_string();
    let current_issue =
        |field: Field| cx.base.and_then(|b| b.assessment.issue_for(field)).map(|x| x.message(method, lang));
    // The current value is the user's to give when the table does not hold
    // the inputs of an indicator of a group split from its known score.
    let needs_current = !ind.is_display_only() && cx.base.is_some_and(|b| !b.holds(method, i)) && cx.base_split;

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
            let dom_id = ids::count(&ind.id, qid);
            let current = (needs_current && !cx.base.is_some_and(|b| b.holds_count(qid))).then(|| CurrentField {
                dom_id: ids::current(&dom_id),
                text: text(&session.current.counts, qid).to_string(),
                error: current_issue(Field::Count(q)),
            });
            fields.push(FieldView {
                dom_id,
                quantity: qid.clone(),
                label: q_name(q),
                changed: has_baseline && t.trim() != text(&base.counts, qid).trim(),
                error: a.issue_for(Field::Count(q)).map(|x| x.message(method, lang)),
                text: t,
                shared_with: cx
                    .users
                    .get(&q)
                    .map(|u| u.iter().filter(|&&j| j != i).map(|&j| method.indicators[j].id.clone()).collect())
                    .unwrap_or_default(),
                current,
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
            formula.push_str(&fill(t.view_times_rate_of, &[("indicator", &method.indicators[j].id)]));
        }
    }

    let scored = outcome.scored();
    let (points, fraction) = match outcome {
        Outcome::Scored(s) => {
            (format::cents(s.points, lang), if ind.max > 0 { s.points as f64 / ind.max as f64 } else { 0.0 })
        }
        Outcome::Remainder => (t.view_in_rest.into(), 0.0),
        _ => ("—".into(), 0.0),
    };
    // The rate before any factor: what the slider and the rate field mean.
    let own = |o: &Outcome| o.scored().map(|s| s.factor.map(|(own, _)| own).unwrap_or(s.rate));
    let own_rate = own(outcome);
    let slider = match parse_rate(&rate_text) {
        Ok(r) if rate_mode => r.to_f64() * 100.0,
        _ => own_rate.map(|r| r.to_f64() * 100.0).unwrap_or(0.0),
    };
    let base_rate_mode = base.rate_mode.contains(&ind.id);
    let rate_prefill = own_rate.map(|r| crate::session::rate_prefill(r, lang));
    let base_outcome = cx.base.map(|b| &b.assessment.evaluation.indicators[i]);
    let current_prefill = base_outcome.and_then(own).map(|r| crate::session::rate_prefill(r, lang));
    RowView {
        index: i,
        id: ind.id.clone(),
        dom_id: ids::row(&ind.id),
        name: ind.name.get(lang).to_string(),
        description: ind.description.get(lang).to_string(),
        confidence: ind.confidence,
        display_only: ind.is_display_only(),
        max: format::points_short(ind.max, lang),
        points,
        fraction,
        current_points: base_outcome
            .filter(|_| needs_current)
            .and_then(|o| o.points())
            .map(|p| fill(t.view_current_points, &[("points", &format::cents(p, lang))])),
        in_remainder: matches!(outcome, Outcome::Remainder),
        needs_current,
        rate: scored.filter(|s| s.empty.is_none()).map(|s| format::percent(s.rate, lang)).unwrap_or_else(|| "—".into()),
        rate_mode,
        rate_dom_id: ids::rate(&ind.id),
        rate_error: if rate_mode { a.issue_for(Field::Rate(i)).map(|x| x.message(method, lang)) } else { None },
        rate_changed: has_baseline
            && (rate_mode != base_rate_mode || (rate_mode && !same(&rate_text, text(&base.rates, &ind.id)))),
        current_rate: needs_current.then(|| CurrentField {
            dom_id: ids::current(&ids::rate(&ind.id)),
            text: if session.current.rate_mode.contains(&ind.id) {
                text(&session.current.rates, &ind.id).to_string()
            } else {
                current_prefill.clone().unwrap_or_default()
            },
            error: current_issue(Field::Rate(i)),
        }),
        line_rate: if rate_mode {
            rate_text.clone()
        } else {
            own_rate.map(|r| format::percent(r, lang).trim_end_matches('%').to_string()).unwrap_or_default()
        },
        rate_text,
        slider: slider.clamp(0.0, 100.0),
        fields,
        error: a.issue_for(Field::Indicator(i)).map(|x| x.message(method, lang)),
        formula,
        target: ind.target_bp.map(|bp| fill(t.view_full_from, &[("target", &format::percent_bp(bp, lang))])),
        explanation: explain::indicator(method, i, outcome, lang),
        source: ind.source.clone(),
        rate_prefill,
        current_rate_prefill: current_prefill,
        given: cx.group_given,
    }
}
