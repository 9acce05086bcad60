//! The confidence mark of a part of the method: "ước tính / estimate" where
//! it is inferred, "theo tài liệu / per document" where it is only documented.

use yew::prelude::*;

use super::i18n::t;
use super::Ctx;
use crate::engine::Confidence;

#[derive(Properties, PartialEq)]
pub struct BadgeProps {
    pub confidence: Confidence,
}

#[function_component(Badge)]
pub fn badge(props: &BadgeProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    match props.confidence {
        Confidence::Inferred => html! {
            <span class="badge estimate" title={s.estimate_title}>{ s.estimate }</span>
        },
        Confidence::Document => html! {
            <span class="badge document" title={s.document_title}>{ s.document_badge }</span>
        },
        Confidence::Verified => html! {},
    }
}
