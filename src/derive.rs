//! One derived view of the session: everything the page shows, computed from
//! the session alone by the pure functions of [`crate::view`]. The shell
//! keeps one [`Deriver`] and asks it for the view on every render; the
//! caching is inside, keyed by the parts of the session each piece reads, so
//! a keystroke scores only the scenario typed in.
//!
//! Two sessions come in: the session `now`, as typed, and the session as it
//! was when typing last `settled` (the shell waits for a pause). The
//! planner and the printed report follow the settled one, so that they do
//! not run on every keystroke; everything else follows `now`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::catalog::Catalog;
use crate::engine::inputs::Draft;
use crate::engine::plan::{self, LeverInfo, Plan, PlanError, Seek};
use crate::engine::{Assessment, Lang, RankTable};
use crate::history::History;
use crate::session::{Scenario, Session, Targets};
use crate::view::{self, ColumnResult, ComparisonView, HistoryView, LeverRow, Page, PlanView, SummaryView};
use crate::view::{TableOption, TargetStatus, TargetsView, UnitOption};

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    pub page: Rc<Page>,
    /// Where the points are lost, largest first.
    pub missing: Rc<view::MissingView>,
    pub targets: Rc<TargetsView>,
    /// The planner has not yet caught up with what was typed.
    pub planning: bool,
    pub columns: Rc<Vec<ColumnResult>>,
    pub comparison: Rc<ComparisonView>,
    pub history: Rc<HistoryView>,
    /// The unit's figures from the data directory's series, when read.
    pub series: Option<Rc<view::SeriesView>>,
    pub units: Rc<Vec<UnitOption>>,
    /// The dates of the reference table's scope in the data directory.
    pub dates: Rc<Vec<view::DateOption>>,
    pub tables: Rc<Vec<TableOption>>,
    pub report: Rc<ReportView>,
    /// The scenarios' names as shown ("Kịch bản 2" for a blank one).
    pub scenarios: Rc<Vec<String>>,
    /// File names' stem: "vn766-H38".
    pub stem: String,
    /// The reference table's name.
    pub reference: String,
}

/// The printed report: the settled session's figures, the plan and levers.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportView {
    pub unit: String,
    pub period: String,
    pub method: String,
    pub scenario: String,
    pub summary: Rc<SummaryView>,
    pub comparison: Rc<ComparisonView>,
    pub levers: Rc<Vec<LeverRow>>,
    pub plan: Option<Rc<PlanView>>,
}

/// A value computed once per key.
struct Memo<K, V> {
    entry: Option<(K, V)>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { entry: None }
    }
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    fn get(&mut self, key: K, compute: impl FnOnce() -> V) -> V {
        match &self.entry {
            Some((k, v)) if *k == key => v.clone(),
            _ => {
                let v = compute();
                self.entry = Some((key, v.clone()));
                v
            }
        }
    }
}

/// What the baseline depends on.
type BaseKey = (String, String, Option<String>, Lang, Draft, Catalog);
type Baseline = Rc<Option<view::Baseline>>;

fn base_key(s: &Session) -> BaseKey {
    (s.profile.clone(), s.table.clone(), s.unit.clone(), s.lang, s.current.clone(), s.tables.clone())
}

/// What the planner depends on.
type PlanKey = (BaseKey, Draft, Targets);

fn plan_key(s: &Session) -> PlanKey {
    (base_key(s), s.draft().clone(), s.targets.clone())
}

/// The planner's results for one state: the levers, the plan and the goal
/// seek, and the profile they were computed for.
#[derive(Debug, PartialEq)]
struct Planned {
    profile: String,
    levers: Vec<LeverInfo>,
    plan: Option<Result<Plan, PlanError>>,
    seeks: Vec<Seek>,
}

type Planning = Rc<Planned>;
/// What the targets panel depends on.
/// The plan follows `settled`; the rests no plan moves follow the page's
/// baseline (`now`'s [`base_key`]).
type TargetsKey = (Lang, String, Targets, PlanKey, Planning, BaseKey);
/// What a unit's series depends on: the table, the unit, the language, the
/// profile and the catalogue (the directory's series read).
type SeriesKey = (String, Option<String>, Lang, String, Catalog);
/// What the lists of units and tables depend on.
type ListKey = (String, Lang, Catalog);

/// The session's figures, cached piece by piece.
#[derive(Default)]
struct Stage {
    baseline: Memo<BaseKey, Baseline>,
    assessment: Memo<(BaseKey, Draft), Rc<Assessment>>,
    ranks: Memo<(String, Option<String>, Catalog), Rc<RankTable>>,
    columns: Memo<(BaseKey, Vec<Scenario>, usize), Rc<Vec<ColumnResult>>>,
    comparison: Memo<Rc<Vec<ColumnResult>>, Rc<ComparisonView>>,
    missing: Memo<(Rc<Assessment>, Rc<RankTable>, Lang), Rc<view::MissingView>>,
}

/// A stage's results for one session.
struct Figures {
    ranks: Rc<RankTable>,
    page: Rc<Page>,
    missing: Rc<view::MissingView>,
    columns: Rc<Vec<ColumnResult>>,
    comparison: Rc<ComparisonView>,
}

impl Stage {
    fn figures(&mut self, s: &Session) -> Figures {
        let key = base_key(s);
        let baseline = self.baseline.get(key.clone(), || Rc::new(view::baseline(s)));
        let base_assessment = baseline.as_ref().as_ref().map(|(a, _, _)| a);
        let assessment = self
            .assessment
            .get((key.clone(), s.draft().clone()), || Rc::new(view::assess_scenario(s, s.draft(), base_assessment)));
        let ranks = self.ranks.get((s.table.clone(), s.unit.clone(), s.tables.clone()), || Rc::new(s.rank_table()));
        let base = baseline.as_ref().as_ref().map(view::Base::of);
        let page = Rc::new(view::page(s, &assessment, base, &ranks));
        let missing = self.missing.get((assessment.clone(), ranks.clone(), s.lang), || {
            Rc::new(view::missing(s.method(), &assessment, &ranks, s.lang))
        });
        let columns = self.columns.get((key, s.scenarios.clone(), s.selected), || {
            Rc::new(view::columns_from(s, Some(&assessment), base_assessment, &ranks))
        });
        let comparison = self.comparison.get(columns.clone(), || Rc::new(view::comparison(s, &columns)));
        Figures { ranks, page, missing, columns, comparison }
    }
}

/// Derives the page's view from sessions, caching what did not change.
#[derive(Default)]
pub struct Deriver {
    now: RefCell<Stage>,
    settled: RefCell<Stage>,
    planning: RefCell<Memo<PlanKey, Planning>>,
    targets: RefCell<Memo<TargetsKey, Rc<TargetsView>>>,
    history: RefCell<Memo<(History, Lang, String), Rc<HistoryView>>>,
    series: RefCell<Memo<SeriesKey, Option<Rc<view::SeriesView>>>>,
    units: RefCell<Memo<ListKey, Rc<Vec<UnitOption>>>>,
    dates: RefCell<Memo<ListKey, Rc<Vec<view::DateOption>>>>,
    tables: RefCell<Memo<ListKey, Rc<Vec<TableOption>>>>,
}

impl Deriver {
    /// The view of `now`; the planner and the report follow `settled`.
    pub fn derive(&self, now: &Session, settled: &Session) -> Derived {
        let figures = self.now.borrow_mut().figures(now);
        let lang = now.lang;

        let planning = self.planning.borrow_mut().get(plan_key(settled), || Rc::new(plan_for(settled)));
        // Results for another method (just switched) are not shown at all.
        let targets = self.targets.borrow_mut().get(
            (lang, now.profile.clone(), now.targets.clone(), plan_key(settled), planning.clone(), base_key(now)),
            || {
                Rc::new(if planning.profile == now.profile {
                    view::targets(now, planning.plan.as_ref(), &planning.levers, &planning.seeks, &figures.ranks)
                } else {
                    view::targets(now, None, &[], &[], &figures.ranks)
                })
            },
        );
        let levers = Rc::new(targets.levers.clone());
        let plan = match &targets.status {
            TargetStatus::Plan(p) if p.reachable => Some(Rc::new((**p).clone())),
            _ => None,
        };

        let report = {
            let settled_figures = self.settled.borrow_mut().figures(settled);
            let method = settled.method();
            Rc::new(ReportView {
                unit: settled.unit().map(|u| u.name).unwrap_or_else(|| "—".into()),
                period: settled.reference().name.get(settled.lang).to_string(),
                method: format!("{} ({})", method.name.get(settled.lang), method.version),
                scenario: settled.display_name(settled.selected),
                summary: Rc::new(settled_figures.page.summary.clone()),
                comparison: settled_figures.comparison,
                levers,
                plan,
            })
        };
        let history = self
            .history
            .borrow_mut()
            .get((now.history.clone(), lang, now.profile.clone()), || Rc::new(view::history(now)));
        let series = self
            .series
            .borrow_mut()
            .get((now.table.clone(), now.unit.clone(), lang, now.profile.clone(), now.tables.clone()), || {
                view::series_view(now).map(Rc::new)
            });
        let units = self
            .units
            .borrow_mut()
            .get((now.table.clone(), lang, now.tables.clone()), || Rc::new(view::unit_options(now)));
        let dates = self
            .dates
            .borrow_mut()
            .get((now.table.clone(), lang, now.tables.clone()), || Rc::new(view::directory_dates(now)));
        let tables = self
            .tables
            .borrow_mut()
            .get((now.table.clone(), lang, now.tables.clone()), || Rc::new(view::table_options(now)));
        Derived {
            page: figures.page,
            missing: figures.missing,
            targets,
            planning: plan_key(now) != plan_key(settled),
            columns: figures.columns,
            comparison: figures.comparison,
            history,
            series,
            units,
            dates,
            tables,
            report,
            scenarios: Rc::new((0..now.scenarios.len()).map(|i| now.display_name(i)).collect()),
            stem: format!("vn766-{}", now.unit.as_deref().unwrap_or("don-vi")),
            reference: now.reference().name.get(lang).to_string(),
        }
    }
}

/// The planner on a session: the levers, and for a goal the cheapest plan
/// and what each lever alone would take.
fn plan_for(s: &Session) -> Planned {
    let method = s.method();
    let base = view::assess_baseline(s).map(|(_, a)| a);
    let inputs = view::assess_scenario(s, s.draft(), base.as_ref()).inputs;
    let prefs = s.preferences();
    let levers = plan::levers(method, &inputs, &prefs);
    let (plan, seeks) = match s.goal() {
        Ok(Some(goal)) => (
            Some(plan::plan(method, &inputs, &goal, &prefs)),
            plan::seek(method, &inputs, &goal, &prefs).unwrap_or_default(),
        ),
        _ => (None, Vec::new()),
    };
    Planned { profile: s.profile.clone(), levers, plan, seeks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Action, GoalKind};

    #[test]
    fn a_keystroke_changes_the_page_and_the_planner_waits() {
        let d = Deriver::default();
        let mut s = Session::default();
        s.apply(Action::SetGoal { kind: GoalKind::Rank, value: "1".into() });
        let first = d.derive(&s, &s);
        assert!(!first.planning);
        let settled = s.clone();
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
        let typed = d.derive(&s, &settled);
        assert!(typed.planning, "the planner has not caught up");
        assert_ne!(typed.page.summary.total, first.page.summary.total);
        assert_eq!(typed.report, first.report, "the report follows the settled session");
        assert!(Rc::ptr_eq(&typed.history, &first.history), "unchanged pieces are not recomputed");
        let caught_up = d.derive(&s, &s);
        assert!(!caught_up.planning);
        assert_eq!(caught_up.report.summary.total, typed.page.summary.total);
    }

    /// Found by reading the shell: the comparison's cache key left out the
    /// reference table, so switching tables kept the old ranks.
    #[test]
    fn switching_the_reference_table_updates_the_comparison() {
        let d = Deriver::default();
        let mut s = Session::default();
        s.apply(Action::ChooseUnit("H38".into()));
        let before = d.derive(&s, &s);
        let rank = |v: &Derived| v.columns.iter().map(|c| c.rank).collect::<Vec<_>>();
        assert_eq!(rank(&before), [Some((23, 34)), Some((23, 34))]);
        let csv = "code,name,total,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH\nH38,UBND tỉnh Lào Cai,61.72,10,10,10,10,10,11.72\nX1,Tỉnh X,90,15,15,15,15,15,15\n";
        let table = crate::engine::reference::read_csv(csv.as_bytes()).unwrap();
        s.apply(Action::AddTable { name: "Hai tỉnh".into(), table, sources: vec![csv.into()] });
        assert_eq!(s.unit.as_deref(), Some("H38"), "the unit is in the new table");
        let after = d.derive(&s, &s);
        assert_eq!(rank(&after), [Some((2, 2)), Some((2, 2))], "ranked among the new table's units");
        assert_eq!(after.page.summary.rank, Some((2, 2)));
        assert_eq!(after.tables.len(), 2);
    }

    /// Seen in a screenshot: for the planner's pause after a unit was
    /// chosen, the targets panel listed the previous unit's rests ("ONLINE
    /// 8,84", Đồng Tháp's, beside Lào Cai's figures).
    #[test]
    fn the_rests_no_plan_moves_follow_the_unit_at_once() {
        let d = Deriver::default();
        let mut settled = Session::default();
        settled.apply(Action::ChooseUnit("H20".into()));
        d.derive(&settled, &settled);
        let mut now = settled.clone();
        now.apply(Action::ChooseUnit("H38".into()));
        let fixed = d.derive(&now, &settled).targets.fixed.clone().unwrap_or_default();
        assert!(fixed.contains("ONLINE 8,44"), "Lào Cai's rests before the plan settles: {fixed}");
    }
}
