//! Reads, checks and compiles the methodology files (`methodology/*.toml`)
//! with the engine's own loader, and writes them out as static Rust data the
//! crate includes (`engine::profiles::raw`): the app then carries the checked
//! methodology as constants, without a TOML or JSON loader for it. A broken
//! file stops the build with the loader's message.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

// The engine's methodology loader, compiled into this build script (its
// modules refer to each other as `super::…` and `crate::engine::…`).
#[allow(dead_code, unused_imports)]
#[path = "src/engine/exact.rs"]
mod exact;
#[allow(dead_code, unused_imports)]
#[path = "src/engine/format.rs"]
mod format;
#[allow(dead_code, unused_imports)]
#[path = "src/engine/i18n.rs"]
pub mod i18n;
#[allow(dead_code, unused_imports)]
#[path = "src/engine/method/mod.rs"]
mod method;

use exact::{Frac, RoundMode};
use i18n::Text;
use method::{Confidence, EmptyRule, Expr, Methodology, Syntax};

// The profiles are written as static data (`profiles::raw`): plain
// constants in the wasm's data section, turned into the engine's types by
// one loop per type on first use, rather than code that builds each value.
fn text(t: &Text) -> String {
    format!("RawText({:?}, {:?})", t.vi, t.en)
}

fn string(s: &str) -> String {
    format!("{s:?}")
}

fn frac(f: Frac) -> String {
    format!("Frac {{ num: {}, den: {} }}", f.num, f.den)
}

fn round(r: RoundMode) -> String {
    format!("RoundMode::{r:?}")
}

fn conf(c: Confidence) -> String {
    format!("Confidence::{c:?}")
}

fn expr(e: &Expr) -> String {
    let terms: Vec<String> = e.terms.iter().map(|(q, s)| format!("({q}, {s})")).collect();
    format!("&[{}]", terms.join(", "))
}

fn opt<T>(o: Option<T>, f: impl Fn(T) -> String) -> String {
    match o {
        Some(v) => format!("Some({})", f(v)),
        None => "None".into(),
    }
}

fn emit(m: &Methodology) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = write!(
        w,
        "RawMethodology {{ id: {}, version: {}, name: {}, description: {}, source: {}, ",
        string(&m.id),
        string(&m.version),
        text(&m.name),
        text(&m.description),
        string(&m.source)
    );
    let _ = write!(
        w,
        "points_rounding: {}, points_arithmetic: Arithmetic::{:?}, rounding_confidence: {}, rounding_source: {}, ranking_source: {}, ",
        round(m.points_rounding),
        m.points_arithmetic,
        conf(m.rounding_confidence),
        string(&m.rounding_source),
        string(&m.ranking_source)
    );
    let _ = write!(w, "rounding_rules: &[");
    for r in &m.rounding_rules {
        let _ = write!(
            w,
            "RawRule {{ id: {}, arithmetic: Arithmetic::{:?}, rate_decimals: {:?}, rate: {}, points: {}, confidence: {}, source: {} }}, ",
            string(&r.id),
            r.arithmetic,
            r.rate_decimals,
            round(r.rate),
            round(r.points),
            conf(r.confidence),
            string(&r.source)
        );
    }
    let _ = write!(w, "], bands: &[");
    for b in &m.bands {
        let _ = write!(
            w,
            "RawBand {{ id: {}, name: {}, min: {}, color: {}, confidence: {}, source: {} }}, ",
            string(&b.id),
            text(&b.name),
            b.min,
            string(&b.color),
            conf(b.confidence),
            string(&b.source)
        );
    }
    let _ = write!(w, "], quantities: &[");
    for q in &m.quantities {
        let _ = write!(w, "RawQuantity {{ id: {}, name: {} }}, ", string(&q.id), text(&q.name));
    }
    let _ = write!(w, "], groups: &[");
    for g in &m.groups {
        let aliases: Vec<String> = g.aliases.iter().map(|a| string(a)).collect();
        let _ = write!(w, "RawGroup {{ id: {}, aliases: &[{}], name: {}, max: {}, confidence: {}, source: {}, points_rule: {:?}, score_rule: {:?}, indicators: &{:?} }}, ", string(&g.id), aliases.join(", "), text(&g.name), g.max, conf(g.confidence), string(&g.source), g.points_rule, g.score_rule, g.indicators);
    }
    let _ = write!(w, "], indicators: &[");
    for i in &m.indicators {
        let formula = opt(i.formula.as_ref(), |f| {
            let empty = match f.empty_denominator {
                EmptyRule::Zero => "EmptyRule::Zero",
                EmptyRule::Full => "EmptyRule::Full",
            };
            format!(
                "RawFormula {{ numerator: {}, denominator: {}, times_rate_of: {:?}, empty_denominator: {empty} }}",
                expr(&f.numerator),
                expr(&f.denominator),
                f.times_rate_of
            )
        });
        let _ = write!(w, "RawIndicator {{ id: {}, code: {}, group: {}, name: {}, description: {}, max: {}, target: {}, target_bp: {:?}, formula: {}, confidence: {}, source: {} }}, ", string(&i.id), string(&i.code), i.group, text(&i.name), text(&i.description), i.max, opt(i.target, frac), i.target_bp, formula, conf(i.confidence), string(&i.source));
    }
    let _ = write!(w, "], max_total: {} }}", m.max_total);
    out
}

/// The placeholders of a text: the names between braces, sorted.
fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> =
        text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string())).collect();
    out.sort();
    out.dedup();
    out
}

/// Reads the text catalogue (`src/text/vi.toml`, `src/text/en.toml`),
/// checks that both languages have every key and the same placeholders in
/// each text, and writes the `Texts` struct and its two values.
fn texts() {
    let read = |lang: &str| -> toml::Table {
        let path = format!("src/text/{lang}.toml");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path).expect("read a text catalogue");
        toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let (vi, en) = (read("vi"), read("en"));
    let mut keys: Vec<&String> = vi.keys().collect();
    keys.sort();
    for key in en.keys() {
        assert!(vi.contains_key(key), "src/text/en.toml: \"{key}\" is not in vi.toml");
    }
    let mut code = String::from(
        "// Generated by build.rs from src/text/vi.toml and en.toml: do not edit.\n\
         /// Every text of the app, in one language.\n#[derive(Debug)]\npub struct Texts {\n",
    );
    for key in &keys {
        let _ = writeln!(code, "    pub {key}: &'static str,");
    }
    code.push_str("}\n");
    for (name, table) in [("VI", &vi), ("EN", &en)] {
        let _ = writeln!(code, "pub static {name}: Texts = Texts {{");
        for key in &keys {
            let text = |t: &toml::Table| -> String {
                match t.get(key.as_str()) {
                    Some(toml::Value::String(s)) => s.clone(),
                    Some(_) => panic!("src/text: \"{key}\" is not a text"),
                    None => panic!("src/text/en.toml: \"{key}\" is missing"),
                }
            };
            let (v, e) = (text(&vi), text(&en));
            assert_eq!(placeholders(&v), placeholders(&e), "src/text: \"{key}\" has other placeholders in vi and en");
            let _ = writeln!(code, "    {key}: {:?},", text(table));
        }
        code.push_str("};\n");
    }
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("texts.rs");
    fs::write(out, code).expect("write texts.rs");
}

fn main() {
    texts();
    println!("cargo:rerun-if-changed=methodology");
    println!("cargo:rerun-if-changed=src/engine/method");
    let mut files: Vec<_> = fs::read_dir("methodology")
        .expect("read methodology/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let read = |id: &str| fs::read_to_string(format!("methodology/{id}.toml")).ok();
    // The order of profiles::SOURCES: the default first.
    let order = ["portal-2026", "document"];
    let mut code = String::from(
        "// Generated by build.rs from methodology/*.toml: do not edit.\n\
         pub static PROFILES: &[RawMethodology] = &[\n",
    );
    for id in order {
        let path = Path::new("methodology").join(format!("{id}.toml"));
        assert!(files.contains(&path), "methodology/{id}.toml is missing");
        let text = fs::read_to_string(&path).expect("read a methodology file");
        let m = match method::load(&text, Syntax::Toml, &read) {
            Ok(m) => m,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        let _ = writeln!(code, "        {},", emit(&m));
    }
    code.push_str("];\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("profiles.rs");
    fs::write(out, code).expect("write profiles.rs");
}
