//! `vn766-fetch`: the portal's latest figures into a dated data directory.
//!
//! ```text
//! vn766-fetch (--province H44 | --all) --period year:2026 --out DIR
//!             [--cache DIR] [--rate 1] [--date YYYY-MM-DD] [--portal URL]
//! vn766-fetch --from-captures data/captures --out NEW_DIR
//! ```
//!
//! The second form asks nothing: it converts the public captures of
//! `data/captures/` into a new directory (`make data-directory`).
//!
//! See `vn766::fetch` and `data/README.md`. Exit status: 0 everything
//! fetched (mismatches with the published scores are reported, not
//! failures); 1 some units or provinces left out (said on stderr); 2 a bad
//! argument or nothing could be written; 3 the portal refused (its
//! firewall): the run stopped asking.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use vn766::directory::Period;
use vn766::fetch::{self, http, Options, Target};

const USAGE: &str = "usage: vn766-fetch (--province H44 | --all) --period year:2026|quarter:2026-4|month:2026-11 --out DIR [--cache DIR] [--rate N] [--date YYYY-MM-DD] [--portal URL] [--timeout S] [--retries N]";

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let (mut target, mut period, mut out, mut cache, mut date, mut now) = (None, None, None, None, None, None);
    let mut rate = 1.0;
    let mut portal = "https://dichvucong.gov.vn".to_string();
    let (mut timeout, mut retries, mut backoff) = (30.0, 4u32, 2.0);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value; {USAGE}"));
        let number = |name: &str, v: String| {
            v.parse::<f64>()
                .ok()
                .filter(|x| *x > 0.0)
                .ok_or_else(|| format!("{name}: \"{v}\" is not a positive number"))
        };
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--all" => target = Some(Target::All),
            "--province" => target = Some(Target::Province(value("--province")?.to_ascii_uppercase())),
            "--period" => period = Some(value("--period")?.parse::<Period>().map_err(|e| format!("--period: {e}"))?),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--cache" => cache = Some(PathBuf::from(value("--cache")?)),
            "--rate" => rate = number("--rate", value("--rate")?)?,
            "--timeout" => timeout = number("--timeout", value("--timeout")?)?,
            "--backoff" => backoff = number("--backoff", value("--backoff")?)?,
            "--retries" => retries = value("--retries")?.parse().map_err(|_| "--retries: not a count".to_string())?,
            "--portal" => portal = value("--portal")?.trim_end_matches('/').to_string(),
            "--date" => {
                let d = value("--date")?;
                let ok = d.len() == 10
                    && d.as_bytes()[4] == b'-'
                    && d.as_bytes()[7] == b'-'
                    && d.replace('-', "").bytes().all(|b| b.is_ascii_digit());
                if !ok {
                    return Err(format!("--date: \"{d}\" is not YYYY-MM-DD"));
                }
                date = Some(d);
            }
            // A fixed clock (RFC 3339, UTC), for reproducible runs.
            "--now" => now = Some(value("--now")?),
            s => return Err(format!("unknown argument {s}; {USAGE}")),
        }
    }
    let target = target.ok_or_else(|| format!("--province or --all is needed; {USAGE}"))?;
    let period = period.ok_or_else(|| format!("--period is needed; {USAGE}"))?;
    let out = out.ok_or_else(|| format!("--out is needed; {USAGE}"))?;
    let (today, clock) = fetch::clock();
    let date = date.unwrap_or(today);
    let now = now.unwrap_or(clock);
    // Answers are kept per day of data: tomorrow's run asks again.
    let cache = cache.unwrap_or_else(|| out.join(".cache")).join(format!("{date}.{}", period.file_part()));
    Ok(Some(Options {
        target,
        period,
        out,
        date,
        now,
        http: http::Settings {
            base: portal,
            rate,
            timeout: Duration::from_secs_f64(timeout),
            retries,
            backoff: Duration::from_secs_f64(backoff),
            cache,
            user_agent: format!(
                "vn766-fetch/{} (+https://github.com/vn766; one request a second)",
                env!("CARGO_PKG_VERSION")
            ),
        },
    }))
}

/// `--from-captures DIR --out NEW_DIR`: the shipped directory, anew.
fn from_captures(args: &[String]) -> ExitCode {
    let (Some(dir), Some(out)) = (args.get(1), args.iter().position(|a| a == "--out").and_then(|i| args.get(i + 1)))
    else {
        eprintln!("vn766-fetch: usage: vn766-fetch --from-captures DIR --out NEW_DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    // The shipped reference tables (`data/`) are beside the captures.
    let tables = dir.parent().map(PathBuf::from).unwrap_or_default();
    match fetch::captures::convert(&dir, &tables, &PathBuf::from(out), &mut std::io::stdout()) {
        Ok(lines) => {
            println!("vn766-fetch: {} tables written to {out} from {}", lines.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("vn766-fetch: {e}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--from-captures") {
        return from_captures(&args);
    }
    let opts = match parse(&args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("vn766-fetch: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout();
    match fetch::run(&opts, &mut out) {
        Ok(outcome) => {
            println!(
                "vn766-fetch: {} tables written to {} ({} requests, {} answers from the cache)",
                outcome.tables,
                opts.out.display(),
                outcome.sent,
                outcome.from_cache
            );
            for l in &outcome.left_out {
                eprintln!("left out: {l}");
            }
            if let Some(b) = &outcome.blocked {
                eprintln!("vn766-fetch: stopped: {b}. What was complete is written; run again later: nothing already fetched is asked twice.");
            }
            ExitCode::from(outcome.status())
        }
        Err(e) => {
            eprintln!("vn766-fetch: {e}");
            ExitCode::from(2)
        }
    }
}
