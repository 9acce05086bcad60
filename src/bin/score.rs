//! `score`: scores every unit of a reference table and prints CSV.
//!
//! ```text
//! cargo run --release --bin score -- FILE.csv|FILE.xlsx [--profile NAME] [--lang vi|en] [--output FILE.xlsx]
//! ```
//!
//! A workbook (.xlsx, .xls, .ods) is read from its first sheet, with the
//! same columns as the CSV (title rows above the header are passed over).
//! `--output FILE.xlsx` also writes the results as a workbook (numbers as
//! numbers, the batch sheet of the app).
//!
//! Output header: `code,CKMB,TDGQ,ONLINE,TTTT,MDHL,MDSH,total,band,rank`
//! (computed values, 2 decimals with a dot; a group whose inputs are missing
//! from the file takes the file's published group score; rank among the
//! file's units by computed total; the band as the profile names it).
//! A bad file or argument: exit status 2 and one line on stderr.

use std::process::ExitCode;

use vn766::engine::{batch, evaluate, format, profiles, reference, Lang, Methodology};

const USAGE: &str =
    "usage: score FILE.csv|FILE.xlsx [--profile NAME] [--methodology FILE.toml] [--lang vi|en] [--output FILE.xlsx]";

struct Args {
    file: String,
    profile: Option<String>,
    methodology: Option<String>,
    lang: Lang,
    output: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut file = None;
    let mut profile = None;
    let mut methodology = None;
    let mut lang = Lang::Vi;
    let mut output = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value; {USAGE}"));
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--profile" => profile = Some(value("--profile")?),
            "--methodology" => methodology = Some(value("--methodology")?),
            "--output" => {
                let v = value("--output")?;
                if !v.to_ascii_lowercase().ends_with(".xlsx") {
                    return Err(format!("--output: \"{v}\" must end in .xlsx"));
                }
                output = Some(v);
            }
            "--lang" => {
                let v = value("--lang")?;
                lang = Lang::from_code(&v).ok_or_else(|| format!("--lang: unknown language \"{v}\" (vi or en)"))?;
            }
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}; {USAGE}")),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err(format!("one file at a time; {USAGE}"));
                }
            }
        }
    }
    if profile.is_some() && methodology.is_some() {
        return Err("--profile and --methodology cannot be used together".into());
    }
    let file = file.ok_or_else(|| format!("no file given; {USAGE}"))?;
    Ok(Some(Args { file, profile, methodology, lang, output }))
}

fn run(args: &Args) -> Result<String, String> {
    let owned;
    let method: &Methodology = match (&args.profile, &args.methodology) {
        (_, Some(path)) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            owned = load_methodology(&text).map_err(|e| format!("{path}: {e}"))?;
            &owned
        }
        (Some(id), None) => profiles::get(id).ok_or_else(|| {
            let known: Vec<&str> = profiles::list().iter().map(|m| m.id.as_str()).collect();
            format!("--profile: unknown profile \"{id}\" (known: {})", known.join(", "))
        })?,
        (None, None) => profiles::default_profile(),
    };
    let data = std::fs::read(&args.file).map_err(|e| format!("{}: {e}", args.file))?;
    let table = read_table(&args.file, &data).map_err(|e| format!("{}: {e}", args.file))?;

    let scored = batch::score_table(method, &table);
    // A unit without a total: say why (scored again, that unit only).
    for s in scored.iter().filter(|s| s.total.is_none()) {
        let (n, unit) = (s.index, &table.units[s.index]);
        if let Some(&g) = unit.unknown_groups(method).first() {
            return Err(format!(
                "{}: row {}, unit {}: group {} has neither all its inputs nor a published score (g_{})",
                args.file,
                n + 2,
                unit.code,
                method.groups[g].id,
                method.groups[g].id
            ));
        }
        if let Some(issue) = evaluate(method, &unit.inputs(method)).issues.first() {
            return Err(format!(
                "{}: row {}, unit {}: {}",
                args.file,
                n + 2,
                unit.code,
                issue.describe(method, Lang::En)
            ));
        }
    }
    let mut out = String::new();
    out.push_str("code,");
    for g in &method.groups {
        out.push_str(&g.id);
        out.push(',');
    }
    out.push_str("total,band,rank\n");
    for s in &scored {
        out.push_str(&csv_field(&table.units[s.index].code));
        for g in &s.groups {
            out.push(',');
            out.push_str(&format::plain_cents(g.unwrap_or(0)));
        }
        let band = s.band.map(|b| method.bands[b].name.get(args.lang)).unwrap_or("");
        out.push_str(&format!(
            ",{},{},{}\n",
            format::plain_cents(s.total.unwrap_or(0)),
            csv_field(band),
            s.rank.unwrap_or(0)
        ));
    }
    if let Some(path) = &args.output {
        let session = vn766::session::Session { lang: args.lang, ..Default::default() };
        let book = vn766::view::sheets::batch_book(&session, method, &table, &scored, &today());
        let bytes = vn766::workbook::write(&book).map_err(|e| format!("{path}: {e}"))?;
        std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(out)
}

/// A table from our CSV, or from a workbook's first sheet with the same columns.
fn read_table(name: &str, data: &[u8]) -> Result<reference::Table, String> {
    let lower = name.to_ascii_lowercase();
    if ![".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"].iter().any(|ext| lower.ends_with(ext)) {
        return reference::read_csv(data).map_err(|e| e.to_string());
    }
    let sheet = vn766::workbook::read(data, "").map_err(|e| e.to_string())?;
    let text = vn766::engine::import::sheet_text_with(&sheet.rows, |c| reference::is_column(c.trim()))
        .ok_or("no header row with the table's columns (code, name, …) in the first sheet")?;
    reference::read_separated(text.as_bytes(), b'\t').map_err(|e| e.to_string())
}

/// Today (UTC) as dd/mm/yyyy, for the workbook's context line.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, m, d) = vn766::view::saved::civil_date((secs / 86_400) as i64);
    format!("{d:02}/{m:02}/{y}")
}

#[cfg(not(target_arch = "wasm32"))]
fn load_methodology(text: &str) -> Result<Methodology, vn766::engine::method::MethodError> {
    profiles::load_toml(text)
}

/// The command is native; on wasm32 it only compiles (for `cargo test`).
#[cfg(target_arch = "wasm32")]
fn load_methodology(_: &str) -> Result<Methodology, vn766::engine::method::MethodError> {
    Err(vn766::engine::method::MethodError("methodology files are read natively only".into()))
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn main() -> ExitCode {
    // The workbook reader's panics on a damaged file are caught and reported
    // as an error (`vn766::workbook::read`): not printed as a crash first.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !info.location().is_some_and(|l| l.file().contains("calamine")) {
            default_hook(info);
        }
    }));
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let result = parse_args(&argv).and_then(|args| match args {
        None => Ok(format!("{USAGE}\n")),
        Some(args) => run(&args),
    });
    match result {
        Ok(out) => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()).is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("score: {}", message.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
