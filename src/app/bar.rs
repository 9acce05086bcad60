//! A thin bar for a share (points of a maximum), drawn as SVG so that its
//! width is an attribute, not an inline style (the app runs under a strict
//! Content-Security-Policy without 'unsafe-inline' styles). A plain function,
//! not a component: it has no state, and many of them are drawn.

use yew::prelude::*;

/// The bar of a share in [0, 1].
pub fn bar(fraction: f64) -> Html {
    let width = crate::view::bar_width(fraction);
    html! {
        <svg class="bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="bar-bg" width="1000" height="10" />
            <rect class="bar-fill" width={width.to_string()} height="10" />
        </svg>
    }
}
