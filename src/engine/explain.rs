//! "How computed": one line per indicator, in either language, from the
//! engine's own result ("2,83% × 6 ÷ 50% = 0,34").

use super::format;
use super::i18n::Lang;
use super::method::{EmptyRule, Methodology};
use super::score::{GroupResult, Outcome};
use crate::text::{self, fill};

/// The explanation of indicator `i`'s outcome.
pub fn indicator(method: &Methodology, i: usize, outcome: &Outcome, lang: Lang) -> String {
    let t = text::t(lang);
    let ind = &method.indicators[i];
    let max = format::points_short(ind.max, lang);
    let s = match outcome {
        Outcome::DisplayOnly => return t.explain_display_only.into(),
        Outcome::Given => return t.explain_given.into(),
        Outcome::Invalid => return t.explain_invalid.into(),
        Outcome::Remainder => return t.explain_remainder.into(),
        Outcome::Scored(s) => s,
    };
    let points = format::cents(s.points, lang);
    if let Some(rule) = s.empty {
        let template = match rule {
            EmptyRule::Full => t.explain_empty_full,
            EmptyRule::Zero => t.explain_empty_zero,
        };
        return fill(template, &[("points", &points)]);
    }
    let mut out = String::new();
    let rate = format::percent(s.rate, lang);
    if let Some((own, factor)) = s.factor {
        let of = ind.formula.as_ref().and_then(|f| f.times_rate_of).unwrap_or(i);
        out.push_str(&fill(
            t.explain_factor,
            &[
                ("own", &format::percent(own, lang)),
                ("factor", &format::percent(factor, lang)),
                ("of", &method.indicators[of].id),
                ("rate", &rate),
            ],
        ));
    }
    let target = ind.target_bp.map(|bp| format::percent_bp(bp, lang)).unwrap_or_default();
    let template = match ind.target_bp {
        Some(_) if s.capped => t.explain_capped,
        Some(_) => t.explain_target,
        None => t.explain_plain,
    };
    out.push_str(&fill(template, &[("rate", &rate), ("max", &max), ("target", &target), ("points", &points)]));
    if s.group_points != s.points {
        let rounded =
            method.groups[ind.group].score_rule.and_then(|r| method.rounding_rules[r].rate_decimals).unwrap_or(2);
        out.push_str(&fill(
            t.explain_group_rounds,
            &[("decimals", &rounded.to_string()), ("points", &format::cents(s.group_points, lang))],
        ));
    }
    out
}

/// The explanation of a group's score.
pub fn group(method: &Methodology, g: usize, result: &GroupResult, lang: Lang) -> String {
    let t = text::t(lang);
    let group = &method.groups[g];
    let cents = |c: i64| format::cents(c, lang);
    match (result.score, result.given, result.indicator_sum, &result.remainder) {
        (Some(score), true, _, _) => fill(t.explain_group_given, &[("score", &cents(score))]),
        (Some(score), false, _, Some(rest)) => fill(
            t.explain_group_split,
            &[("score", &cents(score)), ("sum", &cents(score - rest.cents)), ("rest", &cents(rest.cents))],
        ),
        (Some(score), false, Some(sum), None) if sum != score => {
            fill(t.explain_group_recomputed, &[("score", &cents(score)), ("sum", &cents(sum))])
        }
        (Some(score), false, _, None) => {
            fill(t.explain_group_sum, &[("score", &cents(score)), ("max", &format::points_short(group.max, lang))])
        }
        (None, _, _, _) => t.explain_invalid.into(),
    }
}

/// A name as it reads inside a sentence: "Tỷ lệ hồ sơ…" → "tỷ lệ hồ sơ…",
/// leaving acronyms ("TTHC…") alone.
pub fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(std::iter::once(b)).chain(chars).collect()
        }
        _ => name.to_string(),
    }
}

/// A plan's step in plain words: "Tăng tỷ lệ hồ sơ nộp trực tuyến từ 2,83%
/// lên 50,00% (thêm 12.340 hồ sơ nộp trực tuyến): +5,66 điểm".
pub fn plan_step(method: &Methodology, step: &super::plan::Step, lang: Lang) -> String {
    use super::plan::LeverKind;
    let owner = &method.indicators[step.lever.owner];
    let name = in_sentence(owner.name.get(lang));
    let (r0, r1) = (format::percent(step.rate_from, lang), format::percent(step.rate_to, lang));
    let t = text::t(lang);
    let gain = format::signed_cents(step.gain, lang);
    let delta = (step.to - step.from).abs().round() as u64;
    let also: Vec<&str> = step
        .lever
        .moves
        .iter()
        .filter(|&&i| i != step.lever.owner)
        .map(|&i| method.indicators[i].id.as_str())
        .collect();
    let also = if also.is_empty() { String::new() } else { format!(" ({} {})", t.plan_also, also.join(", ")) };
    let values = |extra: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        let mut v: Vec<(&'static str, String)> = vec![
            ("name", name.clone()),
            ("from", r0.clone()),
            ("to", r1.clone()),
            ("also", also.clone()),
            ("gain", gain.clone()),
            ("points", t.plan_points.to_string()),
        ];
        v.extend(extra.iter().map(|(k, x)| (*k, x.to_string())));
        v
    };
    let (template, v) = match step.lever.kind {
        LeverKind::Increase(q) => {
            let qn = in_sentence(method.quantities[q].name.get(lang));
            (t.plan_raise_count, values(&[("n", &format::count(delta, lang)), ("quantity", &qn)]))
        }
        LeverKind::Decrease(q) => {
            let qn = in_sentence(method.quantities[q].name.get(lang));
            let (from, to) =
                (format::count(step.from.round() as u64, lang), format::count(step.to.round() as u64, lang));
            (
                t.plan_cut_count,
                values(&[
                    ("n", &format::count(delta, lang)),
                    ("quantity", &qn),
                    ("count_from", &from),
                    ("count_to", &to),
                ]),
            )
        }
        LeverKind::Rate(_) => (t.plan_raise_rate, values(&[])),
    };
    let pairs: Vec<(&str, &str)> = v.iter().map(|(k, x)| (*k, x.as_str())).collect();
    fill(template, &pairs)
}
