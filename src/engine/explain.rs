//! "How computed": one line per indicator, in either language, from the
//! engine's own result ("2,83% × 6 ÷ 50% = 0,34").

use super::format;
use super::i18n::Lang;
use super::method::{EmptyRule, Methodology};
use super::score::{GroupResult, Outcome};

/// The explanation of indicator `i`'s outcome.
pub fn indicator(method: &Methodology, i: usize, outcome: &Outcome, lang: Lang) -> String {
    let ind = &method.indicators[i];
    let max = format::points_short(ind.max, lang);
    let s = match outcome {
        Outcome::DisplayOnly => return lang.pick("Chỉ hiển thị, không tính điểm", "Shown only, not scored").into(),
        Outcome::Given => {
            return lang.pick("Nhóm đang dùng điểm nhập sẵn", "The group uses a given score").into();
        }
        Outcome::Invalid => return lang.pick("Cần sửa số liệu để tính", "Fix the inputs to compute").into(),
        Outcome::Remainder => {
            return lang
                .pick(
                    "Chưa có số liệu: thuộc phần còn lại của điểm nhóm",
                    "No inputs: part of the rest of the group's score",
                )
                .into()
        }
        Outcome::Scored(s) => s,
    };
    let points = format::cents(s.points, lang);
    if let Some(rule) = s.empty {
        return match rule {
            EmptyRule::Full => format!(
                "{} → {} {points}",
                lang.pick("Mẫu số bằng 0 (không phát sinh)", "Denominator is 0 (none arose)"),
                lang.pick("đủ điểm", "full marks")
            ),
            EmptyRule::Zero => format!("{} → {points}", lang.pick("Mẫu số bằng 0", "Denominator is 0")),
        };
    }
    let mut out = String::new();
    if let Some((own, factor)) = s.factor {
        let of = method.indicators[method.indicators[i].formula.as_ref().and_then(|f| f.times_rate_of).unwrap_or(i)]
            .id
            .clone();
        out.push_str(&format!(
            "{} × {} ({of}) = {}; ",
            format::percent(own, lang),
            format::percent(factor, lang),
            format::percent(s.rate, lang)
        ));
    }
    let rate = format::percent(s.rate, lang);
    match ind.target_bp {
        Some(bp) if s.capped => out.push_str(&format!(
            "{rate} ≥ {} ({}) → {points}",
            format::percent_bp(bp, lang),
            lang.pick("mức đủ điểm", "full-marks level")
        )),
        Some(bp) => out.push_str(&format!("{rate} × {max} ÷ {} = {points}", format::percent_bp(bp, lang))),
        None => out.push_str(&format!("{rate} × {max} = {points}")),
    }
    if s.group_points != s.points {
        let rounded =
            method.groups[ind.group].score_rule.and_then(|r| method.rounding_rules[r].rate_decimals).unwrap_or(2);
        out.push_str(&format!(
            " ({} {}: {})",
            lang.pick("nhóm tính từ tỷ lệ làm tròn", "the group counts it from the rate rounded to"),
            match lang {
                Lang::Vi => format!("{rounded} chữ số"),
                Lang::En => format!("{rounded} decimals"),
            },
            format::cents(s.group_points, lang)
        ));
    }
    out
}

/// The explanation of a group's score.
pub fn group(method: &Methodology, g: usize, result: &GroupResult, lang: Lang) -> String {
    let group = &method.groups[g];
    match (result.score, result.given, result.indicator_sum) {
        (Some(score), true, _) => {
            format!("{} {}", lang.pick("Điểm nhập sẵn:", "Given score:"), format::cents(score, lang))
        }
        (Some(score), false, Some(sum)) if sum != score => format!(
            "{} {} ({} {})",
            lang.pick("Điểm nhóm", "Group score"),
            format::cents(score, lang),
            lang.pick(
                "Cổng tính lại từ tỷ lệ làm tròn; tổng điểm hiển thị của các chỉ số là",
                "the portal recomputes from rounded rates; the indicators' shown points add up to"
            ),
            format::cents(sum, lang)
        ),
        (Some(score), false, _) => format!(
            "{} = {} / {}",
            lang.pick("Tổng điểm các chỉ số", "Sum of the indicators' points"),
            format::cents(score, lang),
            format::points_short(group.max, lang)
        ),
        (None, _, _) => lang.pick("Cần sửa số liệu để tính", "Fix the inputs to compute").into(),
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
    let gain = format::signed_cents(step.gain, lang);
    let points = lang.pick("điểm", "points");
    let delta = (step.to - step.from).abs().round() as u64;
    let also: Vec<&str> = step
        .lever
        .moves
        .iter()
        .filter(|&&i| i != step.lever.owner)
        .map(|&i| method.indicators[i].id.as_str())
        .collect();
    let also = if also.is_empty() {
        String::new()
    } else {
        format!(" ({} {})", lang.pick("cũng nâng", "also raises"), also.join(", "))
    };
    match step.lever.kind {
        LeverKind::Increase(q) => {
            let qn = in_sentence(method.quantities[q].name.get(lang));
            let n = format::count(delta, lang);
            match lang {
                Lang::Vi => format!("Tăng {name} từ {r0} lên {r1} (thêm {n} {qn}){also}: {gain} {points}"),
                Lang::En => format!("Raise {name} from {r0} to {r1} ({n} more {qn}){also}: {gain} {points}"),
            }
        }
        LeverKind::Decrease(q) => {
            let qn = in_sentence(method.quantities[q].name.get(lang));
            let (from, to) =
                (format::count(step.from.round() as u64, lang), format::count(step.to.round() as u64, lang));
            let n = format::count(delta, lang);
            match lang {
                Lang::Vi => format!(
                    "Giảm {qn} từ {from} xuống {to} (bớt {n}), nâng {name} từ {r0} lên {r1}{also}: {gain} {points}"
                ),
                Lang::En => {
                    format!("Cut {qn} from {from} to {to} ({n} fewer), raising {name} from {r0} to {r1}{also}: {gain} {points}")
                }
            }
        }
        LeverKind::Rate(_) => match lang {
            Lang::Vi => format!("Tăng {name} từ {r0} lên {r1}{also}: {gain} {points}"),
            Lang::En => format!("Raise {name} from {r0} to {r1}{also}: {gain} {points}"),
        },
    }
}
