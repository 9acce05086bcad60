//! A labelled text field for a number, with its error under it and a reset
//! button when it differs from the published figure.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Ctx;
use crate::text::t;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Differs from the published figure: offer a reset.
    #[prop_or_default]
    pub changed: bool,
    /// "numeric" for counts, "decimal" for rates and scores.
    #[prop_or(AttrValue::Static("numeric"))]
    pub inputmode: AttrValue,
    #[prop_or_default]
    pub suffix: Option<AttrValue>,
    /// What the reset button says (default: back to the published figure).
    #[prop_or_default]
    pub reset_label: Option<AttrValue>,
    pub oninput: Callback<String>,
    pub onreset: Callback<()>,
    #[prop_or_default]
    pub onkeydown: Option<Callback<KeyboardEvent>>,
    /// A short label shown instead of `label`, which stays the field's
    /// accessible name (a field on an indicator's one-line view).
    #[prop_or_default]
    pub short: Option<AttrValue>,
    /// Its text is selected when it gets the focus, so that what is typed
    /// replaces it (a rate to try).
    #[prop_or_default]
    pub select_on_focus: bool,
}

#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let error_id = format!("{}-error", props.id);
    let hint_id = format!("{}-hint", props.id);
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| cb.emit(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onreset = {
        let cb = props.onreset.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onkeydown = props.onkeydown.clone().map(|cb| Callback::from(move |e: KeyboardEvent| cb.emit(e)));
    // The click that gives the focus would put the caret back: its mouseup
    // is ignored once.
    let just_focused = use_mut_ref(|| false);
    let (onfocus, onmouseup) = if props.select_on_focus {
        let flag = just_focused.clone();
        let onfocus = Callback::from(move |e: FocusEvent| {
            e.target_unchecked_into::<HtmlInputElement>().select();
            *flag.borrow_mut() = true;
        });
        let onmouseup = Callback::from(move |e: MouseEvent| {
            if std::mem::take(&mut *just_focused.borrow_mut()) {
                e.prevent_default();
            }
        });
        (Some(onfocus), Some(onmouseup))
    } else {
        (None, None)
    };
    let describedby = match (&props.hint, &props.error) {
        (Some(_), Some(_)) => Some(format!("{hint_id} {error_id}")),
        (Some(_), None) => Some(hint_id.clone()),
        (None, Some(_)) => Some(error_id.clone()),
        (None, None) => None,
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.short.as_ref().unwrap_or(&props.label) }</label>
            <div class="field-row">
                <input
                    id={props.id.clone()}
                    type="text"
                    inputmode={props.inputmode.clone()}
                    autocomplete="off"
                    spellcheck="false"
                    value={props.value.clone()}
                    aria-label={props.short.as_ref().map(|_| props.label.clone())}
                    aria-invalid={if props.error.is_some() { "true" } else { "false" }}
                    aria-describedby={describedby}
                    {oninput}
                    {onkeydown}
                    {onfocus}
                    {onmouseup}
                />
                if let Some(suffix) = &props.suffix {
                    <span class="suffix" aria-hidden="true">{ suffix }</span>
                }
                if props.changed {
                    <button type="button" class="reset" title={props.reset_label.clone().unwrap_or(AttrValue::Static(s.reset_field))}
                        aria-label={format!("{}: {}", props.reset_label.as_deref().unwrap_or(s.reset_field), props.label)} onclick={onreset}>
                        { "↺" }
                    </button>
                }
            </div>
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint }</p>
            }
            <p class="error" id={error_id} aria-live="polite">{ props.error.clone().unwrap_or_default() }</p>
        </div>
    }
}
