//! A host's data directory (`data/README.md`): its index read at start
//! (when the host's address names one), then, on demand, its units list
//! (when the unit search is first used), a table (when a unit of it is
//! chosen) and its scope's series (for the unit's history). Each file's size
//! is checked against the index; the service worker keeps what was read for
//! offline use.

use yew::UseReducerDispatcher;

use super::state::{Msg, Notice, State};
use crate::directory::{Directory, Index, Series};
use crate::engine::{reference, Lang};
use crate::session::Action;
use crate::text::{fill, t};

/// The text of a file of the directory, checked against the size the index
/// gives it.
async fn text(url: &str, bytes: Option<u64>) -> Result<String, String> {
    let (data, _) = super::host_data::fetch(url).await?;
    if let Some(n) = bytes {
        if data.len() as u64 != n {
            return Err(format!("{} bytes, the index says {n}", data.len()));
        }
    }
    String::from_utf8(data).map_err(|_| "not UTF-8".to_string())
}

/// The index in a host's fetched file, if it is one; `Err` for a directory
/// of a newer version.
pub fn index_in(bytes: &[u8]) -> Option<Result<Index, String>> {
    let text = std::str::from_utf8(bytes).ok()?;
    if !text.trim_start().starts_with('{') || !text.contains(crate::directory::FORMAT) {
        return None;
    }
    Some(Index::read(text).map_err(|e| e.to_string()))
}

fn failed(dispatch: &UseReducerDispatcher<State>, what: &str, why: String, lang: Lang) {
    let message = fill(t(lang).dir_failed, &[("what", what), ("why", &why)]);
    dispatch.dispatch(Msg::Notice(Notice::Directory(message)));
}

/// Reads the units list, once.
pub fn load_units(dir: &Directory, lang: Lang, dispatch: UseReducerDispatcher<State>) {
    let Some(file) = dir.index.units.clone() else { return };
    let url = dir.file_url(&file.file);
    wasm_bindgen_futures::spawn_local(async move {
        match text(&url, Some(file.bytes)).await.and_then(|t| Directory::read_units(&t).map_err(|e| e.to_string())) {
            Ok(units) => dispatch.dispatch(Msg::Session(Action::SetDirectoryUnits(units))),
            Err(why) => failed(&dispatch, &file.file, why, lang),
        }
    });
}

/// Reads a table of the directory, ranks against it and chooses `unit`;
/// then reads its scope's series.
pub fn open(dir: &Directory, id: &str, unit: Option<String>, lang: Lang, dispatch: UseReducerDispatcher<State>) {
    let Some(entry) = dir.table(id).cloned() else { return };
    let series = dir.series_of(&entry).cloned();
    let (url, series_url) = (dir.file_url(&entry.file), series.as_ref().map(|s| dir.file_url(&s.file)));
    dispatch.dispatch(Msg::Notice(Notice::Directory(fill(
        t(lang).dir_loading,
        &[("name", &crate::directory::table_name(&entry, lang))],
    ))));
    wasm_bindgen_futures::spawn_local(async move {
        let read = text(&url, Some(entry.bytes))
            .await
            .and_then(|text| reference::read_csv(text.as_bytes()).map(|t| (t, text)).map_err(|e| e.to_string()));
        match read {
            Ok((table, source)) => {
                dispatch.dispatch(Msg::Dismiss);
                dispatch.dispatch(Msg::Session(Action::OpenDirectoryTable {
                    id: entry.id.clone(),
                    name: crate::directory::table_names(&entry),
                    table,
                    source,
                    unit,
                }));
            }
            Err(why) => return failed(&dispatch, &entry.file, why, lang),
        }
        if let (Some(s), Some(url)) = (series, series_url) {
            load_series_at(s.file, url, s.bytes, lang, dispatch).await;
        }
    });
}

async fn load_series_at(file: String, url: String, bytes: u64, lang: Lang, dispatch: UseReducerDispatcher<State>) {
    match text(&url, Some(bytes)).await {
        Ok(t) => dispatch.dispatch(Msg::Session(Action::AddSeries { file, series: Series::read(&t) })),
        Err(why) => failed(&dispatch, &file, why, lang),
    }
}

/// Reads the series of the directory table behind the reference table the
/// session ranks against (its catalogue id), when it has not been read (a
/// reload, a saved session, the shipped provinces table).
pub fn ensure_series(dir: &Directory, catalog_id: &str, lang: Lang, dispatch: UseReducerDispatcher<State>) {
    let Some(entry) = dir.entry_for(catalog_id) else { return };
    let Some(s) = dir.series_of(entry).cloned() else { return };
    if dir.series.contains_key(&s.file) {
        return;
    }
    let url = dir.file_url(&s.file);
    wasm_bindgen_futures::spawn_local(load_series_at(s.file, url, s.bytes, lang, dispatch));
}
