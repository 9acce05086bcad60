//! The web app (wasm32 only): a thin Yew shell over the engine. The state is
//! the pure [`crate::session::Session`]; what is shown is computed by
//! [`crate::view`]; the components here lay it out. Side effects (address
//! bar, storage) live in [`url`] and [`storage`].

mod badge;
mod bar;
mod batch_panel;
mod clipboard;
mod comparison;
mod embed;
mod field;
mod files;
mod group_section;
mod header;
mod history_section;
mod hooks;
mod i18n;
mod indicator_row;
mod notice;
mod persist;
mod report;
mod scenarios;
mod share;
mod state;
mod storage;
mod summary;
mod tables_panel;
mod targets;
mod toolbar;
mod unit_picker;
mod url;

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{format, plan, Lang};
use crate::view;
use batch_panel::BatchPanel;
use comparison::Comparison;
use group_section::GroupSection;
use header::Header;
use history_section::HistorySection;
use notice::NoticeBar;
use report::Report;
use scenarios::ScenarioBar;
use share::SharePanel;
use state::{Msg, Notice, State};
use summary::Summary;
use tables_panel::TablesPanel;
use targets::Targets;
use toolbar::Toolbar;
use unit_picker::{UnitOption, UnitPicker};

/// What every component may read: the language, and how to change the state.
#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<State>,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Ctx) -> bool {
        self.lang == other.lang && self.dispatch == other.dispatch
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::initial);
    let session = &state.session;
    let method = session.method();
    let lang = session.lang;

    // The engine runs on every change of what was typed; the baseline only
    // when the unit, the profile, the language or a current value changes.
    let base_key =
        (session.profile.clone(), session.table.clone(), session.unit.clone(), lang, session.current.clone());
    let baseline =
        use_memo(base_key.clone(), |_| view::assess_baseline(session).map(|(d, a)| (a, d, session.published())));
    let assessment = use_memo((base_key, session.draft().clone()), |(_, draft)| {
        view::assess_scenario(session, draft, baseline.as_ref().as_ref().map(|(a, _, _)| a))
    });
    let ranks = use_memo((session.table.clone(), session.unit.clone()), |_| view::rank_table(session));
    let base =
        baseline.as_ref().as_ref().map(|(a, d, p)| view::Base { draft: d, assessment: a, published: p.as_ref() });
    let page = view::page(session, &assessment, base, &ranks);

    // The planner runs once typing pauses (150 ms), on what was typed then;
    // meanwhile the panel says it is working.
    let plan_key = (
        session.profile.clone(),
        session.draft().clone(),
        session.targets.clone(),
        session.table.clone(),
        session.unit.clone(),
        session.current.clone(),
    );
    let settled_key = hooks::use_settled(plan_key.clone(), 150);
    let planning_stale = settled_key != plan_key;
    let planned_profile = settled_key.0.clone();
    let planning = use_memo(settled_key, |(profile, draft, targets, table, unit, current)| {
        let mut s = (**session).clone();
        s.profile = profile.clone();
        s.table = table.clone();
        s.unit = unit.clone();
        s.targets = targets.clone();
        s.current = current.clone();
        let method = s.method();
        let base = view::assess_baseline(&s).map(|(_, a)| a);
        let inputs = view::assess_scenario(&s, draft, base.as_ref()).inputs;
        let prefs = s.preferences();
        let levers = plan::levers(method, &inputs, &prefs);
        let (plan, seeks) = match s.goal() {
            Ok(Some(goal)) => (
                Some(plan::plan(method, &inputs, &goal, &prefs)),
                plan::seek(method, &inputs, &goal, &prefs).unwrap_or_default(),
            ),
            _ => (None, Vec::new()),
        };
        (levers, plan, seeks)
    });
    // Results for another method (just switched) are not shown at all. The
    // panel is redrawn when the plan or the goal changes, not per keystroke.
    let targets_view = use_memo(
        (
            session.profile.clone(),
            lang,
            session.targets.clone(),
            session.table.clone(),
            session.unit.clone(),
            planned_profile.clone(),
            toolbar::Shared(planning.clone()),
        ),
        |_| {
            let v = if planned_profile == session.profile {
                view::targets(session, planning.1.as_ref(), &planning.0, &planning.2, &ranks)
            } else {
                view::targets(session, None, &[], &[], &ranks)
            };
            let plan = match &v.status {
                view::TargetStatus::Plan(p) if p.reachable => Some(Rc::new((**p).clone())),
                _ => None,
            };
            (Rc::new(v.levers.clone()), plan, Rc::new(v))
        },
    );
    let (levers_view, plan_view, targets_view) = (*targets_view).clone();

    // Scenarios side by side, the history, the report.
    let columns = use_memo(
        (
            session.profile.clone(),
            session.lang,
            session.unit.clone(),
            session.scenarios.clone(),
            session.selected,
            session.table.clone(),
            session.current.clone(),
        ),
        |_| {
            let base = baseline.as_ref().as_ref().map(|(a, _, _)| a);
            view::columns_from(session, Some(&assessment), base, &ranks)
        },
    );
    let comparison = Rc::new(view::comparison(session, &columns));
    let history =
        use_memo((session.history.clone(), lang, session.profile.clone()), |_| Rc::new(view::history(session)));
    let history = (*history).clone();
    let summary = Rc::new(page.summary);
    let stem = format!("vn766-{}", session.unit.as_deref().unwrap_or("don-vi"));
    // The printed report follows the page once typing pauses.
    let report_now = (
        AttrValue::from(session.unit().map(|u| u.name).unwrap_or_else(|| "—".into())),
        AttrValue::from(session.reference().name.get(lang).to_string()),
        AttrValue::from(format!("{} ({})", method.name.get(lang), method.version)),
        AttrValue::from(session.display_name(session.selected)),
        summary.clone(),
        comparison.clone(),
        levers_view,
        plan_view,
    );
    let settled_report = hooks::use_settled(report_now.clone(), 300);
    // When printing, the report is what is on screen now.
    let printing = hooks::use_printing();
    let report = if printing { report_now } else { settled_report };
    let names: Vec<AttrValue> = (0..session.scenarios.len()).map(|i| session.display_name(i).into()).collect();

    // Imported tables live outside the session: a change bumps this.
    // The callbacks handed to panels stay the same object across renders,
    // so that a keystroke does not redraw the panels.
    let tables_version = use_reducer(Counter::default);
    let on_tables_change = {
        let bump = tables_version.dispatcher();
        use_callback((), move |_: (), _| bump.dispatch(()))
    };
    let tables_version = tables_version.0;
    let options = use_memo((session.table.clone(), lang, tables_version), |_| {
        let reference = session.reference();
        let table = &reference.table;
        let totals = table.published_totals();
        let kinds = table.kinds();
        // Each unit ranked among the units of its kind (published totals).
        let ranks = table.published_ranks();
        let mut options: Vec<(String, usize, UnitOption)> = table
            .units
            .iter()
            .zip(totals.iter().zip(ranks))
            .map(|(u, (&t, r))| {
                let kind = if kinds.len() > 1 { format!(" [{}]", u.kind) } else { String::new() };
                let label = format!("{r}. {}{kind} · {}", u.name, format::cents(t, lang));
                let folded = crate::engine::i18n::fold(&format!("{} {} {}", u.name, u.code, u.kind));
                (u.kind.clone(), r, UnitOption { code: u.code.clone(), name: u.name.clone(), folded, label })
            })
            .collect();
        options.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        options.into_iter().map(|(_, _, o)| o).collect::<Vec<_>>()
    });

    // Keep the address and storage in step with the state, once typing pauses.
    let persister = {
        let dispatch = state.dispatcher();
        let quiet = state.notice.is_some();
        use_memo((), move |_| {
            let warned = Cell::new(quiet);
            persist::Persister::new(move || {
                if !warned.replace(true) {
                    dispatch.dispatch(Msg::Notice(Notice::StorageUnavailable));
                }
            })
        })
    };
    use_effect_with(session.clone(), move |s| persister.schedule(s.clone()));
    use_effect_with(lang, |lang| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            doc.set_title(i18n::t(*lang).title);
        }
    });

    // Embedded in another page: only the calculator, and the height posted
    // to the host whenever it changes.
    let page_options = use_memo((), |_| embed::options());
    let (embedded, compact) = (page_options.embed, page_options.compact);
    use_effect_with(embedded, |&embedded| {
        if embedded {
            embed::watch_height();
        }
    });
    let share_open = use_state(|| false);
    let on_share = {
        let share_open = share_open.clone();
        use_callback(*share_open, move |_: (), open| share_open.set(!*open))
    };
    let shared_session = toolbar::Shared(session.clone());

    let ctx = Ctx { lang, dispatch: state.dispatcher() };
    let s = i18n::t(lang);
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class={classes!("app", embedded.then_some("embed"), compact.then_some("compact"))}>
                if embedded {
                    <EmbedBar share_open={*share_open} on_share={on_share} />
                } else {
                    <Header profile={method.id.clone()} version={method.version.clone()} />
                    <Toolbar session={shared_session.clone()} columns={toolbar::Shared(columns.clone())}
                        stem={stem} share_open={*share_open} on_share={on_share} />
                }
                if *share_open {
                    <SharePanel session={shared_session} />
                }
                if let Some(n) = &state.notice {
                    <NoticeBar notice={n.clone()} />
                }
                <main class="layout">
                    <div class="inputs">
                        <UnitPicker options={options.clone()} selected={session.unit.clone().map(AttrValue::from)}
                            reference={session.reference().name.get(lang).to_string()} />
                        if !embedded {
                            <TablesPanel selected={session.table.clone()} version={tables_version} on_change={on_tables_change} />
                        }
                        if !compact {
                            <ScenarioBar names={names} selected={session.selected} max={crate::session::MAX_SCENARIOS}
                                name={session.current().map(|c| c.name.clone()).unwrap_or_default()} />
                            <Targets targets={targets_view} stale={planning_stale} />
                        }
                        { for page.groups.iter().map(|g| html! { <GroupSection key={g.id.clone()} group={g.clone()} /> }) }
                        if !compact {
                            <section class="compare" id="compare" aria-labelledby="compare-title">
                                <h2 id="compare-title">{ s.comparison }</h2>
                                <Comparison comparison={comparison.clone()} />
                            </section>
                        }
                        if !embedded {
                            <HistorySection history={history} />
                            <BatchPanel table={session.table.clone()} profile={session.profile.clone()} version={tables_version} />
                        }
                    </div>
                    // After the inputs in reading and focus order; shown first
                    // on phones (a sticky bar) and beside them on desktops.
                    <Summary summary={summary.clone()} />
                </main>
                if !embedded {
                    <footer class="page-foot"><p>{ s.footer }</p></footer>
                }
                <Report
                    unit={report.0.clone()}
                    period={report.1.clone()}
                    method={report.2.clone()}
                    scenario={report.3.clone()}
                    summary={report.4.clone()}
                    comparison={report.5.clone()}
                    levers={report.6.clone()}
                    plan={report.7.clone()} />
            </div>
        </ContextProvider<Ctx>>
    }
}

/// A number that only goes up (the version of the imported tables).
#[derive(Default, PartialEq)]
struct Counter(usize);

impl Reducible for Counter {
    type Action = ();
    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Counter(self.0 + 1))
    }
}

/// The embedded view's only chrome: the language switch and a link to the
/// full app with this view.
#[derive(Properties, PartialEq)]
struct EmbedBarProps {
    share_open: bool,
    on_share: Callback<()>,
}

#[function_component(EmbedBar)]
fn embed_bar(props: &EmbedBarProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = i18n::t(ctx.lang);
    html! {
        <div class="embed-bar">
            <header::LangSwitch />
            <span class="embed-links">
                <button type="button" class="link" id="share-button" aria-expanded={props.share_open.to_string()}
                    aria-controls="share" onclick={props.on_share.reform(|_: MouseEvent| ())}>{ s.share }</button>
                { " · " }
                <a href={share::base_url().split(['?', '#']).next().unwrap_or("").to_string()} target="_blank"
                    rel="noopener" id="open-full">{ s.open_full }</a>
            </span>
        </div>
    }
}

/// Mounts the app on the page's body. Should the app ever stop on an
/// internal error, a banner says so (what was typed is already in the
/// address and the browser's storage, so a reload brings it back).
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        if let (Ok(banner), Some(body)) = (doc.create_element("div"), doc.body()) {
            banner.set_id("fatal");
            banner.set_attribute("role", "alert").ok();
            banner.set_text_content(Some(
                "Ứng dụng gặp lỗi và đã dừng: hãy tải lại trang (số liệu đã nhập vẫn được giữ). \
                 The app stopped on an error: reload the page (what you typed is kept).",
            ));
            let _ = body.prepend_with_node_1(&banner);
        }
    }));
    yew::Renderer::<App>::new().render();
}

/// Engine speed in the browser, for `make bench`: scores the shipped table
/// `rounds` times and returns nanoseconds per unit. Exported by the module
/// (not used by the page itself).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_engine(rounds: u32) -> f64 {
    let method = crate::engine::profiles::default_profile();
    let reference = crate::engine::reference::default_table();
    let inputs: Vec<_> = reference.table.units.iter().map(|u| u.inputs(method)).collect();
    let now = || web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0);
    let start = now();
    let mut check = 0i64;
    for _ in 0..rounds.max(1) {
        for i in &inputs {
            check += crate::engine::evaluate(method, i).total.unwrap_or(0);
        }
    }
    let elapsed = now() - start;
    // Keeps the work from being optimised away.
    if check == i64::MIN {
        return -1.0;
    }
    elapsed * 1e6 / (rounds.max(1) as f64 * inputs.len().max(1) as f64)
}
