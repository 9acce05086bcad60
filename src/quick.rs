//! The quick start: answers edits in the prerendered page before the app
//! has loaded. On a slow connection the page paints from its HTML (the
//! default view, prerendered at build time) and the app's module takes
//! seconds more to arrive; a small second module (`src/bin/quick.rs`, this
//! code and the engine, without Yew) arrives first and, on each edit of a
//! prerendered field, scores the default view with what was typed and
//! writes the new figures into the page. The app then replaces the page and
//! takes the typed values over (`boot.js`), so nothing typed is lost.
//!
//! Everything is computed by the same functions as the app's view
//! ([`crate::view::page`], [`crate::view::summary_lines`]); what is written
//! where is [`answer`]'s list of [`Patch`]es, checked in Chromium against
//! the app's own page after the same edit (`tests/e2e/quick.test.mjs`).

use crate::engine::Lang;
use crate::session::{Action, Session};
use crate::view::{self, ids, summary_lines, Page};

/// One change to the prerendered page.
#[derive(Clone, Debug, PartialEq)]
pub struct Patch {
    /// A CSS selector of the element ("#total", "#bar-G1 .bar-fill").
    pub selector: String,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The element's text.
    Text(String),
    /// A bar's width, 0–1000 (its `width` attribute: no inline style under
    /// the strict Content-Security-Policy).
    Width(u32),
    /// The band chip's colour (through the CSSOM); `None`: no band.
    Color(Option<String>),
    /// Whether the field's text is not a value (`aria-invalid`); its message
    /// comes with the app.
    Invalid(bool),
}

/// The default view as prerendered: its session and page (whose fields'
/// ids say which action an edit is), computed once, not on every edit.
struct Start {
    session: Session,
    page: Page,
}

thread_local! {
    static START: Start = {
        let session = Session::default();
        let page = page_of(&session);
        Start { session, page }
    };
}

/// The default view's session with these values typed into its fields (the
/// prerendered fields' ids and texts; an id that is not a field is ignored).
pub fn session_with(typed: &[(String, String)]) -> Session {
    START.with(|start| {
        let mut s = start.session.clone();
        apply_on(&mut s, &start.page, typed);
        s
    })
}

/// Applies to `s` what was typed into its page's fields, as the app's
/// fields would (the app, at start, with what was typed into the
/// prerendered page before it was up).
pub fn apply_typed(s: &mut Session, typed: &[(String, String)]) {
    if !typed.is_empty() {
        let page = page_of(s);
        apply_on(s, &page, typed);
    }
}

fn apply_on(s: &mut Session, page: &Page, typed: &[(String, String)]) {
    for (id, text) in typed {
        if let Some(action) = action_for(page, id, text, s.lang) {
            s.apply(action);
        }
    }
}

/// What to change in the prerendered page so that it shows the default
/// view with `typed` in its fields.
pub fn answer(typed: &[(String, String)]) -> Vec<Patch> {
    let s = session_with(typed);
    let page = page_of(&s);
    patches(&page, &s)
}

/// The page of a session, computed once (the app's [`crate::derive`] caches
/// the same steps piece by piece).
pub fn page_of(s: &Session) -> Page {
    let baseline = view::baseline(s);
    let assessment = view::assess_scenario(s, s.draft(), baseline.as_ref().map(|(a, _, _)| a));
    view::page(s, &assessment, baseline.as_ref().map(view::Base::of), &s.rank_table())
}

/// The action the app takes when field `id` of `page` is edited.
fn action_for(page: &Page, id: &str, text: &str, lang: Lang) -> Option<Action> {
    let text = text.to_string();
    for g in &page.groups {
        if g.given_dom_id == id {
            return Some(Action::SetGiven { group: g.id.clone(), text });
        }
        if g.current_score.as_ref().is_some_and(|c| c.dom_id == id) {
            return Some(Action::SetCurrentScore { group: g.id.clone(), text });
        }
        for row in &g.rows {
            if row.rate_dom_id == id {
                return Some(row.try_rate(text, false));
            }
            if ids::slider(&row.id) == id {
                return Some(Action::SetRate { indicator: row.id.clone(), text: view::slider_text(&text, lang) });
            }
            if row.current_rate.as_ref().is_some_and(|c| c.dom_id == id) {
                return Some(row.try_rate(text, true));
            }
            for f in &row.fields {
                if f.dom_id == id {
                    return Some(Action::SetCount { quantity: f.quantity.clone(), text });
                }
                if f.current.as_ref().is_some_and(|c| c.dom_id == id) {
                    return Some(Action::SetCurrentCount { quantity: f.quantity.clone(), text });
                }
            }
        }
    }
    None
}

fn patches(page: &Page, s: &Session) -> Vec<Patch> {
    let mut out = Vec::new();
    let mut put = |selector: String, change: Change| out.push(Patch { selector, change });
    let v = &page.summary;
    let lines = summary_lines(v, s.lang);
    put("#total".into(), Change::Text(v.total.clone()));
    put("#band".into(), Change::Text(v.band.as_ref().map_or_else(|| "—".into(), |b| b.name.clone())));
    put("#band".into(), Change::Color(v.band.as_ref().map(|b| b.color.clone())));
    put("#rank".into(), Change::Text(lines.rank));
    // Lines the prerendered page may not have (the change against the
    // baseline appears with the first change): written where they are.
    put("#delta".into(), Change::Text(lines.delta.unwrap_or_default()));
    put("#next-rank".into(), Change::Text(lines.next.unwrap_or_default()));
    for g in &v.groups {
        let bar = format!("#{}", ids::bar(&g.id));
        put(format!("{bar} .bar-fill"), Change::Width(view::bar_width(g.fraction)));
        put(format!("{bar} .bar-value"), Change::Text(format!("{}/{}", g.score, g.max)));
    }
    for g in &page.groups {
        put(format!("#{}", ids::group_score(&g.id)), Change::Text(g.score.clone()));
        put(format!("#{} .group-score .bar-fill", ids::group(&g.id)), Change::Width(view::bar_width(g.fraction)));
        for row in &g.rows {
            if row.display_only {
                continue;
            }
            put(format!("#{}", ids::points(&row.id)), Change::Text(row.points.clone()));
            put(format!("#{} .ind-points .bar-fill", row.dom_id), Change::Width(view::bar_width(row.fraction)));
            put(format!("#{}", ids::rate_out(&row.id)), Change::Text(row.rate.clone()));
            put(format!("#{}", row.rate_dom_id), Change::Invalid(row.rate_error.is_some()));
            for f in &row.fields {
                put(format!("#{}", f.dom_id), Change::Invalid(f.error.is_some()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of<'a>(patches: &'a [Patch], selector: &str) -> Option<&'a str> {
        patches.iter().find_map(|p| match &p.change {
            Change::Text(t) if p.selector == selector => Some(t.as_str()),
            _ => None,
        })
    }

    #[test]
    fn nothing_typed_is_the_default_view() {
        let page = page_of(&Session::default());
        let patches = answer(&[]);
        assert_eq!(text_of(&patches, "#total"), Some(page.summary.total.as_str()));
        assert_eq!(
            text_of(&patches, "#rank"),
            Some(summary_lines(&page.summary, Session::default().lang).rank.as_str())
        );
    }

    #[test]
    fn a_typed_count_scores_as_the_app_does() {
        let s = Session::default();
        let page = page_of(&s);
        let id = ids::count("2.1", "dossiers_overdue");
        let typed = vec![(id, "5000".to_string())];
        let mut app = s.clone();
        app.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "5000".into() });
        let expected = page_of(&app);
        let patches = answer(&typed);
        assert_eq!(text_of(&patches, "#total"), Some(expected.summary.total.as_str()));
        assert_ne!(expected.summary.total, page.summary.total, "the edit changes the total");
        let delta = summary_lines(&expected.summary, s.lang).delta;
        assert_eq!(text_of(&patches, "#delta"), delta.as_deref());
        assert_ne!(text_of(&patches, "#delta"), text_of(&answer(&[]), "#delta"));
    }

    /// Every field of the default page, typed into, changes the session as
    /// the app's field does (the action its component sends).
    #[test]
    fn every_field_is_the_apps_action() {
        let s = Session::default();
        let page = page_of(&s);
        let mut cases: Vec<(String, Action)> = Vec::new();
        for g in &page.groups {
            cases.push((g.given_dom_id.clone(), Action::SetGiven { group: g.id.clone(), text: "7".into() }));
            for row in &g.rows {
                cases.push((row.rate_dom_id.clone(), row.try_rate("7".into(), false)));
                if let Some(c) = &row.current_rate {
                    cases.push((c.dom_id.clone(), row.try_rate("7".into(), true)));
                }
                for f in &row.fields {
                    cases.push((f.dom_id.clone(), Action::SetCount { quantity: f.quantity.clone(), text: "7".into() }));
                    if let Some(c) = &f.current {
                        cases.push((
                            c.dom_id.clone(),
                            Action::SetCurrentCount { quantity: f.quantity.clone(), text: "7".into() },
                        ));
                    }
                }
            }
        }
        assert!(
            cases.iter().any(|(_, a)| matches!(a, Action::SetCurrentCount { .. })),
            "the default unit has current fields"
        );
        for (id, action) in cases {
            let mut app = s.clone();
            app.apply(action.clone());
            assert_eq!(session_with(&[(id.clone(), "7".into())]), app, "{id}: {action:?}");
        }
        // A rate's slider gives a dot; the Vietnamese page's rate a comma.
        let mut app = s.clone();
        app.apply(Action::SetRate { indicator: "2.1".into(), text: "97,5".into() });
        assert_eq!(session_with(&[(ids::slider("2.1"), "97.5".into())]), app);
    }

    #[test]
    fn a_field_that_is_not_a_value_is_marked() {
        let page = page_of(&Session::default());
        let field = page.groups.iter().flat_map(|g| &g.rows).flat_map(|r| &r.fields).next().unwrap();
        let patches = answer(&[(field.dom_id.clone(), "abc".to_string())]);
        let selector = format!("#{}", field.dom_id);
        assert!(patches.iter().any(|p| p.selector == selector && p.change == Change::Invalid(true)));
        assert!(answer(&[("unit-search".into(), "dong".into())]) == answer(&[]), "not a field: ignored");
    }
}
