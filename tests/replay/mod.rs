//! A replay server for the portal's reporting API: a real HTTP server on
//! loopback that answers `vn766-fetch`'s requests from the recorded answers
//! in `tests/fixtures/portal/`, and can be told to misbehave (a status, a
//! slow answer, a reset connection, the firewall's HTML page, a truncated
//! answer, a unit missing from one answer, a pause while a test kills the
//! client).

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portal");
pub const COOKIE: &str = "BIGipServerpool_dvc=replay";

#[derive(Clone, Debug)]
pub enum Fault {
    Status(u16),
    /// The firewall's page, with this status.
    Html(u16),
    /// No answer for this long.
    Slow(Duration),
    /// The connection is reset (RST) once the request is read.
    Reset,
    /// A complete HTTP answer whose JSON is cut in half.
    Truncated,
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub body: String,
    pub cookie: Option<String>,
    pub user_agent: Option<String>,
    /// Whether it was answered with data (200/201 and whole JSON).
    pub answered: bool,
}

#[derive(Default)]
struct State {
    seen: Vec<Seen>,
    /// (request key containing this, its n-th time (1-based), the fault).
    faults: Vec<(String, usize, Fault)>,
    count: HashMap<String, usize>,
    /// An answer (endpoint.root) with a unit (code) taken out.
    drop_unit: Option<(String, String)>,
    /// Before answering the n-th API request: tell the test and wait.
    pause_at: Option<(usize, mpsc::Sender<()>, Arc<Mutex<bool>>)>,
    api_requests: usize,
}

pub struct Replay {
    pub url: String,
    state: Arc<Mutex<State>>,
}

fn ids() -> HashMap<String, String> {
    // departmentId -> code, from the recorded answers.
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let data = &v["data"];
        for item in ["parent", "overview"]
            .iter()
            .map(|k| &data[*k])
            .chain(["children", "evaluation"].iter().flat_map(|k| data[*k].as_array().into_iter().flatten()))
        {
            if let (Some(id), Some(code)) = (item["departmentId"].as_str(), item["departmentCode"].as_str()) {
                out.insert(id.to_string(), code.to_string());
            }
        }
    }
    out
}

impl Replay {
    pub fn start() -> Replay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let st = state.clone();
        let ids = Arc::new(ids());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (st, ids) = (st.clone(), ids.clone());
                std::thread::spawn(move || serve(stream, &st, &ids));
            }
        });
        Replay { url, state }
    }

    /// The `n`-th request whose key (`endpoint` or `endpoint.CODE`) contains `key` gets `fault`.
    pub fn fault(&self, key: &str, n: usize, fault: Fault) {
        self.state.lock().unwrap().faults.push((key.to_string(), n, fault));
    }

    /// The answer `endpoint` for `root` leaves out unit `code`.
    pub fn drop_unit(&self, endpoint_root: &str, code: &str) {
        self.state.lock().unwrap().drop_unit = Some((endpoint_root.to_string(), code.to_string()));
    }

    /// Before answering the `n`-th API request, signals on the returned
    /// channel and holds that request until `release` is called.
    pub fn pause_at(&self, n: usize) -> (mpsc::Receiver<()>, Arc<Mutex<bool>>) {
        let (tx, rx) = mpsc::channel();
        let gate = Arc::new(Mutex::new(false));
        self.state.lock().unwrap().pause_at = Some((n, tx, gate.clone()));
        (rx, gate)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    pub fn clear(&self) {
        let mut s = self.state.lock().unwrap();
        s.seen.clear();
        s.faults.clear();
        s.count.clear();
        s.drop_unit = None;
        s.pause_at = None;
        s.api_requests = 0;
    }
}

fn read_request(stream: &mut TcpStream) -> Option<(String, String, HashMap<String, String>, String)> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers.get("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    Some((method, path, headers, String::from_utf8_lossy(&body).into_owned()))
}

fn respond(stream: &mut TcpStream, status: u16, kind: &str, extra: &str, body: &[u8]) {
    let reason = match status {
        200 => "OK",
        201 => "Created",
        _ => "Status",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

/// Closes with a reset (SO_LINGER 0) rather than an orderly shutdown.
fn reset(stream: TcpStream) {
    use std::os::fd::AsRawFd;
    let linger = libc::linger { l_onoff: 1, l_linger: 0 };
    // SAFETY: a valid socket descriptor and a correctly sized option.
    unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            &linger as *const _ as *const libc::c_void,
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
    drop(stream);
}

fn file_for(endpoint: &str, body: &Value, ids: &HashMap<String, String>) -> Result<(String, PathBuf), String> {
    // The period the recordings answer: year 2026 (dates for satisfaction).
    let year = body["timeType"] == "year" && body["year"] == 2026;
    let dates = body["fromDate"] == "2026-01-01" && body["toDate"] == "2026-12-31";
    if !(year || dates) {
        return Err(format!("no recording for the period of {body}"));
    }
    let root = match (body["rootDepartmentId"].as_str(), body["departmentType"].as_str()) {
        (Some(id), _) => ids.get(id).cloned().ok_or_else(|| format!("unknown rootDepartmentId {id}"))?,
        (None, Some("ADMINISTRATIVE_UNIT")) => "national".to_string(),
        _ => return Err("neither rootDepartmentId nor departmentType".into()),
    };
    let key = format!("{endpoint}.{root}");
    Ok((key.clone(), PathBuf::from(FIXTURES).join(format!("{key}.year-2026.json"))))
}

fn serve(mut stream: TcpStream, state: &Mutex<State>, ids: &HashMap<String, String>) {
    let Some((method, path, headers, body)) = read_request(&mut stream) else { return };
    let mut seen = Seen {
        method: method.clone(),
        path: path.clone(),
        body: body.clone(),
        cookie: headers.get("cookie").cloned(),
        user_agent: headers.get("user-agent").cloned(),
        answered: false,
    };
    if method == "GET" && path == "/danh-gia-chat-luong-phuc-vu" {
        respond(
            &mut stream,
            200,
            "text/html; charset=utf-8",
            &format!("Set-Cookie: {COOKIE}; Path=/\r\n"),
            b"<!DOCTYPE html><title>Evaluation</title>",
        );
        state.lock().unwrap().seen.push(seen);
        return;
    }
    let Some(endpoint) = path.strip_prefix("/api/v1/reporting/evaluation/").map(String::from) else {
        respond(&mut stream, 404, "text/plain", "", b"not found");
        return;
    };
    let parsed: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let (key, file) = match file_for(&endpoint, &parsed, ids) {
        Ok(k) => k,
        Err(why) => {
            respond(
                &mut stream,
                400,
                "application/json",
                "",
                format!(r#"{{"code":"BAD_REQUEST","message":"{why}"}}"#).as_bytes(),
            );
            state.lock().unwrap().seen.push(seen);
            return;
        }
    };
    // A pause, a fault.
    let (pause, fault) = {
        let mut s = state.lock().unwrap();
        s.api_requests += 1;
        let n = s.api_requests;
        let pause = match &s.pause_at {
            Some((at, tx, gate)) if *at == n => {
                let _ = tx.send(());
                Some(gate.clone())
            }
            _ => None,
        };
        let c = s.count.entry(key.clone()).or_default();
        *c += 1;
        let c = *c;
        let fault = s.faults.iter().find(|(k, n, _)| key.contains(k.as_str()) && *n == c).map(|f| f.2.clone());
        (pause, fault)
    };
    if let Some(gate) = pause {
        // Held until the test has killed the client; then never answered.
        while !*gate.lock().unwrap() {
            std::thread::sleep(Duration::from_millis(10));
        }
        state.lock().unwrap().seen.push(seen);
        return;
    }
    let mut answer = match std::fs::read(&file) {
        Ok(b) => b,
        Err(_) => {
            respond(&mut stream, 404, "application/json", "", br#"{"code":"NOT_FOUND","message":"no recording"}"#);
            state.lock().unwrap().seen.push(seen);
            return;
        }
    };
    let drop_unit = state.lock().unwrap().drop_unit.clone();
    if let Some((k, code)) = drop_unit.filter(|(k, _)| *k == key) {
        let _ = k;
        let mut v: Value = serde_json::from_slice(&answer).unwrap();
        for list in ["children", "evaluation"] {
            if let Some(a) = v["data"].get_mut(list).and_then(Value::as_array_mut) {
                a.retain(|i| {
                    let id = i["departmentId"].as_str().unwrap_or("");
                    ids.get(id).map(String::as_str) != Some(code.as_str())
                });
            }
        }
        answer = serde_json::to_vec(&v).unwrap();
    }
    match fault {
        Some(Fault::Status(s)) => {
            respond(&mut stream, s, "application/json", "", br#"{"code":"ERROR","message":"replayed fault"}"#)
        }
        Some(Fault::Html(s)) => {
            let page = std::fs::read(PathBuf::from(FIXTURES).join("waf-request-rejected.html")).unwrap();
            respond(&mut stream, s, "text/html", "", &page);
        }
        Some(Fault::Slow(d)) => {
            std::thread::sleep(d);
            respond(&mut stream, 201, "application/json; charset=utf-8", "", &answer);
        }
        Some(Fault::Reset) => reset(stream),
        Some(Fault::Truncated) => {
            let half = answer.len() / 2;
            respond(&mut stream, 201, "application/json; charset=utf-8", "", &answer[..half]);
        }
        None => {
            respond(&mut stream, 201, "application/json; charset=utf-8", "", &answer);
            seen.answered = true;
        }
    }
    state.lock().unwrap().seen.push(seen);
}
