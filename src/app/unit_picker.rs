//! Start from a real unit: a search box over the reference table that
//! ignores case and diacritics ("dong thap" finds "Đồng Tháp"), as an ARIA
//! combobox.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{use_send, Ctx};
use crate::engine::i18n::fold;
use crate::session::Action;
use crate::text::t;

use crate::view::UnitOption;

/// The session's data directory, compared by pointer (a new one is a new
/// value).
#[derive(Clone)]
pub struct DirRef(pub std::sync::Arc<crate::directory::Directory>);

impl PartialEq for DirRef {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct UnitPickerProps {
    pub options: Rc<Vec<UnitOption>>,
    pub selected: Option<AttrValue>,
    pub reference: AttrValue,
    /// The host's data directory, when there is one.
    #[prop_or_default]
    pub directory: Option<DirRef>,
    /// The dates of the reference table's scope in the directory.
    #[prop_or_default]
    pub dates: Rc<Vec<crate::view::DateOption>>,
}

/// Matches shown in the list at most (a directory has thousands of units).
const SHOWN: usize = 50;

fn matches(options: &[UnitOption], query: &str) -> Vec<usize> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    (0..options.len()).filter(|&i| words.iter().all(|w| options[i].folded.contains(w.as_str()))).collect()
}

#[function_component(UnitPicker)]
pub fn unit_picker(props: &UnitPickerProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let send = use_send();
    let s = t(ctx.lang);
    let query = use_state(String::new);
    let open = use_state(|| false);
    let active = use_state(|| 0usize);
    let all = matches(&props.options, &query);
    let more = all.len().saturating_sub(SHOWN);
    let found: Vec<usize> = all.into_iter().take(SHOWN).collect();

    let choose = {
        let dispatch = send.clone();
        let (query, open) = (query.clone(), open.clone());
        let options = props.options.clone();
        let directory = props.directory.clone();
        let (ui, lang) = (ctx.dispatch.clone(), ctx.lang);
        Callback::from(move |code: String| {
            query.set(String::new());
            open.set(false);
            // A unit of the directory outside the table: its table is read first.
            let table = options.iter().find(|o| o.code == code).and_then(|o| o.open.clone());
            match (table, &directory) {
                (Some(id), Some(d)) => super::directory::open(&d.0, &id, Some(code), lang, ui.clone()),
                _ => dispatch.emit(Action::ChooseUnit(code)),
            }
        })
    };
    let oninput = {
        let (query, open, active) = (query.clone(), open.clone(), active.clone());
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value());
            open.set(true);
            active.set(0);
        })
    };
    let onkeydown = {
        let (open, active, choose) = (open.clone(), active.clone(), choose.clone());
        let found = found.clone();
        let options = props.options.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                open.set(true);
                if !found.is_empty() {
                    active.set((*active + 1).min(found.len() - 1));
                }
            }
            "ArrowUp" => {
                e.prevent_default();
                active.set(active.saturating_sub(1));
            }
            "Enter" => {
                if let Some(&i) = found.get(*active) {
                    e.prevent_default();
                    choose.emit(options[i].code.clone());
                }
            }
            "Escape" => open.set(false),
            _ => {}
        })
    };
    // The directory's units list, on first use of the search: also when it
    // was used before the directory's index arrived (typed into the page
    // while the app loaded).
    {
        let wanted = *open || !query.is_empty();
        let directory = props.directory.clone().filter(|d| d.0.units.is_none());
        let (ui, lang) = (ctx.dispatch.clone(), ctx.lang);
        use_effect_with((wanted, directory), move |(wanted, directory)| {
            if let (true, Some(d)) = (*wanted, directory) {
                super::directory::load_units(&d.0, lang, ui);
            }
        });
    }
    let onfocus = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(true))
    };
    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(false))
    };
    // Another date of the same scope: its table ranks, the unit stays.
    let on_date = {
        let directory = props.directory.clone();
        let unit = props.selected.clone();
        let (ui, lang) = (ctx.dispatch.clone(), ctx.lang);
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(d) = &directory {
                super::directory::open(&d.0, &id, unit.as_ref().map(|u| u.to_string()), lang, ui.clone());
            }
        })
    };
    let on_blank = {
        let dispatch = send.clone();
        dispatch.reform(|_: MouseEvent| Action::StartBlank)
    };
    let selected = props.selected.as_ref().and_then(|code| props.options.iter().find(|o| *o.code == **code));
    let active_id = found.get(*active).map(|&i| format!("unit-opt-{}", props.options[i].code));
    html! {
        <section class="unit-picker" aria-labelledby="unit-label">
            <div class="picker-head">
                <label id="unit-label" for="unit-search">{ s.unit_search }</label>
                <button type="button" class="link" title={s.blank_title} onclick={on_blank}>{ s.blank }</button>
            </div>
            <div class="combo">
                <input id="unit-search" type="search" role="combobox" autocomplete="off"
                    aria-autocomplete="list" aria-controls="unit-list" aria-expanded={(*open).to_string()}
                    aria-activedescendant={if *open { active_id } else { None }}
                    aria-describedby="unit-hint"
                    placeholder={s.unit_search_hint}
                    value={(*query).clone()}
                    {oninput} {onkeydown} {onfocus} {onblur} />
                if *open {
                    <ul id="unit-list" role="listbox" aria-label={s.unit} tabindex="-1">
                        if found.is_empty() {
                            <li class="empty">{ s.no_match }</li>
                        }
                        { for found.iter().enumerate().map(|(n, &i)| {
                            let o = &props.options[i];
                            let code = o.code.clone();
                            let choose = choose.clone();
                            // mousedown, not click: it comes before the input's blur.
                            let onmousedown = Callback::from(move |e: MouseEvent| {
                                e.prevent_default();
                                choose.emit(code.clone());
                            });
                            html! {
                                <li key={o.code.clone()} id={format!("unit-opt-{}", o.code)} role="option"
                                    class={classes!((n == *active).then_some("active"))}
                                    aria-selected={(n == *active).to_string()} {onmousedown}>
                                    { &o.label }
                                </li>
                            }
                        }) }
                        if more > 0 {
                            <li class="empty" aria-disabled="true">{ format!("… +{more}") }</li>
                        }
                    </ul>
                }
            </div>
            <p class="hint">
                <span id="unit-hint">{ format!("{}: {}", s.reference, props.reference) }</span>
                // The reference table's other dates, on the same line.
                if props.dates.len() > 1 {
                    <span class="dates">
                        <label for="directory-date">{ format!("{}: ", s.dir_dates) }</label>
                        <select id="directory-date" onchange={on_date}>
                            { for props.dates.iter().map(|d| html! {
                                <option value={d.id.clone()} selected={d.selected}>{ &d.label }</option>
                            }) }
                        </select>
                    </span>
                }
            </p>
            <p class="current">
                <span class="label">{ format!("{}: ", s.unit) }</span>
                <strong id="current-unit">{ selected.map(|o| format!("{} ({})", o.name, o.code)).unwrap_or_else(|| "—".into()) }</strong>
            </p>
        </section>
    }
}
