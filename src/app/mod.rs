//! The web app (wasm32 only): a Yew shell without logic over the pure model.
//! The state is the [`crate::session::Session`] (its tables included); what
//! is shown is [`crate::derive::Derived`], derived from it on every render;
//! the components here lay it out, one a file, and change the session with
//! [`use_send`]. Side effects live in [`effects`] (address bar and storage
//! through `persist`, `url` and `storage`; the document; the embed height),
//! `files` and `clipboard`.

mod badge;
mod bar;
mod batch_panel;
mod clipboard;
mod comparison;
mod crash;
mod directory;
mod effects;
mod embed;
mod embed_bar;
mod field;
mod files;
mod group_section;
mod header;
mod history_figures;
mod history_section;
mod hooks;
mod host_data;
mod indicator_row;
mod missing_panel;
mod notice;
mod persist;
mod report;
mod saved_panel;
mod scenarios;
mod share;
mod sheets;
mod start;
mod state;
mod storage;
mod summary;
mod tables_panel;
mod targets;
mod toolbar;
mod unit_picker;
mod url;

use yew::prelude::*;

use crate::derive::Deriver;
use crate::engine::Lang;
pub use hooks::{use_send, Shared};
pub use start::{bench_engine, crash_for_test, dom_id, start};
use {
    batch_panel::BatchPanel, comparison::Comparison, embed_bar::EmbedBar, group_section::GroupSection, header::Header,
    history_section::HistorySection, missing_panel::MissingPanel, notice::NoticeBar, persist::Keeper, report::Report,
    saved_panel::SavedPanel, scenarios::ScenarioBar, share::SharePanel, state::State, summary::Summary,
    tables_panel::TablesPanel, targets::Targets, toolbar::Toolbar, unit_picker::UnitPicker,
};

/// Running in a browser; not when the build prerenders the default view
/// natively (`src/bin/prerender.rs`), where the page's initial state is the
/// default session and nothing touches the browser's APIs.
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

/// What every component may read: the language, how to change the state,
/// and the keeper of the saved sessions.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<State>,
    pub keeper: Keeper,
}

#[function_component(App)]
pub fn app() -> Html {
    let keeper = (*use_memo((), |_| Keeper::new())).clone();
    let state = use_reducer({
        let keeper = keeper.clone();
        move || State::initial(&keeper)
    });
    let session = state.session.clone();
    let lang = session.lang;
    // The planner and the printed report follow typing once it pauses; when
    // printing, the report is what is on screen now.
    let printing = hooks::use_printing();
    let settled = hooks::use_settled(session.clone(), 150);
    let settled = if printing { session.clone() } else { settled };
    let deriver = use_memo((), |_| Deriver::default());
    let view = deriver.derive(&session, &settled);

    // A directory table ranks (a reload, a saved session, the shipped
    // provinces table beside a directory): its series.
    {
        let dispatch = state.dispatcher();
        let key = (session.table.clone(), session.tables.directory.as_ref().map(|d| d.index.updated.clone()));
        let session = session.clone();
        use_effect_with(key, move |(table, _)| {
            if let Some(dir) = session.tables.directory.as_ref() {
                directory::ensure_series(dir, table, session.lang, dispatch);
            }
        });
    }
    let options = use_memo((), |_| embed::options());
    let (embedded, compact) = (options.embed, options.compact);
    effects::use_effects(&state, &keeper, embedded);
    let saved = {
        let kept = state.kept.clone();
        let unit_name = crate::library::default_name(&session, "");
        use_memo((kept, lang, unit_name), |(k, lang, unit_name)| {
            crate::view::saved(&k.listing, k.open.as_deref(), k.memory, *lang, persist::utc_offset_minutes(), unit_name)
        })
    };
    let share_open = use_state(|| false);
    let onshare = {
        let share_open = share_open.clone();
        use_callback(*share_open, move |_: (), open| share_open.set(!*open))
    };
    let shared = Shared(session.clone());
    let method = session.method();
    let s = crate::text::t(lang);
    html! {
        <ContextProvider<Ctx> context={Ctx { lang, dispatch: state.dispatcher(), keeper }}>
            <div class={classes!("app", embedded.then_some("embed"), compact.then_some("compact"))}>
                if embedded {
                    <EmbedBar share_open={*share_open} onshare={onshare.clone()} memory={state.kept.memory} />
                } else {
                    <Header profile={method.id.clone()} version={method.version.clone()}>
                        <Toolbar session={shared.clone()} columns={Shared(view.columns.clone())} stem={view.stem.clone()}
                            share_open={*share_open} {onshare} />
                    </Header>
                }
                <main class="layout">
                    if *share_open {
                        <SharePanel session={shared.clone()} />
                    }
                    if let Some(n) = &state.notice {
                        <NoticeBar notice={n.clone()} session={shared.clone()} stem={view.stem.clone()} />
                    }
                    // In reading and focus order: the unit, its figures, where
                    // the points are lost, the indicators, then the rest. On a
                    // desk the figures stand beside the rest (style/main.css).
                    <UnitPicker options={view.units.clone()} selected={session.unit.clone().map(AttrValue::from)}
                        reference={view.reference.clone()}
                        directory={session.tables.directory.clone().map(unit_picker::DirRef)}
                        dates={view.dates.clone()} />
                    <Summary summary={std::rc::Rc::new(view.page.summary.clone())}
                        since={view.series.as_ref().and_then(|s| s.since.clone()).map(AttrValue::from)} />
                    <div class="work">
                        <MissingPanel missing={view.missing.clone()} />
                        if !compact {
                            <Targets targets={view.targets.clone()} stale={view.planning} />
                            <ScenarioBar names={view.scenarios.clone()} selected={session.selected}
                                max={crate::session::MAX_SCENARIOS}
                                name={session.current().map(|c| c.name.clone()).unwrap_or_default()} />
                        }
                        { for view.page.groups.iter().map(|g| html! {
                            <GroupSection key={g.id.clone()} group={g.clone()} open={state.open.clone()} />
                        }) }
                        if !compact {
                            <section class="compare" id="compare" aria-labelledby="compare-title">
                                <h2 id="compare-title">{ s.comparison }</h2>
                                <Comparison comparison={view.comparison.clone()} />
                            </section>
                        }
                        if !embedded {
                            <SavedPanel saved={saved} stem={view.stem.clone()} />
                            <TablesPanel tables={view.tables.clone()} />
                            <HistorySection history={view.history.clone()} series={view.series.clone()} />
                            <BatchPanel session={shared} />
                        }
                    </div>
                </main>
                if !embedded {
                    <footer class="page-foot"><p>{ s.footer }</p></footer>
                }
                <Report report={view.report.clone()} />
            </div>
        </ContextProvider<Ctx>>
    }
}
