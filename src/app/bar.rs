//! A thin bar for a share (points of a maximum), drawn as SVG so that its
//! width is an attribute, not an inline style (the app runs under a strict
//! Content-Security-Policy without 'unsafe-inline' styles).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BarProps {
    /// The filled share, in [0, 1].
    pub fraction: f64,
}

#[function_component(Bar)]
pub fn bar(props: &BarProps) -> Html {
    let width = (props.fraction.clamp(0.0, 1.0) * 1000.0).round() as u32;
    html! {
        <svg class="bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="bar-bg" width="1000" height="10" />
            <rect class="bar-fill" width={width.to_string()} height="10" />
        </svg>
    }
}
