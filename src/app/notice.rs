//! A notice at the top of the page (a link that could not be opened, storage
//! that is unavailable), with a close button.

use yew::prelude::*;

use super::state::{Msg, Notice};
use super::Ctx;
use crate::text::{fill, t};

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Notice,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeBarProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let text = match &props.notice {
        Notice::LinkFailed(e) => fill(s.link_failed, &[("why", &e.message(ctx.lang))]),
        Notice::LinkPartial => s.link_partial.to_string(),
        Notice::StorageFailed(e) => fill(s.storage_failed, &[("why", &e.message(ctx.lang))]),
        Notice::StorageUnavailable => s.storage_unavailable.to_string(),
        Notice::Imported(n) => fill(s.imported, &[("n", &n.to_string())]),
        Notice::ImportFailed(why) => fill(s.import_failed, &[("why", why)]),
        Notice::Updated => s.updated.to_string(),
        Notice::TablesTooLarge(n) => {
            fill(s.tables_too_large, &[("n", &crate::engine::format::count(*n as u64, ctx.lang))])
        }
        Notice::TablesRefused => s.tables_refused.to_string(),
    };
    let dispatch = ctx.dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(Msg::Dismiss));
    html! {
        <div class="notice" id="notice" role="status">
            <p>{ text }</p>
            <button type="button" class="link" {onclick}>{ s.dismiss }</button>
        </div>
    }
}
