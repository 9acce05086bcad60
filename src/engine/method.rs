//! The methodology as data: the file format (TOML), profile inheritance
//! (`extends`), validation, and the checked, indexed form the engine uses.
//!
//! The file format is documented in `methodology/README.md`.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::Deserialize;

use super::exact::{Frac, RoundMode};
use super::i18n::Text;

/// Points are kept in hundredths ("cents"): 18 points is 1 800.
pub type Cents = i64;

/// How sure we are of a part of the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Confidence {
    /// Reproduced to the cent from the portal's own published numbers.
    Verified,
    /// Stated in the portal operators' documents.
    Document,
    /// Fitted by third parties or inferred by us: an estimate.
    Inferred,
}

impl Confidence {
    pub const NAMES: [&'static str; 3] = ["verified", "document", "inferred"];

    fn from_name(name: &str) -> Option<Confidence> {
        match name {
            "verified" => Some(Confidence::Verified),
            "document" => Some(Confidence::Document),
            "inferred" => Some(Confidence::Inferred),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Confidence::NAMES[self as usize]
    }

    /// Whether the UI must show it as an estimate.
    pub fn is_estimate(self) -> bool {
        self == Confidence::Inferred
    }
}

/// What an indicator scores when its denominator is zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmptyRule {
    /// Nothing to score: 0 points.
    Zero,
    /// Nothing went wrong: full points (complaints when there were none).
    Full,
}

/// A numerator or denominator: a sum and difference of quantities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    /// `(quantity index, +1 or -1)`, in the order written; the first is +1.
    pub terms: Vec<(usize, i8)>,
}

impl Expr {
    pub fn quantities(&self) -> impl Iterator<Item = usize> + '_ {
        self.terms.iter().map(|&(q, _)| q)
    }
    pub fn positive(&self) -> impl Iterator<Item = usize> + '_ {
        self.terms.iter().filter(|t| t.1 > 0).map(|t| t.0)
    }
    pub fn negative(&self) -> impl Iterator<Item = usize> + '_ {
        self.terms.iter().filter(|t| t.1 < 0).map(|t| t.0)
    }
}

#[derive(Clone, Debug)]
pub struct Quantity {
    pub id: String,
    pub name: Text,
}

/// How points are computed from a rate: the arithmetic the portal uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arithmetic {
    /// Exact: fractions of integers, rounded once.
    Exact,
    /// IEEE-754 double precision, as the portal's code computes some groups:
    /// every step in binary64, each rounding on the double's exact value
    /// (0,305 is stored as 0,30499… and rounds half up to 0,30).
    Binary64,
}

impl Arithmetic {
    pub const NAMES: [&'static str; 2] = ["exact", "binary64"];

    fn from_name(name: &str) -> Option<Arithmetic> {
        match name {
            "exact" => Some(Arithmetic::Exact),
            "binary64" => Some(Arithmetic::Binary64),
            _ => None,
        }
    }
}

/// A named rounding rule (`[[rounding_rules]]`): how a rate becomes points.
/// A group uses one for its indicators' points (`points_rule`) or to
/// recompute its score (`score_rule`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundingRule {
    pub id: String,
    pub arithmetic: Arithmetic,
    /// The rate is first rounded to this many decimals of a percent.
    pub rate_decimals: Option<u32>,
    /// How the rate is rounded (with `rate_decimals`).
    pub rate: RoundMode,
    /// How the points are rounded to cents.
    pub points: RoundMode,
    pub confidence: Confidence,
    pub source: String,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub aliases: Vec<String>,
    pub name: Text,
    pub max: Cents,
    pub confidence: Confidence,
    pub source: String,
    /// The rule its indicators' points follow (index into
    /// [`Methodology::rounding_rules`]); the profile's `[rounding]` when none.
    pub points_rule: Option<usize>,
    /// The rule the group's score recomputes its indicators with, when the
    /// score is not the sum of their shown points.
    pub score_rule: Option<usize>,
    /// Indices into [`Methodology::indicators`], in display order.
    pub indicators: Vec<usize>,
}

impl Group {
    /// Whether `code` names this group (its id or an older alias, e.g. CLGQ).
    pub fn answers_to(&self, code: &str) -> bool {
        self.id.eq_ignore_ascii_case(code) || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    }
}

/// The inputs an indicator is computed from (absent for display-only ones).
#[derive(Clone, Debug)]
pub struct Formula {
    pub numerator: Expr,
    pub denominator: Expr,
    /// The rate is multiplied by this other indicator's rate (3.3 × 1.4).
    pub times_rate_of: Option<usize>,
    pub empty_denominator: EmptyRule,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub id: String,
    pub code: String,
    pub group: usize,
    pub name: Text,
    pub description: Text,
    pub max: Cents,
    /// The rate at which the indicator earns full marks (100% when none).
    pub target: Option<Frac>,
    /// The target in basis points of one (5 000 = 50%), for display.
    pub target_bp: Option<u32>,
    /// `None` for display-only indicators (2.2, 5.1).
    pub formula: Option<Formula>,
    pub confidence: Confidence,
    pub source: String,
}

impl Indicator {
    pub fn is_display_only(&self) -> bool {
        self.formula.is_none()
    }
    pub fn target_or_one(&self) -> Frac {
        self.target.unwrap_or(Frac::ONE)
    }
}

#[derive(Clone, Debug)]
pub struct Band {
    pub id: String,
    pub name: Text,
    /// Lowest total of the band (inclusive), in cents.
    pub min: Cents,
    pub color: String,
    pub confidence: Confidence,
    pub source: String,
}

/// The checked method the engine computes with.
#[derive(Clone, Debug)]
pub struct Methodology {
    pub id: String,
    pub version: String,
    pub name: Text,
    pub description: Text,
    pub source: String,
    /// How an indicator's shown points are rounded.
    pub points_rounding: RoundMode,
    pub rounding_confidence: Confidence,
    pub rounding_source: String,
    /// Named rules groups refer to.
    pub rounding_rules: Vec<RoundingRule>,
    pub ranking_source: String,
    /// Highest band first.
    pub bands: Vec<Band>,
    pub quantities: Vec<Quantity>,
    pub groups: Vec<Group>,
    pub indicators: Vec<Indicator>,
    /// The total every group's maximum adds up to (100 points).
    pub max_total: Cents,
}

impl Methodology {
    pub fn quantity_index(&self, id: &str) -> Option<usize> {
        self.quantities.iter().position(|q| q.id == id)
    }
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }
    pub fn group_index(&self, code: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.answers_to(code))
    }
    /// The band a total falls in.
    pub fn band_of(&self, total: Cents) -> usize {
        self.bands.iter().position(|b| total >= b.min).unwrap_or(self.bands.len() - 1)
    }
    /// Quantities the scored indicators of a group read.
    pub fn group_quantities(&self, group: usize) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for &i in &self.groups[group].indicators {
            if let Some(f) = &self.indicators[i].formula {
                out.extend(f.numerator.quantities());
                out.extend(f.denominator.quantities());
            }
        }
        out
    }
    /// Whether any part of the method is an estimate.
    pub fn has_estimates(&self) -> bool {
        self.indicators.iter().any(|i| i.confidence.is_estimate())
            || self.groups.iter().any(|g| g.confidence.is_estimate())
            || self.bands.iter().any(|b| b.confidence.is_estimate())
    }
}

/// Why a methodology file was refused: one sentence naming the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodError(pub String);

impl fmt::Display for MethodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MethodError {}

fn err<T>(message: impl Into<String>) -> Result<T, MethodError> {
    Err(MethodError(message.into()))
}

// ---------------------------------------------------------------------------
// The file as written.

/// A number written as `6` or `6.5`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(untagged)]
enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    /// The value in hundredths, refusing more than two decimals.
    fn hundredths(self, what: &str) -> Result<i64, MethodError> {
        match self {
            Num::Int(i) if i.unsigned_abs() <= 1_000_000 => Ok(i * 100),
            Num::Float(f) if f.is_finite() && f.abs() <= 1_000_000.0 => {
                let h = (f * 100.0).round();
                if (f * 100.0 - h).abs() > 1e-6 {
                    return err(format!("{what}: more than 2 decimals"));
                }
                Ok(h as i64)
            }
            _ => err(format!("{what}: the number is out of range")),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileProfile {
    id: String,
    version: String,
    name: Text,
    description: Text,
    source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRounding {
    points_decimals: u32,
    points: String,
    confidence: String,
    source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRanking {
    order: String,
    compare_decimals: u32,
    ties: String,
    source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBand {
    id: String,
    name: Text,
    min: Num,
    color: String,
    confidence: String,
    source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileQuantity {
    id: String,
    name: Text,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRoundingRule {
    id: String,
    arithmetic: String,
    rate_decimals: Option<u32>,
    rate: Option<String>,
    points: String,
    confidence: String,
    source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileGroup {
    id: String,
    #[serde(default)]
    aliases: Vec<String>,
    name: Text,
    max: Num,
    confidence: String,
    source: String,
    points_rule: Option<String>,
    score_rule: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIndicator {
    id: String,
    code: String,
    group: String,
    name: Text,
    description: Text,
    max: Num,
    target: Option<Num>,
    numerator: Option<String>,
    denominator: Option<String>,
    times_rate_of: Option<String>,
    empty_denominator: Option<String>,
    confidence: String,
    source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    extends: Option<String>,
    #[serde(default)]
    remove_indicators: Vec<String>,
    profile: FileProfile,
    rounding: Option<FileRounding>,
    ranking: Option<FileRanking>,
    #[serde(default)]
    rounding_rules: Vec<FileRoundingRule>,
    bands: Option<Vec<FileBand>>,
    #[serde(default)]
    quantities: Vec<FileQuantity>,
    #[serde(default)]
    groups: Vec<FileGroup>,
    #[serde(default)]
    indicators: Vec<FileIndicator>,
}

/// The syntax a methodology file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// What people write (`methodology/*.toml`); read natively only.
    #[cfg(not(target_arch = "wasm32"))]
    Toml,
    /// What the app embeds (converted from TOML at build time).
    Json,
}

fn parse_file(text: &str, name: &str, syntax: Syntax) -> Result<File, MethodError> {
    match syntax {
        #[cfg(not(target_arch = "wasm32"))]
        Syntax::Toml => toml::from_str::<File>(text).map_err(|e| {
            let msg = e.message().trim().to_string();
            let place = e
                .span()
                .map(|s| {
                    let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                    format!(" (line {line})")
                })
                .unwrap_or_default();
            MethodError(format!("{name}: {msg}{place}"))
        }),
        Syntax::Json => serde_json::from_str::<File>(text).map_err(|e| MethodError(format!("{name}: {e}"))),
    }
}

/// Applies a child file on top of its base: see `methodology/README.md`.
fn merge(mut base: File, child: File) -> Result<File, MethodError> {
    for id in &child.remove_indicators {
        let before = base.indicators.len();
        base.indicators.retain(|i| &i.id != id);
        if base.indicators.len() == before {
            return err(format!("remove_indicators: the base has no indicator \"{id}\""));
        }
    }
    for r in child.rounding_rules {
        match base.rounding_rules.iter_mut().find(|b| b.id == r.id) {
            Some(slot) => *slot = r,
            None => base.rounding_rules.push(r),
        }
    }
    for q in child.quantities {
        match base.quantities.iter_mut().find(|b| b.id == q.id) {
            Some(slot) => *slot = q,
            None => base.quantities.push(q),
        }
    }
    for g in child.groups {
        match base.groups.iter_mut().find(|b| b.id == g.id) {
            Some(slot) => *slot = g,
            None => base.groups.push(g),
        }
    }
    for i in child.indicators {
        if let Some(slot) = base.indicators.iter_mut().find(|b| b.id == i.id) {
            *slot = i;
        } else {
            let at = base.indicators.iter().rposition(|b| b.group == i.group).map(|p| p + 1);
            base.indicators.insert(at.unwrap_or(base.indicators.len()), i);
        }
    }
    Ok(File {
        extends: None,
        remove_indicators: Vec::new(),
        profile: child.profile,
        rounding: child.rounding.or(base.rounding),
        ranking: child.ranking.or(base.ranking),
        rounding_rules: base.rounding_rules,
        bands: child.bands.or(base.bands),
        quantities: base.quantities,
        groups: base.groups,
        indicators: base.indicators,
    })
}

/// Parses and checks a methodology file. `base` finds the text (in the same
/// syntax) of a profile named by `extends`.
pub fn load(text: &str, syntax: Syntax, base: &dyn Fn(&str) -> Option<String>) -> Result<Methodology, MethodError> {
    let mut file = parse_file(text, "methodology", syntax)?;
    let mut seen = vec![file.profile.id.clone()];
    while let Some(parent) = file.extends.clone() {
        if seen.contains(&parent) || seen.len() > 8 {
            return err(format!("extends: \"{parent}\" leads to a cycle"));
        }
        let Some(parent_text) = base(&parent) else {
            return err(format!("extends: no profile named \"{parent}\""));
        };
        let mut parent_file = parse_file(&parent_text, &parent, syntax)?;
        seen.push(parent.clone());
        let grand = parent_file.extends.take();
        let remove = std::mem::take(&mut parent_file.remove_indicators);
        file = merge(parent_file, file)?;
        file.extends = grand;
        file.remove_indicators = remove;
        if file.extends.is_none() && !file.remove_indicators.is_empty() {
            return err("remove_indicators: only a file that extends another may remove indicators");
        }
    }
    if !file.remove_indicators.is_empty() {
        return err("remove_indicators: only a file that extends another may remove indicators");
    }
    compile(file)
}

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

fn compile(file: File) -> Result<Methodology, MethodError> {
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
                super::format::plain_cents(w[0].min)
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
        let arithmetic = Arithmetic::from_name(&r.arithmetic).ok_or_else(|| {
            MethodError(format!(
                "{place}.arithmetic: unknown arithmetic \"{}\" (known: {})",
                r.arithmetic,
                Arithmetic::NAMES.join(", ")
            ))
        })?;
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
        return err(format!("groups: the maxima add up to {} instead of 100", super::format::plain_cents(max_total)));
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
                super::format::plain_cents(sum),
                super::format::plain_cents(g.max)
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
