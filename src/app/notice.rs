//! A notice at the top of the page (a link that could not be opened, storage
//! that is unavailable or full, work saved beside another tab's), with a
//! close button, and "save as a file" when the work could not be stored.

use yew::prelude::*;

use super::state::{Msg, Notice};
use super::{files, Ctx, Shared};
use crate::text::{fill, t};

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Notice,
    /// The work, offered as a file when it could not be stored.
    pub session: Shared<crate::session::Session>,
    /// Its file name without extension.
    pub stem: AttrValue,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeBarProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let text = match &props.notice {
        Notice::LinkFailed(e) => fill(s.link_failed, &[("why", &e.message(ctx.lang))]),
        Notice::LinkPartial => s.link_partial.to_string(),
        Notice::StorageUnavailable => s.storage_unavailable.to_string(),
        Notice::Imported(n) => fill(s.imported, &[("n", &n.to_string())]),
        Notice::ImportFailed(why) => fill(s.import_failed, &[("why", why)]),
        Notice::Updated => s.updated.to_string(),
        Notice::TablesTooLarge(n) => {
            fill(s.tables_too_large, &[("n", &crate::engine::format::count(*n as u64, ctx.lang))])
        }
        Notice::TablesRefused => s.tables_refused.to_string(),
        Notice::Library(n) => n.message(ctx.lang),
        Notice::LibraryFailed(e) => e.message(ctx.lang),
        Notice::Workbook(why) => fill(s.workbook_failed, &[("why", why)]),
        Notice::HostData { source, why, kept } => {
            let text = if *kept { s.host_data_kept } else { s.host_data_shipped };
            fill(text, &[("source", source), ("why", why)])
        }
        Notice::Directory(text) => text.clone(),
    };
    let save_file = props.notice.offers_file().then(|| {
        let (session, stem) = (props.session.clone(), props.stem.clone());
        Callback::from(move |_: MouseEvent| {
            let json = crate::codec::to_json(&session.0);
            let _ = files::download(&format!("{stem}.json"), "application/json", json.as_bytes());
        })
    });
    let dispatch = ctx.dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(Msg::Dismiss));
    html! {
        <div class="notice" id="notice" role="status">
            <p>{ text }</p>
            if let Some(onclick) = save_file {
                <button type="button" class="primary" id="notice-save-file" {onclick}>{ s.save_as_file }</button>
            }
            <button type="button" class="link" id="notice-dismiss" {onclick}>{ s.dismiss }</button>
        </div>
    }
}
