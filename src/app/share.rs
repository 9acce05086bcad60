//! "Chia sẻ / Share": a link that reproduces the view, and the HTML to embed
//! it in another page. Links point to the canonical address set at build
//! time (`VN766_CANONICAL_URL`, written into the page as
//! `<link rel="canonical">`) when there is one, so that a link made inside
//! an embedded frame opens the full app, not the frame.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::clipboard;
use super::{Ctx, Shared};
use crate::codec;
use crate::session::Session;
use crate::text::t;

/// Where shared links point: the canonical address, or this page's.
pub fn base_url() -> String {
    let window = web_sys::window();
    let canonical = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("link[rel=canonical]").ok().flatten())
        .and_then(|l| l.get_attribute("href"))
        .filter(|h| h.starts_with("http"));
    canonical.unwrap_or_else(|| window.and_then(|w| w.location().href().ok()).unwrap_or_default())
}

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub session: Shared<Session>,
}

#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let status = use_state(|| None::<&'static str>);
    let base = base_url();
    let link = codec::share_url(&base, &props.session.0);
    let snippet = codec::embed_snippet(&base, &props.session.0);
    let partial = codec::from_link(link.split("#s=").nth(1).unwrap_or(""), &props.session.0.tables)
        .map(|(_, p)| p)
        .unwrap_or(false);
    let copy = |text: String, id: &'static str| {
        let status = status.clone();
        let (ok, manual) = (s.copied, s.copy_by_hand);
        Callback::from(move |_: MouseEvent| {
            let (status, text) = (status.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if clipboard::copy(&text).await {
                    status.set(Some(ok));
                } else {
                    // Select the text for the user to copy.
                    if let Some(el) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id(id))
                        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlTextAreaElement>(e).ok())
                    {
                        el.select();
                    }
                    status.set(Some(manual));
                }
            });
        })
    };
    html! {
        <section class="share" id="share" aria-labelledby="share-title">
            <h2 id="share-title">{ s.share }</h2>
            <div class="field">
                <label for="share-link">{ s.share_link }</label>
                <textarea id="share-link" rows="2" readonly=true value={link.clone()} />
                <button type="button" id="copy-link" onclick={copy(link, "share-link")}>{ s.copy_link }</button>
            </div>
            if partial { <p class="note">{ s.link_partial }</p> }
            <div class="field">
                <label for="embed-code">{ s.embed_code }</label>
                <textarea id="embed-code" rows="6" readonly=true value={snippet.clone()} />
                <button type="button" id="copy-embed" onclick={copy(snippet, "embed-code")}>{ s.copy_embed }</button>
            </div>
            if let Some(m) = *status { <p class="ok" role="status" id="share-status">{ m }</p> }
        </section>
    }
}
