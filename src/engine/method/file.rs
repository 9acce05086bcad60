//! A methodology file as written (TOML natively, JSON in the app), and
//! profile inheritance (`extends`): see `methodology/README.md`.

use serde::Deserialize;

use super::super::i18n::Text;
use super::{err, MethodError, Methodology};

// ---------------------------------------------------------------------------
// The file as written.

/// A number written as `6` or `6.5`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    /// The value in hundredths, refusing more than two decimals.
    pub(super) fn hundredths(self, what: &str) -> Result<i64, MethodError> {
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
pub(super) struct FileProfile {
    pub(super) id: String,
    pub(super) version: String,
    pub(super) name: Text,
    pub(super) description: Text,
    pub(super) source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileRounding {
    pub(super) points_decimals: u32,
    /// `exact` (the default) or `binary64`.
    pub(super) arithmetic: Option<String>,
    pub(super) points: String,
    pub(super) confidence: String,
    pub(super) source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileRanking {
    pub(super) order: String,
    pub(super) compare_decimals: u32,
    pub(super) ties: String,
    pub(super) source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileBand {
    pub(super) id: String,
    pub(super) name: Text,
    pub(super) min: Num,
    pub(super) color: String,
    pub(super) confidence: String,
    pub(super) source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileQuantity {
    pub(super) id: String,
    pub(super) name: Text,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileRoundingRule {
    pub(super) id: String,
    pub(super) arithmetic: String,
    pub(super) rate_decimals: Option<u32>,
    pub(super) rate: Option<String>,
    pub(super) points: String,
    pub(super) confidence: String,
    pub(super) source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileGroup {
    pub(super) id: String,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    pub(super) name: Text,
    pub(super) max: Num,
    pub(super) confidence: String,
    pub(super) source: String,
    pub(super) points_rule: Option<String>,
    pub(super) score_rule: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileIndicator {
    pub(super) id: String,
    pub(super) code: String,
    pub(super) group: String,
    pub(super) name: Text,
    pub(super) description: Text,
    pub(super) max: Num,
    pub(super) target: Option<Num>,
    pub(super) numerator: Option<String>,
    pub(super) denominator: Option<String>,
    pub(super) times_rate_of: Option<String>,
    pub(super) empty_denominator: Option<String>,
    pub(super) confidence: String,
    pub(super) source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    pub(super) extends: Option<String>,
    #[serde(default)]
    pub(super) remove_indicators: Vec<String>,
    pub(super) profile: FileProfile,
    pub(super) rounding: Option<FileRounding>,
    pub(super) ranking: Option<FileRanking>,
    #[serde(default)]
    pub(super) rounding_rules: Vec<FileRoundingRule>,
    pub(super) bands: Option<Vec<FileBand>>,
    #[serde(default)]
    pub(super) quantities: Vec<FileQuantity>,
    #[serde(default)]
    pub(super) groups: Vec<FileGroup>,
    #[serde(default)]
    pub(super) indicators: Vec<FileIndicator>,
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
    super::compile::compile(file)
}
