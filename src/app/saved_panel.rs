//! "Phiên làm việc đã lưu": the sessions this browser keeps, the one open
//! here marked; open, rename, duplicate, delete (after a confirmation) and
//! download any of them, or start a new one. The work is the keeper's
//! ([`super::persist::Keeper`]); this component only lays out the list.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Msg, Notice};
use super::{files, Ctx};
use crate::text::t;
use crate::view::SavedView;

#[derive(Properties, PartialEq)]
pub struct SavedPanelProps {
    pub saved: Rc<SavedView>,
    /// The name of the open session's file, without extension.
    pub stem: AttrValue,
}

/// An action on the entry of an id.
type EntryAction = dyn Fn(&str) -> Result<(), crate::library::LibraryError>;

/// What an entry's row is doing: renaming (the text typed) or asking to
/// confirm a deletion.
#[derive(Clone, PartialEq)]
enum Editing {
    Rename(String, String),
    Delete(String),
}

#[function_component(SavedPanel)]
pub fn saved_panel(props: &SavedPanelProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let editing = use_state(|| None::<Editing>);
    let keeper = ctx.keeper.clone();
    // An action's failure is said in the notice bar.
    let report = {
        let dispatch = ctx.dispatch.clone();
        move |r: Result<(), crate::library::LibraryError>| {
            if let Err(e) = r {
                dispatch.dispatch(Msg::Notice(Notice::LibraryFailed(e)));
            }
        }
    };
    let act = |f: Rc<EntryAction>| {
        let (report, editing) = (report.clone(), editing.clone());
        move |id: String| {
            let (f, report, editing) = (f.clone(), report.clone(), editing.clone());
            Callback::from(move |_: MouseEvent| {
                editing.set(None);
                report(f(&id));
            })
        }
    };
    let k = keeper.clone();
    let open = act(Rc::new(move |id| k.open(id)));
    let k = keeper.clone();
    let duplicate = act(Rc::new(move |id| k.duplicate(id).map(|_| ())));
    let k = keeper.clone();
    let delete = act(Rc::new(move |id| {
        k.delete(id);
        Ok(())
    }));
    let k = keeper.clone();
    let stem = props.stem.clone();
    let export = act(Rc::new(move |id| {
        let json = k.export(id)?;
        let _ = files::download(&format!("{stem}-{id}.json"), "application/json", json.as_bytes());
        Ok(())
    }));
    let on_new = {
        let k = keeper.clone();
        Callback::from(move |_: MouseEvent| k.open_new(None))
    };
    let on_edit = |e: Editing| {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(Some(e.clone())))
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(None))
    };
    let on_typing = {
        let editing = editing.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Some(Editing::Rename(id, _)) = &*editing {
                editing.set(Some(Editing::Rename(id.clone(), value)));
            }
        })
    };
    let on_rename = {
        let (editing, report, k) = (editing.clone(), report.clone(), keeper.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(Editing::Rename(id, name)) = &*editing {
                let r = k.rename(id, name).map(|_| ());
                if r.is_ok() {
                    editing.set(None);
                }
                report(r);
            }
        })
    };
    let v = &props.saved;
    let open_name = v.rows.iter().find(|r| r.open).map(|r| r.name.clone());
    let row = |r: &crate::view::SavedRow| {
        let id = r.id.clone();
        let tools = match &*editing {
            Some(Editing::Rename(eid, name)) if *eid == id => html! {
                <form class="saved-rename" onsubmit={on_rename.clone()}>
                    <label class="visually-hidden" for="saved-name">{ s.saved_name_label }</label>
                    <input id="saved-name" value={name.clone()} maxlength="80" oninput={on_typing.clone()} />
                    <button type="submit" class="primary">{ s.saved_rename_ok }</button>
                    <button type="button" onclick={on_cancel.clone()}>{ s.saved_cancel }</button>
                </form>
            },
            Some(Editing::Delete(eid)) if *eid == id => html! {
                <span class="saved-tools">
                    <button type="button" class="danger saved-delete-confirm" onclick={delete(id.clone())}>{ s.saved_delete_confirm }</button>
                    <button type="button" onclick={on_cancel.clone()}>{ s.saved_cancel }</button>
                </span>
            },
            _ => html! {
                <span class="saved-tools">
                    if !r.open {
                        <button type="button" class="saved-open" onclick={open(id.clone())}>{ s.saved_open }</button>
                    }
                    <button type="button" class="link saved-rename-button"
                        onclick={on_edit(Editing::Rename(id.clone(), r.name.clone()))}>{ s.saved_rename }</button>
                    <button type="button" class="link saved-duplicate" onclick={duplicate(id.clone())}>{ s.saved_duplicate }</button>
                    <button type="button" class="link saved-export" onclick={export(id.clone())}>{ s.saved_export }</button>
                    <button type="button" class="link saved-delete" onclick={on_edit(Editing::Delete(id.clone()))}>{ s.saved_delete }</button>
                </span>
            },
        };
        html! {
            <li class={classes!("saved-entry", r.open.then_some("open"))} data-entry={id.clone()} key={id.clone()}>
                <span class="saved-name">{ &r.name }</span>
                if r.open { <span class="badge">{ s.saved_open_now }</span> }
                <span class="saved-time">{ &r.changed }</span>
                { tools }
            </li>
        }
    };
    html! {
        <details class="saved" id="saved">
            <summary id="saved-summary">
                { s.saved_title }
                { format!(" ({})", v.rows.len()) }
                if let Some(name) = open_name { <span class="saved-current">{ format!(" · {name}") }</span> }
            </summary>
            <p class={classes!("note", v.forgets.then_some("warn"))} id="saved-memory">{ &v.memory }</p>
            if v.unsaved { <p class="note" id="saved-unsaved">{ s.saved_unsaved }</p> }
            if v.rows.is_empty() && !v.forgets { <p class="note">{ s.saved_empty }</p> }
            <ul class="saved-list">{ for v.rows.iter().map(row) }</ul>
            { for v.damaged.iter().map(|d| html! { <p class="error saved-damaged">{ d }</p> }) }
            <div class="saved-new">
                <button type="button" id="saved-new" onclick={on_new}>{ s.saved_new }</button>
            </div>
        </details>
    }
}
