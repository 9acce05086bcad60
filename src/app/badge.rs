//! The confidence mark of a part of the method: "ước tính / estimate" where
//! it is inferred, "theo tài liệu / per document" where it is only documented.

use yew::prelude::*;

use crate::engine::{Confidence, Lang};
use crate::text::t;

/// The badge for a confidence (nothing when verified).
pub fn badge(confidence: Confidence, lang: Lang) -> Html {
    let s = t(lang);
    match confidence {
        Confidence::Inferred => html! {
            <span class="badge estimate" title={s.estimate_title}>{ s.estimate }</span>
        },
        Confidence::Document => html! {
            <span class="badge document" title={s.document_title}>{ s.document_badge }</span>
        },
        Confidence::Verified => html! {},
    }
}
