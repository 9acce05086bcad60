//! The portal's reporting API over HTTP, politely: the public evaluation
//! page loaded once for its cookies (as a browser does), then one request at
//! a time, at most `rate` a second, an honest User-Agent, retries with
//! backoff on 429, 5xx, timeouts and resets (bounded), and a stop when the
//! portal answers with an HTML page (its firewall) or 403. Every answer is
//! kept on disk: a rerun, or a killed run resumed, asks nothing twice.

use std::io::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Where the API lives under the portal's address.
pub const API: &str = "/api/v1/reporting/evaluation/";
/// The public page whose requests these are (loaded first, for its cookies).
pub const LANDING: &str = "/danh-gia-chat-luong-phuc-vu";

/// Why a request gave no data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpError {
    /// The portal refused: an HTML page instead of JSON, or 403. The run
    /// stops asking.
    Blocked(String),
    /// No usable answer after the retries allowed (the last reason), or an
    /// answer the portal marks as an error.
    Failed(String),
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HttpError::Blocked(why) => write!(f, "the portal refused the request: {why}"),
            HttpError::Failed(why) => f.write_str(why),
        }
    }
}

/// How the client behaves.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The portal's address, `https://dichvucong.gov.vn`.
    pub base: String,
    /// Requests a second, at most.
    pub rate: f64,
    /// Seconds a request may take.
    pub timeout: Duration,
    /// Tries after the first, on 429, 5xx, timeouts, resets, bad JSON.
    pub retries: u32,
    /// The first wait before a retry; doubled each time (at most a minute).
    pub backoff: Duration,
    /// Where raw answers are kept.
    pub cache: PathBuf,
    pub user_agent: String,
}

pub struct Client {
    agent: ureq::Agent,
    settings: Settings,
    last: Option<Instant>,
    warmed: bool,
    /// Requests sent, and answers taken from the cache.
    pub sent: usize,
    pub from_cache: usize,
    log: Box<dyn std::io::Write>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A body's first characters, for a message.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(2000)]);
    let title = text.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).map(str::trim);
    match title {
        Some(t) if !t.is_empty() => format!("\"{t}\""),
        _ => format!(
            "\"{}\"",
            text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(80).collect::<String>()
        ),
    }
}

impl Client {
    pub fn new(settings: Settings, log: Box<dyn std::io::Write>) -> std::io::Result<Client> {
        std::fs::create_dir_all(&settings.cache)?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(settings.timeout))
            .user_agent(settings.user_agent.as_str())
            .build()
            .new_agent();
        Ok(Client { agent, settings, last: None, warmed: false, sent: 0, from_cache: 0, log })
    }

    fn cache_path(&self, endpoint: &str, body: &str) -> PathBuf {
        let mut h = Sha256::new();
        h.update(endpoint.as_bytes());
        h.update(b"\n");
        h.update(body.as_bytes());
        self.settings.cache.join(format!("{endpoint}-{}.json", &hex(&h.finalize())[..24]))
    }

    /// Waits until the next request is allowed.
    fn pace(&mut self) {
        let gap = Duration::from_secs_f64(1.0 / self.settings.rate.max(0.001));
        if let Some(last) = self.last {
            let since = last.elapsed();
            if since < gap {
                std::thread::sleep(gap - since);
            }
        }
        self.last = Some(Instant::now());
    }

    /// The public page, once, for its cookies (kept by the agent).
    fn warm_up(&mut self) {
        if self.warmed {
            return;
        }
        self.warmed = true;
        self.pace();
        self.sent += 1;
        let url = format!("{}{LANDING}", self.settings.base);
        if let Err(e) =
            self.agent.get(&url).header("Accept", "text/html").call().and_then(|mut r| r.body_mut().read_to_vec())
        {
            let _ = writeln!(self.log, "note: the evaluation page did not load ({e}); going on without its cookies");
        }
    }

    /// The `data` of an answer to `endpoint` with `body`: from the cache
    /// when a run has asked it before, else from the portal.
    pub fn post(&mut self, endpoint: &str, body: &Value) -> Result<Value, HttpError> {
        let body_text = body.to_string();
        let path = self.cache_path(endpoint, &body_text);
        if let Ok(bytes) = std::fs::read(&path) {
            if let Ok(data) = envelope(&bytes) {
                self.from_cache += 1;
                return Ok(data);
            }
        }
        self.warm_up();
        let url = format!("{}{API}{endpoint}", self.settings.base);
        let mut attempt = 0;
        loop {
            self.pace();
            self.sent += 1;
            let reason = match self.send(&url, &body_text) {
                Ok(Answer::Data(bytes, data)) => {
                    // Written whole or not at all.
                    let tmp = path.with_extension("part");
                    std::fs::write(&tmp, &bytes)
                        .and_then(|_| std::fs::rename(&tmp, &path))
                        .map_err(|e| HttpError::Failed(format!("{endpoint}: the cache could not be written: {e}")))?;
                    return Ok(data);
                }
                Ok(Answer::Retry(why)) => why,
                Err(e) => return Err(e),
            };
            if attempt >= self.settings.retries {
                return Err(HttpError::Failed(format!("{endpoint}: {reason} ({} tries)", attempt + 1)));
            }
            let wait = self.settings.backoff.saturating_mul(1 << attempt.min(10)).min(Duration::from_secs(60));
            let _ = writeln!(self.log, "retry {endpoint} in {:.1} s: {reason}", wait.as_secs_f64());
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    fn send(&mut self, url: &str, body: &str) -> Result<Answer, HttpError> {
        let origin = self.settings.base.clone();
        let response = self
            .agent
            .post(url)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/plain, */*")
            .header("Origin", &origin)
            .header("Referer", &format!("{origin}{LANDING}"))
            .send(body);
        let mut response = match response {
            Ok(r) => r,
            Err(ureq::Error::Timeout(t)) => return Ok(Answer::Retry(format!("timed out ({t})"))),
            Err(e) => return Ok(Answer::Retry(format!("no answer ({e})"))),
        };
        let status = response.status().as_u16();
        let html = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        let bytes = match response.body_mut().with_config().limit(64 << 20).read_to_vec() {
            Ok(b) => b,
            Err(e) => return Ok(Answer::Retry(format!("the answer broke off ({e})"))),
        };
        let looks_html = html || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
        if looks_html {
            return Err(HttpError::Blocked(format!(
                "HTTP {status} with an HTML page instead of JSON ({}): the portal's firewall, most likely",
                excerpt(&bytes)
            )));
        }
        match status {
            200 | 201 => match envelope(&bytes) {
                Ok(data) => Ok(Answer::Data(bytes, data)),
                Err(EnvelopeError::NotJson(e)) => Ok(Answer::Retry(format!("the answer is not whole JSON ({e})"))),
                Err(EnvelopeError::NotOk(m)) => Err(HttpError::Failed(format!("the portal answered an error: {m}"))),
            },
            403 | 406 => Err(HttpError::Blocked(format!("HTTP {status}"))),
            429 => Ok(Answer::Retry("HTTP 429 (too many requests)".into())),
            s if s >= 500 => Ok(Answer::Retry(format!("HTTP {s}"))),
            s => Err(HttpError::Failed(format!("HTTP {s}: {}", excerpt(&bytes)))),
        }
    }
}

enum Answer {
    Data(Vec<u8>, Value),
    Retry(String),
}

enum EnvelopeError {
    NotJson(String),
    NotOk(String),
}

/// `{code, data, message}`: the data when `code` is "OK".
fn envelope(bytes: &[u8]) -> Result<Value, EnvelopeError> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| EnvelopeError::NotJson(e.to_string()))?;
    match (v.get("code").and_then(Value::as_str), v.get("data")) {
        (Some("OK"), Some(data)) if data.is_object() => Ok(data.clone()),
        _ => Err(EnvelopeError::NotOk(
            v.get("message").and_then(Value::as_str).unwrap_or("no data").chars().take(200).collect(),
        )),
    }
}
