//! The shipped profiles as static data: build.rs writes `PROFILES` from
//! `methodology/*.toml` (after checking them with the engine's loader) in
//! these plain types, which the compiler keeps as constants; [`build`] turns
//! them into the engine's [`Methodology`] once, on first use. Written as
//! code that builds each value, the same profiles cost about 26 KB of wasm.

use crate::engine::exact::{Frac, RoundMode};
use crate::engine::i18n::Text;
use crate::engine::method::{
    Arithmetic, Band, Cents, Confidence, EmptyRule, Expr, Formula, Group, Indicator, Methodology, Quantity,
    RoundingRule,
};

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

pub struct RawText(pub &'static str, pub &'static str);

pub struct RawRule {
    pub id: &'static str,
    pub arithmetic: Arithmetic,
    pub rate_decimals: Option<u32>,
    pub rate: RoundMode,
    pub points: RoundMode,
    pub confidence: Confidence,
    pub source: &'static str,
}

pub struct RawBand {
    pub id: &'static str,
    pub name: RawText,
    pub min: Cents,
    pub color: &'static str,
    pub confidence: Confidence,
    pub source: &'static str,
}

pub struct RawQuantity {
    pub id: &'static str,
    pub name: RawText,
}

pub struct RawGroup {
    pub id: &'static str,
    pub aliases: &'static [&'static str],
    pub name: RawText,
    pub max: Cents,
    pub confidence: Confidence,
    pub source: &'static str,
    pub points_rule: Option<usize>,
    pub score_rule: Option<usize>,
    pub indicators: &'static [usize],
}

pub struct RawFormula {
    pub numerator: &'static [(usize, i8)],
    pub denominator: &'static [(usize, i8)],
    pub times_rate_of: Option<usize>,
    pub empty_denominator: EmptyRule,
}

pub struct RawIndicator {
    pub id: &'static str,
    pub code: &'static str,
    pub group: usize,
    pub name: RawText,
    pub description: RawText,
    pub max: Cents,
    pub target: Option<Frac>,
    pub target_bp: Option<u32>,
    pub formula: Option<RawFormula>,
    pub confidence: Confidence,
    pub source: &'static str,
}

pub struct RawMethodology {
    pub id: &'static str,
    pub version: &'static str,
    pub name: RawText,
    pub description: RawText,
    pub source: &'static str,
    pub points_rounding: RoundMode,
    pub points_arithmetic: Arithmetic,
    pub rounding_confidence: Confidence,
    pub rounding_source: &'static str,
    pub rounding_rules: &'static [RawRule],
    pub ranking_source: &'static str,
    pub bands: &'static [RawBand],
    pub quantities: &'static [RawQuantity],
    pub groups: &'static [RawGroup],
    pub indicators: &'static [RawIndicator],
    pub max_total: Cents,
}

fn s(x: &str) -> String {
    x.to_owned()
}

fn text(t: &RawText) -> Text {
    Text { vi: s(t.0), en: s(t.1) }
}

fn expr(terms: &[(usize, i8)]) -> Expr {
    Expr { terms: terms.to_vec() }
}

fn formula(f: &RawFormula) -> Formula {
    Formula {
        numerator: expr(f.numerator),
        denominator: expr(f.denominator),
        times_rate_of: f.times_rate_of,
        empty_denominator: f.empty_denominator,
    }
}

fn rule(r: &RawRule) -> RoundingRule {
    RoundingRule {
        id: s(r.id),
        arithmetic: r.arithmetic,
        rate_decimals: r.rate_decimals,
        rate: r.rate,
        points: r.points,
        confidence: r.confidence,
        source: s(r.source),
    }
}

fn band(b: &RawBand) -> Band {
    Band {
        id: s(b.id),
        name: text(&b.name),
        min: b.min,
        color: s(b.color),
        confidence: b.confidence,
        source: s(b.source),
    }
}

fn group(g: &RawGroup) -> Group {
    Group {
        id: s(g.id),
        aliases: g.aliases.iter().map(|a| s(a)).collect(),
        name: text(&g.name),
        max: g.max,
        confidence: g.confidence,
        source: s(g.source),
        points_rule: g.points_rule,
        score_rule: g.score_rule,
        indicators: g.indicators.to_vec(),
    }
}

fn indicator(i: &RawIndicator) -> Indicator {
    Indicator {
        id: s(i.id),
        code: s(i.code),
        group: i.group,
        name: text(&i.name),
        description: text(&i.description),
        max: i.max,
        target: i.target,
        target_bp: i.target_bp,
        formula: i.formula.as_ref().map(formula),
        confidence: i.confidence,
        source: s(i.source),
    }
}

/// The engine's methodology from its static form.
pub fn build(m: &RawMethodology) -> Methodology {
    Methodology {
        id: s(m.id),
        version: s(m.version),
        name: text(&m.name),
        description: text(&m.description),
        source: s(m.source),
        points_rounding: m.points_rounding,
        points_arithmetic: m.points_arithmetic,
        rounding_confidence: m.rounding_confidence,
        rounding_source: s(m.rounding_source),
        rounding_rules: m.rounding_rules.iter().map(rule).collect(),
        ranking_source: s(m.ranking_source),
        bands: m.bands.iter().map(band).collect(),
        quantities: m.quantities.iter().map(|q| Quantity { id: s(q.id), name: text(&q.name) }).collect(),
        groups: m.groups.iter().map(group).collect(),
        indicators: m.indicators.iter().map(indicator).collect(),
        max_total: m.max_total,
    }
}
