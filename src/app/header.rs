//! The page header: title, language switch, and a menu with the methodology
//! profile and the file actions (always open on a desk).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{use_send, Ctx};
use crate::engine::{profiles, Lang};
use crate::session::Action;
use crate::text::t;
use crate::view::lang_name;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub profile: AttrValue,
    /// The profile's version, shown next to it.
    pub version: AttrValue,
    /// The file actions (the toolbar): beside the method on a desk, in the
    /// menu on a phone.
    #[prop_or_default]
    pub children: Html,
}

/// The language switch (Tiếng Việt / English).
#[function_component(LangSwitch)]
pub fn lang_switch() -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let send = use_send();
    let s = t(ctx.lang);
    let lang_button = |lang: Lang| {
        let dispatch = send.clone();
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetLang(lang));
        html! {
            <button type="button" lang={lang.code()} aria-pressed={(ctx.lang == lang).to_string()} {onclick}
                title={lang_name(lang)}>
                <span class="long">{ lang_name(lang) }</span>
                <span class="short">{ lang.code().to_uppercase() }</span>
            </button>
        }
    };
    html! {
        <div class="lang-switch" role="group" aria-label={s.language}>
            { lang_button(Lang::Vi) }
            { lang_button(Lang::En) }
        </div>
    }
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let send = use_send();
    let s = t(ctx.lang);
    let on_profile = {
        let dispatch = send.clone();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            dispatch.emit(Action::SetProfile(id))
        })
    };
    // On a phone the method and the file actions are one menu away; on a
    // desk they are always shown (style/main.css).
    let menu_open = use_state(|| false);
    let on_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    html! {
        <header class="page-head">
            <div class="titles">
                <h1>{ s.title }</h1>
                <p class="subtitle">{ s.subtitle }</p>
            </div>
            <div class="controls">
                <LangSwitch />
                <button type="button" class="menu-button" id="menu-button" aria-expanded={menu_open.to_string()}
                    aria-controls="menu" aria-label={s.menu} title={s.menu} onclick={on_menu}>{ "☰" }</button>
            </div>
            <div class={classes!("menu", menu_open.then_some("open"))} id="menu">
                <div class="profile">
                    <label for="profile">{ s.profile }</label>
                    <select id="profile" onchange={on_profile}>
                        { for profiles::list().iter().map(|m| {
                            let label = if m.has_estimates() {
                                format!("{} ({})", m.name.get(ctx.lang), s.has_estimates)
                            } else {
                                m.name.get(ctx.lang).to_string()
                            };
                            html! { <option value={m.id.clone()} selected={*m.id == *props.profile}>{ label }</option> }
                        }) }
                    </select>
                    <span class="version">{ format!("{} {}", s.method_version, props.version) }</span>
                </div>
                { props.children.clone() }
            </div>
        </header>
    }
}
