//! The checks a methodology passes, and its indexed form.

use std::collections::HashMap;

use super::file::File;
use super::*;

fn is_id(s: &str, extra: &[char]) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(&c))
}

fn confidence(name: &str, place: &str) -> Result<Confidence, MethodError> {
    Confidence::from_name(name).ok_or_else(|| {
        MethodError(format!("{place}: unknown confidence \"{name}\" (known: {})", Confidence::NAMES.join(", ")))
    })
}

fn round_mode(name: &str, place: &str) -> Result<RoundMode, MethodError> {
    RoundMode::from_name(name).ok_or_else(|| {
        MethodError(format!("{place}: unknown rounding rule \"{name}\" (known: {})", RoundMode::NAMES.join(", ")))
    })
}

fn arithmetic(name: &str, place: &str) -> Result<Arithmetic, MethodError> {
    Arithmetic::from_name(name).ok_or_else(|| {
        MethodError(format!("{place}: unknown arithmetic \"{name}\" (known: {})", Arithmetic::NAMES.join(", ")))
    })
}

fn text(t: &Text, place: &str) -> Result<(), MethodError> {
    if t.vi.trim().is_empty() || t.en.trim().is_empty() {
        return err(format!("{place}: needs both a Vietnamese and an English text"));
    }
    Ok(())
}

fn expr(src: &str, place: &str, quantities: &HashMap<&str, usize>) -> Result<Expr, MethodError> {
    let mut terms = Vec::new();
    let mut sign = 1i8;
    let mut current = String::new();
    let push = |name: &str, sign: i8, terms: &mut Vec<(usize, i8)>| -> Result<(), MethodError> {
        let name = name.trim();
        if name.is_empty() {
            return err(format!("{place}: \"{src}\" is not a sum or difference of quantities"));
        }
        match quantities.get(name) {
            Some(&q) => {
                terms.push((q, sign));
                Ok(())
            }
            None => err(format!("{place}: unknown quantity \"{name}\"")),
        }
    };
    for c in src.chars() {
        if c == '+' || c == '-' {
            push(&current, sign, &mut terms)?;
            current.clear();
            sign = if c == '+' { 1 } else { -1 };
        } else {
            current.push(c);
        }
    }
    push(&current, sign, &mut terms)?;
    Ok(Expr { terms })
}

pub(super) fn compile(file: File) -> Result<Methodology, MethodError> {
    let p = &file.profile;
    if !is_id(&p.id, &['-', '_', '.']) {
        return err(format!("profile.id: \"{}\" must be letters, digits, '-', '_' or '.'", p.id));
    }
    if p.version.trim().is_empty() {
        return err("profile.version: must not be empty");
    }
    text(&p.name, "profile.name")?;
    text(&p.description, "profile.description")?;

    let Some(rounding) = &file.rounding else {
        return err("rounding: the section is missing");
    };
    if rounding.points_decimals != 2 {
        return err(format!(
            "rounding.points_decimals: {} is not supported (points are kept to 2 decimals)",
            rounding.points_decimals
        ));
    }
    let points_rounding = round_mode(&rounding.points, "rounding.points")?;
    let points_arithmetic = arithmetic(rounding.arithmetic.as_deref().unwrap_or("exact"), "rounding.arithmetic")?;
    let rounding_confidence = confidence(&rounding.confidence, "rounding")?;

    let Some(ranking) = &file.ranking else {
        return err("ranking: the section is missing");
    };
    if ranking.order != "descending" {
        return err(format!("ranking.order: unknown rule \"{}\" (known: descending)", ranking.order));
    }
    if ranking.compare_decimals != 2 {
        return err(format!("ranking.compare_decimals: {} is not supported (known: 2)", ranking.compare_decimals));
    }
    if ranking.ties != "competition" {
        return err(format!("ranking.ties: unknown rule \"{}\" (known: competition)", ranking.ties));
    }

    // Bands.
    let file_bands = file.bands.as_deref().unwrap_or(&[]);
    if file_bands.is_empty() {
        return err("bands: at least one band is needed");
    }
    let mut bands = Vec::new();
    for (n, b) in file_bands.iter().enumerate() {
        let place = format!("bands[{n}] \"{}\"", b.id);
        if !is_id(&b.id, &['-', '_']) {
            return err(format!("{place}: the id must be letters, digits, '-' or '_'"));
        }
        if bands.iter().any(|o: &Band| o.id == b.id) {
            return err(format!("{place}: duplicate band id"));
        }
        text(&b.name, &format!("{place}.name"))?;
        let min = b.min.hundredths(&format!("{place}.min"))?;
        if !(0..=10_000).contains(&min) {
            return err(format!("{place}.min: must be between 0 and 100"));
        }
        let c = b.color.as_bytes();
        if c.len() != 7 || c[0] != b'#' || !c[1..].iter().all(|x| x.is_ascii_hexdigit()) {
            return err(format!("{place}.color: \"{}\" is not a colour like #1a7f37", b.color));
        }
        bands.push(Band {
            id: b.id.clone(),
            name: b.name.clone(),
            min,
            color: b.color.clone(),
            confidence: confidence(&b.confidence, &place)?,
            source: b.source.clone(),
        });
    }
    bands.sort_by_key(|b| std::cmp::Reverse(b.min));
    for w in bands.windows(2) {
        if w[0].min == w[1].min {
            return err(format!(
                "bands: \"{}\" and \"{}\" overlap (both start at {})",
                w[0].id,
                w[1].id,
                super::super::format::plain_cents(w[0].min)
            ));
        }
    }
    if bands.last().map(|b| b.min) != Some(0) {
        return err("bands: the lowest band must start at 0 so that every total has a band");
    }

    // Quantities.
    let mut quantities = Vec::new();
    let mut q_index: HashMap<&str, usize> = HashMap::new();
    for q in &file.quantities {
        let place = format!("quantities \"{}\"", q.id);
        if !is_id(&q.id, &['_']) {
            return err(format!("{place}: the id must be letters, digits or '_'"));
        }
        if q_index.insert(q.id.as_str(), quantities.len()).is_some() {
            return err(format!("{place}: duplicate quantity id"));
        }
        text(&q.name, &format!("{place}.name"))?;
        quantities.push(Quantity { id: q.id.clone(), name: q.name.clone() });
    }

    // Named rounding rules.
    let mut rounding_rules: Vec<RoundingRule> = Vec::new();
    for r in &file.rounding_rules {
        let place = format!("rounding_rules \"{}\"", r.id);
        if !is_id(&r.id, &['-', '_']) {
            return err(format!("{place}: the id must be letters, digits, '-' or '_'"));
        }
        if rounding_rules.iter().any(|o| o.id == r.id) {
            return err(format!("{place}: duplicate rule id"));
        }
        let arithmetic = arithmetic(&r.arithmetic, &format!("{place}.arithmetic"))?;
        if r.rate_decimals.is_some_and(|d| d > 6) {
            return err(format!("{place}.rate_decimals: at most 6"));
        }
        let rate = match (&r.rate, r.rate_decimals) {
            (Some(mode), Some(_)) => round_mode(mode, &format!("{place}.rate"))?,
            (None, Some(_)) => return err(format!("{place}.rate: how the rate is rounded is missing")),
            (Some(_), None) => return err(format!("{place}.rate: needs rate_decimals")),
            (None, None) => RoundMode::HalfEven,
        };
        rounding_rules.push(RoundingRule {
            id: r.id.clone(),
            arithmetic,
            rate_decimals: r.rate_decimals,
            rate,
            points: round_mode(&r.points, &format!("{place}.points"))?,
            confidence: confidence(&r.confidence, &place)?,
            source: r.source.clone(),
        });
    }
    let rule = |name: &Option<String>, place: String| -> Result<Option<usize>, MethodError> {
        match name {
            None => Ok(None),
            Some(n) => match rounding_rules.iter().position(|r| &r.id == n) {
                Some(i) => Ok(Some(i)),
                None => err(format!("{place}: unknown rounding rule \"{n}\"")),
            },
        }
    };

    // Groups.
    let mut groups: Vec<Group> = Vec::new();
    for g in &file.groups {
        let place = format!("groups \"{}\"", g.id);
        if !is_id(&g.id, &['_']) {
            return err(format!("{place}: the id must be letters, digits or '_'"));
        }
        for code in std::iter::once(&g.id).chain(&g.aliases) {
            if groups.iter().any(|o| o.answers_to(code)) {
                return err(format!("{place}: duplicate group id or alias \"{code}\""));
            }
        }
        text(&g.name, &format!("{place}.name"))?;
        let max = g.max.hundredths(&format!("{place}.max"))?;
        if max <= 0 {
            return err(format!("{place}.max: must be above 0"));
        }
        let points_rule = rule(&g.points_rule, format!("{place}.points_rule"))?;
        let score_rule = rule(&g.score_rule, format!("{place}.score_rule"))?;
        groups.push(Group {
            id: g.id.clone(),
            aliases: g.aliases.clone(),
            name: g.name.clone(),
            max,
            confidence: confidence(&g.confidence, &place)?,
            source: g.source.clone(),
            points_rule,
            score_rule,
            indicators: Vec::new(),
        });
    }
    if groups.is_empty() {
        return err("groups: at least one group is needed");
    }
    let max_total: Cents = groups.iter().map(|g| g.max).sum();
    if max_total != 10_000 {
        return err(format!(
            "groups: the maxima add up to {} instead of 100",
            super::super::format::plain_cents(max_total)
        ));
    }

    // Indicators.
    let mut indicators: Vec<Indicator> = Vec::new();
    let mut pending_factor: Vec<(usize, String)> = Vec::new();
    for ind in &file.indicators {
        let place = format!("indicators \"{}\"", ind.id);
        if !is_id(&ind.id, &['.', '_', '-']) {
            return err(format!("{place}: the id must be letters, digits, '.', '_' or '-'"));
        }
        if indicators.iter().any(|o| o.id == ind.id) {
            return err(format!("{place}: duplicate indicator id"));
        }
        if indicators.iter().any(|o| o.code == ind.code) {
            return err(format!("{place}: duplicate portal code \"{}\"", ind.code));
        }
        if !is_id(&ind.code, &['_']) {
            return err(format!("{place}.code: must be letters, digits or '_'"));
        }
        let Some(group) = groups.iter().position(|g| g.id == ind.group) else {
            return err(format!("{place}.group: unknown group \"{}\"", ind.group));
        };
        text(&ind.name, &format!("{place}.name"))?;
        text(&ind.description, &format!("{place}.description"))?;
        let max = ind.max.hundredths(&format!("{place}.max"))?;
        if max < 0 {
            return err(format!("{place}.max: must not be negative"));
        }
        let (target, target_bp) = match ind.target {
            None => (None, None),
            Some(t) => {
                let bp = t.hundredths(&format!("{place}.target"))?;
                if !(1..=10_000).contains(&bp) {
                    return err(format!("{place}.target: must be above 0% and at most 100%"));
                }
                (Some(Frac::from_basis_points(bp as u32)), Some(bp as u32))
            }
        };
        let formula = if max == 0 {
            if ind.numerator.is_some() || ind.denominator.is_some() || ind.target.is_some() {
                return err(format!(
                    "{place}: a display-only indicator (max 0) takes no numerator, denominator or target"
                ));
            }
            None
        } else {
            let (Some(n), Some(d)) = (&ind.numerator, &ind.denominator) else {
                return err(format!("{place}: a scored indicator needs a numerator and a denominator"));
            };
            let numerator = expr(n, &format!("{place}.numerator"), &q_index)?;
            let denominator = expr(d, &format!("{place}.denominator"), &q_index)?;
            if denominator.negative().next().is_some() {
                return err(format!("{place}.denominator: must be a sum of quantities, without '-'"));
            }
            let empty_denominator = match ind.empty_denominator.as_deref() {
                Some("zero") => EmptyRule::Zero,
                Some("full") => EmptyRule::Full,
                Some(other) => {
                    return err(format!("{place}.empty_denominator: unknown rule \"{other}\" (known: zero, full)"))
                }
                None => return err(format!("{place}.empty_denominator: missing (zero or full)")),
            };
            if let Some(other) = &ind.times_rate_of {
                pending_factor.push((indicators.len(), other.clone()));
            }
            Some(Formula { numerator, denominator, times_rate_of: None, empty_denominator })
        };
        indicators.push(Indicator {
            id: ind.id.clone(),
            code: ind.code.clone(),
            group,
            name: ind.name.clone(),
            description: ind.description.clone(),
            max,
            target,
            target_bp,
            formula,
            confidence: confidence(&ind.confidence, &place)?,
            source: ind.source.clone(),
        });
    }
    for (i, other) in pending_factor {
        let place = format!("indicators \"{}\".times_rate_of", indicators[i].id);
        let Some(j) = indicators.iter().position(|o| o.id == other) else {
            return err(format!("{place}: unknown indicator \"{other}\""));
        };
        if i == j {
            return err(format!("{place}: an indicator cannot multiply by its own rate"));
        }
        let target_has_factor = file.indicators.iter().any(|f| f.id == *other && f.times_rate_of.is_some());
        if indicators[j].formula.is_none() || target_has_factor {
            return err(format!("{place}: \"{other}\" must be a scored indicator without a factor of its own"));
        }
        if let Some(f) = indicators[i].formula.as_mut() {
            f.times_rate_of = Some(j);
        }
    }
    // Display order: groups in order, indicators in file order within each.
    let mut order: Vec<usize> = (0..indicators.len()).collect();
    order.sort_by_key(|&i| indicators[i].group);
    let remap: HashMap<usize, usize> = order.iter().enumerate().map(|(new, &old)| (old, new)).collect();
    let mut sorted: Vec<Indicator> = order.iter().map(|&i| indicators[i].clone()).collect();
    for ind in &mut sorted {
        if let Some(f) = ind.formula.as_mut() {
            f.times_rate_of = f.times_rate_of.map(|j| remap[&j]);
        }
    }
    let indicators = sorted;
    for (gi, g) in groups.iter_mut().enumerate() {
        g.indicators = (0..indicators.len()).filter(|&i| indicators[i].group == gi).collect();
        let sum: Cents = g.indicators.iter().map(|&i| indicators[i].max).sum();
        if sum != g.max {
            return err(format!(
                "groups \"{}\": its indicators' maxima add up to {} instead of the group's {}",
                g.id,
                super::super::format::plain_cents(sum),
                super::super::format::plain_cents(g.max)
            ));
        }
    }

    Ok(Methodology {
        id: p.id.clone(),
        version: p.version.clone(),
        name: p.name.clone(),
        description: p.description.clone(),
        source: p.source.clone(),
        points_rounding,
        points_arithmetic,
        rounding_confidence,
        rounding_source: rounding.source.clone(),
        rounding_rules,
        ranking_source: ranking.source.clone(),
        bands,
        quantities,
        groups,
        indicators,
        max_total,
    })
}
