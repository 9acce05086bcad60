//! The embedded view's only chrome: the language switch, the share button,
//! a link to the full app with this view, and whether the work is kept.

use yew::prelude::*;

use super::{header, share, Ctx};

/// The embedded view's only chrome: the language switch and a link to the
/// full app with this view.
#[derive(Properties, PartialEq)]
pub struct EmbedBarProps {
    pub share_open: bool,
    pub onshare: Callback<()>,
    /// Whether the work is kept (said briefly; the whole sentence on hover).
    pub memory: crate::library::Memory,
}

#[function_component(EmbedBar)]
pub fn embed_bar(props: &EmbedBarProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = crate::text::t(ctx.lang);
    let (short, long) = {
        use crate::library::Memory::*;
        match props.memory {
            Remembers => (s.memory_short_remembers, s.memory_remembers),
            ForThisSite => (s.memory_short_for_this_site, s.memory_for_this_site),
            Forgets => (s.memory_short_forgets, s.memory_forgets),
        }
    };
    html! {
        <div class="embed-bar">
            <header::LangSwitch />
            <span class="embed-links">
                <button type="button" class="link" id="share-button" aria-expanded={props.share_open.to_string()}
                    aria-controls="share" onclick={props.onshare.reform(|_: MouseEvent| ())}>{ s.share }</button>
                { " · " }
                <a href={share::base_url().split(['?', '#']).next().unwrap_or("").to_string()} target="_blank"
                    rel="noopener" id="open-full">{ s.open_full }</a>
                { " · " }
                <span id="saved-memory" class="embed-memory" title={long}>{ short }</span>
            </span>
        </div>
    }
}
