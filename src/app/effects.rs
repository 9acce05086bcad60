//! The shell's side effects as hooks: the address bar and storage follow the
//! session, the imported tables are kept, the document's language and title
//! follow the language, and an embedded page tells its host its height. The
//! work itself is in `persist`, `storage`, `url` and `embed`.

use std::cell::Cell;

use yew::prelude::*;

use super::state::{Msg, Notice, State};
use super::storage::{self, TablesError};
use super::{embed, persist};
use crate::engine::Lang;

/// Runs every effect of the shell for this state.
#[hook]
pub fn use_effects(state: &UseReducerHandle<State>, embedded: bool) {
    let session = state.session.clone();
    // The address and storage, once typing pauses (the first refusal says
    // so once; a notice already shown keeps its place).
    let persister = {
        let dispatch = state.dispatcher();
        let quiet = state.notice.is_some();
        use_memo((), move |_| {
            let warned = Cell::new(quiet);
            persist::Persister::new(move || {
                if !warned.replace(true) {
                    dispatch.dispatch(Msg::Notice(Notice::StorageUnavailable));
                }
            })
        })
    };
    use_effect_with(session.clone(), move |s| persister.schedule(s.clone()));
    // The imported tables, whenever they change (not on the first render:
    // they were just read back).
    {
        let dispatch = state.dispatcher();
        let first = use_mut_ref(|| true);
        use_effect_with(session.tables.clone(), move |tables| {
            if !first.replace(false) {
                let notice = match storage::save_tables(tables) {
                    Ok(()) => None,
                    Err(TablesError::TooLarge(n)) => Some(Notice::TablesTooLarge(n)),
                    Err(TablesError::Refused) => Some(Notice::TablesRefused),
                };
                if let Some(n) = notice {
                    dispatch.dispatch(Msg::Notice(n));
                }
            }
        });
    }
    use_effect_with(session.lang, |&lang| document_language(lang));
    use_effect_with(embedded, |&embedded| {
        if embedded {
            embed::watch_height();
        }
    });
}

fn document_language(lang: Lang) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        doc.set_title(crate::text::t(lang).title);
    }
}
