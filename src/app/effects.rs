//! The shell's side effects as hooks: the keeper saves the session and
//! writes the address, the imported tables are kept, the document's
//! language and title follow the language, and an embedded page tells its
//! host its height. The work itself is in `persist`, `storage`, `url` and
//! `embed`.

use yew::prelude::*;

use super::persist::Keeper;
use super::state::{Msg, Notice, State};
use super::storage::{self, TablesError};
use super::{embed, host_data};
use crate::engine::Lang;

/// Runs every effect of the shell for this state.
#[hook]
pub fn use_effects(state: &UseReducerHandle<State>, keeper: &Keeper, embedded: bool) {
    let session = state.session.clone();
    // The keeper hears the reducer's dispatcher once, then every session.
    {
        let dispatch = state.dispatcher();
        use_effect_with(keeper.clone(), move |keeper| keeper.listen(move |msg| dispatch.dispatch(msg)));
    }
    use_effect_with((keeper.clone(), session.clone()), |(keeper, s)| keeper.schedule(s.clone()));
    // The imported tables, whenever they change (not on the first render:
    // they were just read back; nor when only the data directory's index
    // or units arrive, which are not stored).
    {
        let dispatch = state.dispatcher();
        let first = use_mut_ref(|| true);
        let tables = session.tables.clone();
        let key: Vec<usize> = tables.tables().iter().map(|t| std::sync::Arc::as_ptr(t) as usize).collect();
        use_effect_with(key, move |_| {
            if !first.replace(false) {
                let notice = match storage::save_tables(&tables) {
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
    // The host's current table, once at start.
    {
        let (dispatch, kept, lang) = (state.dispatcher(), session.tables.host().is_some(), session.lang);
        use_effect_with((), move |_| {
            if let Some(url) = host_data::address() {
                host_data::start(url, kept, lang, dispatch);
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
