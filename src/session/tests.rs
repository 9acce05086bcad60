//! The session's actions, tested natively.
use super::*;

#[test]
fn the_default_session_is_a_real_unit() {
    let s = Session::default();
    assert_eq!(s.unit.as_deref(), Some("H20"));
    assert_eq!(s.draft().counts["dossiers_received"], "405424");
    assert_eq!(s.scenarios.len(), 1);
    assert_eq!(s.scenarios[0].name, "Kịch bản 1");
}

#[test]
fn resets_restore_the_baseline() {
    let mut s = Session::default();
    let base = s.draft().clone();
    s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "1".into() });
    s.apply(Action::SetCount { quantity: "petitions_total".into(), text: "1".into() });
    s.apply(Action::ResetCount("dossiers_overdue".into()));
    assert_eq!(s.draft().counts["dossiers_overdue"], base.counts["dossiers_overdue"]);
    s.apply(Action::SetGivenMode { group: "MDHL".into(), on: true, prefill: Some("14,67".into()) });
    assert_eq!(s.draft().given["MDHL"], "14,67");
    s.apply(Action::ResetGroup("MDHL".into()));
    assert!(!s.draft().given_mode.contains("MDHL"));
    assert_eq!(s.draft(), &base);
    s.apply(Action::SetRate { indicator: "1.1".into(), text: "5".into() });
    s.apply(Action::ResetAll);
    assert_eq!(s.draft(), &base);
}

#[test]
fn scenarios_are_created_duplicated_renamed_deleted() {
    let mut s = Session::default();
    s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
    s.apply(Action::DuplicateScenario);
    assert_eq!(s.scenarios.len(), 2);
    assert_eq!(s.selected, 1);
    assert_eq!(s.scenarios[1].name, "Kịch bản 1 (bản sao)");
    assert_eq!(s.draft().counts["dossiers_overdue"], "0");
    s.apply(Action::NewScenario);
    assert_eq!(s.scenarios[2].name, "Kịch bản 2");
    assert_eq!(s.draft().counts["dossiers_overdue"], "46764", "a new scenario starts from the baseline");
    s.apply(Action::RenameScenario { index: 2, name: "".into() });
    assert_eq!(s.display_name(2), "Kịch bản 3", "a blank name shows its place");
    s.apply(Action::RenameScenario { index: 2, name: "Phương án B".into() });
    assert_eq!(s.scenarios[2].name, "Phương án B");
    // Edits go to the selected scenario only.
    s.apply(Action::SelectScenario(0));
    s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "5".into() });
    assert_eq!(s.scenarios[1].draft.counts["dossiers_overdue"], "0");
    s.apply(Action::DeleteScenario(0));
    assert_eq!(s.scenarios.len(), 2);
    assert_eq!(s.selected, 0);
    assert_eq!(s.scenarios[0].name, "Kịch bản 1 (bản sao)");
    s.apply(Action::DeleteScenario(0));
    s.apply(Action::DeleteScenario(0));
    assert_eq!(s.scenarios.len(), 1, "the last scenario stays");
    // Choosing another unit starts over.
    s.apply(Action::ChooseUnit("H38".into()));
    assert_eq!(s.scenarios.len(), 1);
    assert_eq!(s.draft().counts["dossiers_received"], "280591");
}

#[test]
fn another_table_ranks_the_scenario() {
    let csv = "code,name,kind,total,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH\nC1,Xã A,COMMUNE,60,10,10,10,10,10,10\nC2,Xã B,COMMUNE,90,15,15,15,15,15,15\nA1,Sở C,AGENCY,50,10,10,10,10,5,5\n";
    let table = reference::read_csv(csv.as_bytes()).unwrap();
    let mut s = Session::default();
    s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
    s.apply(Action::AddTable { name: "Tỉnh X".into(), table, sources: vec![csv.into()] });
    let id = s.table.clone();
    assert_eq!(id, "user-1", "an added table ranks the scenario");
    assert_eq!(s.unit, None, "H20 is not in that table");
    assert_eq!(s.draft().counts["dossiers_overdue"], "0", "what was typed stays");
    // Its published figures stay the baseline, ONLINE and TTTT still split.
    assert_eq!(s.baseline().unwrap().scores["ONLINE"], "8,84");
    assert_eq!(s.baseline().unwrap().counts["dossiers_overdue"], "46764");
    assert_eq!(s.rank_table().len(), 3);
    // A commune ranks among communes only.
    s.apply(Action::ChooseUnit("C1".into()));
    assert_eq!(s.rank_table().len(), 1);
    assert_eq!(s.rank_table().rank(6000).position, 2);
    s.apply(Action::SetTable("nowhere".into()));
    assert_eq!(s.table, id);
    s.apply(Action::RemoveTable(id.clone()));
    assert_eq!(s.table, reference::SHIPPED_ID, "a removed table falls back to the default");
    assert!(s.tables.get(&id).is_none());
    assert_eq!(Session::default().tables.imported().count(), 0, "no other session sees it");
}

#[test]
fn a_plan_can_become_a_scenario() {
    let mut s = Session::default();
    s.apply(Action::ApplyPlanAsScenario {
        name: "Hạng 5".into(),
        counts: vec![("dossiers_overdue".into(), "100".into())],
        rates: vec![],
    });
    assert_eq!(s.scenarios.len(), 2);
    assert_eq!(s.current().unwrap().name, "Hạng 5");
    assert_eq!(s.draft().counts["dossiers_overdue"], "100");
    assert_eq!(s.scenarios[0].draft.counts["dossiers_overdue"], "46764");
}

#[test]
fn goals_parse_and_say_what_is_wrong() {
    use crate::engine::plan::Goal;
    let mut s = Session::default();
    assert_eq!(s.goal(), Ok(None));
    s.apply(Action::SetGoal { kind: GoalKind::Points, value: "75,5".into() });
    assert_eq!(s.goal(), Ok(Some(Goal::Total(7550))));
    s.apply(Action::SetGoal { kind: GoalKind::Band, value: "good".into() });
    assert_eq!(s.goal(), Ok(Some(Goal::Band(1))));
    s.apply(Action::SetGoal { kind: GoalKind::Rank, value: "5".into() });
    assert_eq!(s.goal(), Ok(Some(Goal::Rank { position: 5, total: 6591 })));
    s.apply(Action::SetGoal { kind: GoalKind::Rank, value: "40".into() });
    let e = s.goal().unwrap_err();
    assert_eq!(e.message(s.method(), Lang::Vi), "Thứ hạng phải từ 1 đến 34");
    s.apply(Action::SetGoal { kind: GoalKind::Points, value: "120".into() });
    assert_eq!(s.goal().unwrap_err().message(s.method(), Lang::En), "Cannot exceed the maximum of 100");
    s.apply(Action::SetWeight { indicator: "4.1".into(), text: "abc".into() });
    s.apply(Action::SetWeight { indicator: "4.2".into(), text: "3".into() });
    assert_eq!(s.preferences().weights.len(), 1);
    assert_eq!(
        parse_weight("0"),
        Err(crate::engine::InputError::Number(crate::engine::number::NumberError::NotANumber))
    );
}

#[test]
fn numbers_the_app_wrote_follow_the_language() {
    let mut s = Session::default();
    s.apply(Action::SetRateMode {
        indicator: "4.2".into(),
        on: true,
        prefill: Some("23,8227".into()),
        current_prefill: None,
    });
    s.apply(Action::SetGivenMode { group: "ONLINE".into(), on: true, prefill: Some("8,84".into()) });
    s.apply(Action::SetGiven { group: "TTTT".into(), text: "6,4".into() });
    s.apply(Action::SetLang(Lang::En));
    assert_eq!(s.draft().given["ONLINE"], "8.84");
    assert_eq!(s.draft().rates["4.2"], "23.8227");
    assert_eq!(s.draft().given["TTTT"], "6,4", "typed by the user: kept as typed");
}

#[test]
fn rates_step_by_tenths_and_stay_within_bounds() {
    assert_eq!(step_rate("2,83", 1, Lang::Vi).as_deref(), Some("2,93"));
    assert_eq!(step_rate("2.83", -10, Lang::En).as_deref(), Some("1.83"));
    assert_eq!(step_rate("2.83", -30, Lang::En).as_deref(), Some("0"));
    assert_eq!(step_rate("99,95", 1, Lang::Vi).as_deref(), Some("100"));
    assert_eq!(step_rate("50%", 10, Lang::Vi).as_deref(), Some("51"));
    assert_eq!(step_rate("abc", 1, Lang::Vi), None);
}

#[test]
fn rate_mode_keeps_what_was_typed() {
    let mut s = Session::default();
    s.apply(Action::SetRateMode {
        indicator: "4.1".into(),
        on: true,
        prefill: Some("76,2".into()),
        current_prefill: None,
    });
    s.apply(Action::SetRate { indicator: "4.1".into(), text: "80".into() });
    s.apply(Action::SetRateMode { indicator: "4.1".into(), on: false, prefill: None, current_prefill: None });
    s.apply(Action::SetRateMode {
        indicator: "4.1".into(),
        on: true,
        prefill: Some("76,2".into()),
        current_prefill: None,
    });
    assert_eq!(s.draft().rates["4.1"], "80");
}

#[test]
fn history_rows_are_edited_in_place() {
    let mut s = Session::default();
    s.apply(Action::AddHistoryRow);
    s.apply(Action::SetHistoryCell { row: 0, column: HistoryColumn::Period, text: "2026-09".into() });
    s.apply(Action::SetHistoryCell { row: 0, column: HistoryColumn::Total, text: "61,2".into() });
    s.apply(Action::SetHistoryCell { row: 0, column: HistoryColumn::Group("CKMB".into()), text: "8".into() });
    s.apply(Action::SetHistoryCell { row: 0, column: HistoryColumn::Of, text: "34".into() });
    s.apply(Action::AddHistoryRow);
    assert_eq!(s.history.rows[1].of, "34", "a new row keeps the number of units");
    s.apply(Action::RemoveHistoryRow(1));
    assert_eq!(s.history.rows.len(), 1);
    assert_eq!(s.history.rows[0].groups["CKMB"], "8");
    s.apply(Action::SetHistoryCell { row: 9, column: HistoryColumn::Total, text: "1".into() });
    assert_eq!(s.history.rows.len(), 1);
}

#[test]
fn the_hosts_table_replaces_its_old_copy_and_ranks_unless_the_user_chose_one() {
    use crate::catalog::HOST_ID;
    let table = |text: &str| crate::engine::import::import_text(text).unwrap().table;
    let five = "code,name,total\nX1,Tỉnh Một,80\nX2,Tỉnh Hai,70\n";
    let mut s = Session::default();
    s.apply(Action::SetHostTable {
        name: "Cổng tỉnh · 01/12/2026".into(),
        table: table(five),
        sources: vec![five.into()],
    });
    assert_eq!(s.table, HOST_ID);
    assert_eq!(s.reference().table.units.len(), 2);
    // A newer copy replaces it (one host table, same id).
    let three = "code,name,total\nX1,Tỉnh Một,80\nX2,Tỉnh Hai,70\nX3,Tỉnh Ba,60\n";
    s.apply(Action::SetHostTable {
        name: "Cổng tỉnh · 02/12/2026".into(),
        table: table(three),
        sources: vec![three.into()],
    });
    assert_eq!(s.tables.imported().count(), 1);
    assert_eq!(s.reference().table.units.len(), 3);
    // A table the user imported and chose keeps ranking.
    s.apply(Action::AddTable { name: "Của tôi".into(), table: table(five), sources: vec![five.into()] });
    let mine = s.table.clone();
    s.apply(Action::SetHostTable {
        name: "Cổng tỉnh · 03/12/2026".into(),
        table: table(three),
        sources: vec![three.into()],
    });
    assert_eq!(s.table, mine);
}

#[test]
fn a_rate_typed_on_a_line_turns_rate_mode_on() {
    let mut s = Session::default();
    s.apply(Action::ChooseUnit("H38".into()));
    // 3.3: the table does not hold it; its current rate first, then a rate to try.
    s.apply(Action::TryRate { indicator: "3.3".into(), text: "31".into(), current: true, current_prefill: None });
    assert!(s.current.rate_mode.contains("3.3") && s.draft().rate_mode.contains("3.3"));
    assert_eq!(s.current.rates["3.3"], "31");
    s.apply(Action::TryRate { indicator: "3.3".into(), text: "50".into(), current: false, current_prefill: None });
    assert_eq!(s.draft().rates["3.3"], "50");
    assert_eq!(s.current.rates["3.3"], "31", "the current value stays");
    // 2.1: the table holds its counts; only the scenario changes.
    s.apply(Action::TryRate { indicator: "2.1".into(), text: "95".into(), current: false, current_prefill: None });
    assert!(s.draft().rate_mode.contains("2.1") && !s.current.rate_mode.contains("2.1"));
    assert_eq!(s.draft().rates["2.1"], "95");
}
