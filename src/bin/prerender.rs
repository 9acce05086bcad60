//! Renders the app's default view into the built `index.html`, so that the
//! page shows the calculator with its numbers before the wasm has arrived
//! (a slow connection sees content, not a blank page). Run by the build
//! (`src/build/postbuild.mjs`) with feature `prerender`: Yew's server
//! renderer, natively, over the same components; the app in the browser then
//! mounts afresh over it (no hydration: `Renderer::render` empties `<body>`
//! and draws the app in the same task).
//!
//! Also stamps `early.js` with the default view's link, so that a visit whose
//! address holds another view hides the prerendered page until the app has
//! drawn the right one (another unit's numbers are never shown first).
//!
//! Usage: `cargo run --features prerender --bin prerender -- DIR`.

use std::{env, fs, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let Some(dir) = env::args().nth(1).or_else(|| env::var("TRUNK_STAGING_DIR").ok()).map(PathBuf::from) else {
        eprintln!("usage: prerender DIR (the built site; or set TRUNK_STAGING_DIR)");
        return ExitCode::from(2);
    };
    match prerender(&dir) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn prerender(dir: &std::path::Path) -> Result<String, String> {
    let index = dir.join("index.html");
    let page = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    if page.contains("id=\"prerendered\"") {
        return Err("index.html is already prerendered".into());
    }
    let start = std::time::Instant::now();
    let body = futures::executor::block_on(yew::ServerRenderer::<vn766::app::App>::new().hydratable(false).render());
    let took = start.elapsed();
    let at = page.find("<body>").ok_or("index.html has no <body>")? + "<body>".len();
    let out = format!("{}\n<div id=\"prerendered\">{body}</div>{}", &page[..at], &page[at..]);
    fs::write(&index, out).map_err(|e| format!("{}: {e}", index.display()))?;

    let early = dir.join("early.js");
    let text = fs::read_to_string(&early).map_err(|e| format!("{}: {e}", early.display()))?;
    let link = vn766::codec::to_link(&vn766::session::Session::default());
    let link = serde_json::to_string(&link).map_err(|e| e.to_string())?;
    fs::write(&early, text.replace("\"__VN766_DEFAULT_LINK__\"", &link)).map_err(|e| e.to_string())?;
    Ok(format!("prerender: the default view, {} bytes of HTML, in {:.0} ms", body.len(), took.as_secs_f64() * 1000.0))
}
