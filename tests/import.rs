//! Importers of reference tables: every shape on the fixtures of
//! `tests/fixtures/import/` (see its README), every malformed variant, and
//! no panic on any input.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vn766::engine::import::{self, Expected, ImportError, Issue, Preview, RowProblem, Shape, MAX_BYTES};
use vn766::engine::number::NumberError;
use vn766::engine::reference::{self, Table, MAX_ROWS, PROVINCES_2026_CSV};
use vn766::engine::{evaluate, profiles, Lang, Methodology, Rank};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn import_fixture(name: &str) -> Result<Preview, ImportError> {
    import::import(&fixture(name), Some(name))
}

fn ok(name: &str) -> Preview {
    import_fixture(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn err(name: &str) -> ImportError {
    import_fixture(name).expect_err(name)
}

fn shipped() -> Table {
    reference::read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap()
}

fn m() -> &'static Methodology {
    profiles::default_profile()
}

fn codes(p: &Preview) -> Vec<&str> {
    p.table.units.iter().map(|u| u.code.as_str()).collect()
}

fn groups(pairs: &[(&str, i64)]) -> reference::Hundredths<7> {
    let mut out = reference::Keyed::new(&reference::GROUP_CODES);
    for &(k, v) in pairs {
        out.insert(k, v);
    }
    out
}

fn problem(row: usize, column: Option<&str>, issue: Issue) -> RowProblem {
    RowProblem { row, column: column.map(str::to_string), issue }
}

fn not_a_number(text: &str, error: NumberError) -> Issue {
    Issue::Number { text: text.into(), error }
}

// --- The portal's evaluation response ---------------------------------------

#[test]
fn evaluation_response_gives_published_totals_and_groups() {
    let p = ok("evaluation.json");
    assert_eq!(p.shape, Shape::Evaluation);
    assert_eq!((p.problems.len(), p.skipped), (0, 0));
    assert_eq!(codes(&p), ["H20", "H19", "H26"]);
    let dt = &p.table.units[0];
    assert_eq!(dt.name, "UBND tỉnh Đồng Tháp");
    assert_eq!(dt.kind, "PROVINCE");
    assert_eq!(dt.published.total, Some(6832));
    assert_eq!(
        dt.published.groups,
        groups(&[("CKMB", 1145), ("TDGQ", 1772), ("CLGQ", 883), ("TTTT", 622), ("MDHL", 1445), ("MDSH", 965)])
    );
    assert!(dt.counts.is_empty() && dt.rates.is_empty() && dt.published.indicators.is_empty());
    // CLGQ is the older code of ONLINE.
    let online = m().group_index("ONLINE").unwrap();
    assert_eq!(dt.published.group(m(), online), Some(883));
    let hn = &p.table.units[2];
    assert_eq!((hn.name.as_str(), hn.published.total), ("UBND Thành phố Hà Nội", Some(5296)));
    assert_eq!(hn.published.groups["MDHL"], 693);
}

#[test]
fn the_evaluation_list_alone_or_bare_gives_the_same_table() {
    let full = ok("evaluation.json");
    let value: serde_json::Value = serde_json::from_slice(&fixture("evaluation.json")).unwrap();
    let list = &value["data"]["evaluation"];
    for text in [serde_json::json!({ "evaluation": list }).to_string(), list.to_string()] {
        let p = import::import_text(&text).unwrap();
        assert_eq!(p.shape, Shape::Evaluation);
        assert_eq!(p.table, full.table);
    }
}

// --- The portal's detail -------------------------------------------------------

#[test]
fn detail_gives_the_same_unit_as_our_csv() {
    let p = ok("detail.json");
    assert_eq!(p.shape, Shape::Detail);
    assert_eq!((p.problems.len(), p.skipped), (0, 0));
    let csv = shipped();
    assert_eq!(p.table.units, [csv.units[csv.position("H20").unwrap()].clone()]);
    let dt = &p.table.units[0];
    assert_eq!(dt.counts["dossiers_received"], 405_424);
    assert_eq!(dt.counts["dossiers_overdue"], 46_764);
    assert_eq!(dt.counts["dossiers_total"], 405_424);
    assert_eq!(dt.counts["dossiers_disliked"], 138);
    assert_eq!(dt.counts["dossiers_synced"], 349_383);
    assert_eq!(dt.counts["procedures_citizen_base"], 1307);
    assert_eq!(dt.counts["fee_procedures"], 330);
    assert_eq!(dt.counts["petitions_total"], 286);
    assert_eq!(dt.counts["petitions_overdue"], 52);
    assert_eq!(dt.counts["petitions_disliked_or_repeated"], 50);
    assert!(!dt.counts.contains_key("certified_copy_base"));
    assert_eq!(dt.rates["ELECTRONIC_CERTIFIED_COPY"], 10_000, "100,00% in hundredths of a percent");
    assert_eq!(dt.published.indicators["DOSSIER_ON_TIME"], 1769);
    assert_eq!(dt.published.indicators["PUBLIC_UPDATE_ON_TIME"], 346);
    assert_eq!(dt.published.indicators["PETITION_HANDLING_SATISFACTION"], 386);
    assert_eq!(dt.published.groups["ONLINE"], 884);
    assert_eq!(dt.published.total, Some(6880));
    // And the engine scores it to the published total.
    assert_eq!(evaluate(m(), &dt.inputs(m())).total, Some(6880));
}

// --- The portal's payment and online-services trees --------------------------

#[test]
fn the_payment_tree_gives_ttt_counts_for_a_unit_and_its_children() {
    let p = ok("payment-tree.json");
    assert_eq!(p.shape, Shape::PaymentTree);
    assert_eq!((p.problems.len(), p.skipped), (0, 0));
    assert_eq!(codes(&p), ["H21", "H21.01", "H21.02", "H21.09"]);
    let kinds: Vec<&str> = p.table.units.iter().map(|u| u.kind.as_str()).collect();
    assert_eq!(kinds, ["PROVINCE", "AGENCY", "AGENCY", "AGENCY"], "a province's own agencies");
    let gia_lai = &p.table.units[0];
    assert_eq!(gia_lai.counts["dossiers_paid_online"], 235_195);
    assert_eq!(gia_lai.counts["fee_procedures_with_dossiers"], 64);
    assert_eq!(gia_lai.published.groups, groups(&[("TTTT", 721)]));
    assert_eq!(gia_lai.published.total, None, "a tree publishes the group's score, not the total");
    // Every unit's TTTT is computed from its counts, to its published score.
    let g = m().group_index("TTTT").unwrap();
    for u in &p.table.units {
        let ev = evaluate(m(), &u.inputs(m()));
        assert_eq!(ev.groups[g].score, u.published.group(m(), g), "{}", u.code);
        assert!(ev.groups[g].remainder.is_none(), "{}", u.code);
    }
}

#[test]
fn the_online_tree_gives_the_parents_online_counts() {
    let p = ok("online-tree.json");
    assert_eq!(p.shape, Shape::OnlineTree);
    assert_eq!(codes(&p), ["H44", "H44.01", "H44.07", "H44.100"]);
    let kinds: Vec<&str> = p.table.units.iter().map(|u| u.kind.as_str()).collect();
    assert_eq!(kinds, ["PROVINCE", "AGENCY", "AGENCY", "COMMUNE"]);
    let phu_tho = &p.table.units[0];
    assert_eq!(phu_tho.counts["procedures_total"], 89);
    assert_eq!(phu_tho.counts["procedures_online_full"], 21);
    assert_eq!(phu_tho.counts["dossiers_channel_total"], 597_894);
    assert_eq!(phu_tho.published.groups, groups(&[("ONLINE", 856)]));
    // Children carry scores only.
    assert!(p.table.units[3].counts.is_empty());
    assert_eq!(p.table.units[3].published.groups, groups(&[("ONLINE", 657)]));
}

#[test]
fn a_malformed_tree_keeps_its_good_units() {
    let p = ok("payment-tree-malformed.json");
    assert_eq!(codes(&p), ["H21"]);
    assert_eq!(p.skipped, 4);
    assert_eq!(
        p.problems,
        [
            problem(2, Some("totalDossierOnlinePaymentSuccess"), not_a_number("12x", NumberError::NotANumber)),
            problem(3, Some("totalScore"), Issue::Above { text: "150".into(), max: 100 }),
            problem(4, Some("departmentCode"), Issue::EmptyCode),
            problem(5, None, Issue::Expected { expected: Expected::Object, found: "\"H21.99\"".into() }),
        ]
    );
    let e = err("online-tree-bad-children.json");
    assert_eq!(e.message(Lang::En), "row 1, column children: expected a list, found \"none\"");
}

#[test]
fn a_tree_beside_a_detail_capture_completes_its_units() {
    // The detail capture lacks C's numerator: alone, TTTT is its published
    // score split; with the payment tree of H20 (derived, see the README),
    // TTTT is computed from every count.
    let detail = ok("detail.json");
    let g = m().group_index("TTTT").unwrap();
    let alone = evaluate(m(), &detail.table.units[0].inputs(m()));
    assert_eq!(alone.groups[g].remainder.as_ref().map(|r| r.indicators.len()), Some(1));
    let p = import::merge(vec![detail, ok("payment-tree-h20.json")]).unwrap();
    assert_eq!((p.shape, p.merged.as_slice()), (Shape::Detail, [Shape::PaymentTree].as_slice()));
    assert_eq!(codes(&p), ["H20"]);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let ev = evaluate(m(), &p.table.units[0].inputs(m()));
    assert_eq!((ev.groups[g].score, ev.groups[g].remainder.clone()), (Some(642), None));
    assert_eq!(ev.total, Some(6880));
    // Files that disagree: the first file's value is kept, the difference listed.
    let p = import::merge(vec![ok("payment-tree.json"), ok("payment-tree-malformed.json"), ok("online-tree.json")])
        .unwrap();
    assert_eq!(codes(&p), ["H21", "H21.01", "H21.02", "H21.09", "H44", "H44.01", "H44.07", "H44.100"]);
    assert_eq!(p.merged, [Shape::PaymentTree, Shape::OnlineTree]);
    assert_eq!(p.problems.len(), 4, "the malformed file's own problems");
    let mut other = ok("payment-tree.json");
    other.table.units[0].counts.insert("dossiers_paid_online", 1);
    let p = import::merge(vec![ok("payment-tree.json"), other]).unwrap();
    assert_eq!(p.table.units[0].counts["dossiers_paid_online"], 235_195);
    assert_eq!(
        p.problems.iter().map(|x| x.message(Lang::Vi)).collect::<Vec<_>>(),
        ["dossiers_paid_online: đơn vị H21: tệp sau ghi 1, khác tệp trước (235195); giữ 235195"]
    );
}

#[test]
fn detail_lists_under_other_keys_or_bare() {
    let value: serde_json::Value = serde_json::from_slice(&fixture("detail.json")).unwrap();
    let list = &value["provinces"];
    let expected = ok("detail.json").table;
    for key in ["units", "departments", "items"] {
        let p = import::import_text(&serde_json::json!({ key: list }).to_string()).unwrap();
        assert_eq!((p.shape, &p.table), (Shape::Detail, &expected), "{key}");
    }
    let p = import::import_text(&list.to_string()).unwrap();
    assert_eq!((p.shape, &p.table), (Shape::Detail, &expected));
}

#[test]
fn a_metric_twice_is_a_problem() {
    let metric = r#"{"code":"DOSSIER_SYNC","numerator":1,"denominator":2}"#;
    let text = format!(
        r#"[{{"departmentCode":"H1","componentIndicators":{{"CKMB_X":{{"metrics":[{metric},{metric}]}}}}}},
            {{"departmentCode":"H2","childGroup":"COMMUNE"}}]"#
    );
    let p = import::import_text(&text).unwrap();
    assert_eq!(codes(&p), ["H2"]);
    assert_eq!(p.problems, [problem(1, Some("DOSSIER_SYNC.numerator"), Issue::Twice("DOSSIER_SYNC".into()))]);
}

// --- Our CSV ---------------------------------------------------------------------

#[test]
fn our_csv_reads_as_read_csv_does() {
    let p = ok("provinces-5.csv");
    assert_eq!(p.shape, Shape::Csv);
    assert_eq!(codes(&p), ["H20", "H19", "H24", "H21", "H53"]);
    assert_eq!(p.table.units, shipped().units[..5]);
    assert_eq!(p.table.units[4].published.total, Some(6613));
}

#[test]
fn the_shipped_table_imports_as_read_csv_reads_it() {
    let p = import::import(PROVINCES_2026_CSV.as_bytes(), Some("provinces-2026-10-10.csv")).unwrap();
    assert_eq!(p.shape, Shape::Csv);
    assert_eq!((p.problems.len(), p.skipped, p.ignored_columns.len()), (0, 0, 0));
    assert_eq!(p.table, shipped());
    assert_eq!(import::import_text(PROVINCES_2026_CSV).unwrap().table, shipped());
}

// --- Pasted tables ---------------------------------------------------------------------

/// The published scores of the first five provinces, as the CSV has them.
fn assert_same_scores_as_csv(p: &Preview) {
    let csv = shipped();
    assert_eq!(codes(p), ["H20", "H19", "H24", "H21", "H53"]);
    for (u, c) in p.table.units.iter().zip(&csv.units) {
        assert_eq!((&u.code, &u.name), (&c.code, &c.name));
        assert_eq!(u.published.total, c.published.total, "{}", u.code);
        assert_eq!(u.published.groups, c.published.groups, "{}", u.code);
        assert_eq!(u.kind, "PROVINCE");
        assert_eq!(u.counts["dossiers_received"], c.counts["dossiers_received"]);
        assert_eq!(u.counts["dossiers_overdue"], c.counts["dossiers_overdue"]);
        assert_eq!(u.counts.len(), 2);
    }
}

#[test]
fn vietnamese_paste_with_decimal_commas() {
    let p = ok("paste-vi.tsv");
    assert_eq!(p.shape, Shape::Pasted { separator: '\t' });
    assert_eq!((p.problems.len(), p.skipped), (0, 0));
    assert_eq!(p.ignored_columns, ["STT", "Ghi chú"]);
    assert_same_scores_as_csv(&p);
    let dt = &p.table.units[0];
    assert_eq!(dt.published.total, Some(6880));
    assert_eq!(dt.published.groups["CKMB"], 1146);
    assert_eq!(dt.counts["dossiers_received"], 405_424);
}

#[test]
fn english_paste_with_decimal_dots() {
    let p = ok("paste-en.tsv");
    assert_eq!(p.shape, Shape::Pasted { separator: '\t' });
    assert_eq!((p.problems.len(), p.skipped, p.ignored_columns.len()), (0, 0, 0));
    assert_same_scores_as_csv(&p);
    // Overdue from received − on time.
    assert_eq!(p.table.units[1].counts["dossiers_overdue"], 129_261);
}

#[test]
fn semicolon_separated_paste() {
    let p = ok("paste-semicolon.csv");
    assert_eq!(p.shape, Shape::Pasted { separator: ';' });
    assert_eq!(codes(&p), ["H20", "H19", "H24"]);
    let dt = &p.table.units[0];
    assert_eq!((dt.kind.as_str(), dt.published.total), ("", Some(6880)));
    assert_eq!(dt.published.groups["CLGQ"], 884);
    assert_eq!(dt.published.group(m(), m().group_index("ONLINE").unwrap()), Some(884));
}

#[test]
fn headers_and_kinds_in_either_language() {
    let text = "Mã ĐV\tĐơn vị\tLoại đơn vị\tĐiểm\tCông khai, minh bạch (18)\tg_mdsh\tTDGQ_Received\n\
                X1\tXã A\tXã, phường\t1.234,5\t\t3\t1 234\n\
                X2\tSở B\tSở, ngành\t70\t12,5\t\t\n";
    // "1.234,5" is a score above 100.
    let p = import::import_text(text).unwrap();
    assert_eq!(p.problems, [problem(2, Some("Điểm"), Issue::Above { text: "1.234,5".into(), max: 100 })]);
    let b = &p.table.units[0];
    assert_eq!((b.code.as_str(), b.name.as_str(), b.kind.as_str()), ("X2", "Sở B", "AGENCY"));
    assert_eq!(b.published.groups, groups(&[("CKMB", 1250)]));
    let text = "unit\tcode\tkind\ttotal\tDigitization\nXã A\tX1\tcommune\t50\t3\n";
    let a = &import::import_text(text).unwrap().table.units[0];
    assert_eq!((a.kind.as_str(), a.published.groups["MDSH"]), ("COMMUNE", 300));
}

#[test]
fn a_file_name_can_decide_the_shape() {
    // A .tsv is tab-separated even when the header has commas.
    let p = import::import(b"code\tname\nH1\tA, B\n", Some("x.tsv")).unwrap();
    assert_eq!((p.shape, p.table.units[0].name.as_str()), (Shape::Pasted { separator: '\t' }, "A, B"));
    // A .json must be JSON.
    assert!(matches!(import::import(b"code,name\nH1,A\n", Some("x.JSON")), Err(ImportError::Json { .. })));
}

// --- Ranking within a kind ---------------------------------------------------------------

#[test]
fn agencies_and_communes_rank_among_their_own_kind() {
    let p = ok("mixed-kinds.json");
    assert_eq!(p.shape, Shape::Detail);
    let t = &p.table;
    assert_eq!(codes(&p), ["H20.A01", "H20.X01", "H20.A02", "H20.X02", "H20.A03", "H20.X03"]);
    assert_eq!(t.kinds(), ["AGENCY", "COMMUNE"]);
    assert_eq!(t.published_totals_of_kind("AGENCY"), [(0, 8300), (2, 7200), (4, 7200)]);
    assert_eq!(t.published_totals_of_kind("COMMUNE"), [(1, 7210), (3, 9000), (5, 5200)]);
    assert!(t.published_totals_of_kind("PROVINCE").is_empty());
    // Sở Y tế (72,00) ties Sở Xây dựng, below Sở Tư pháp.
    let agencies = t.rank_table("AGENCY", Some(2));
    assert_eq!(agencies.rank(7200), Rank { position: 2, of: 3 });
    assert_eq!(agencies.rank(8400), Rank { position: 1, of: 3 });
    // Xã Mỹ An (72,10) is second among communes, although below an agency's 83,00
    // and tied with nothing in the whole table.
    let communes = t.rank_table("COMMUNE", Some(1));
    assert_eq!(communes.rank(7210), Rank { position: 2, of: 3 });
    assert_eq!(t.rank_table("COMMUNE", None).rank(9500), Rank { position: 1, of: 4 });
    // Counts come through for the agency with componentIndicators.
    assert_eq!(t.units[0].counts["dossiers_received"], 405_424);
    assert!(t.units[1].counts.is_empty());
}

#[test]
fn the_shipped_table_is_one_kind() {
    let t = shipped();
    assert_eq!(t.kinds(), ["PROVINCE"]);
    let h38 = t.position("H38");
    let all = vn766::engine::RankTable::excluding(&t.published_totals(), h38);
    assert_eq!(t.rank_table("PROVINCE", h38), all);
}

// --- Malformed variants -----------------------------------------------------------------

#[test]
fn an_empty_input_is_refused() {
    assert_eq!(err("empty.csv"), ImportError::Empty);
    assert_eq!(import::import_text(" \n\t\r\n"), Err(ImportError::Empty));
    assert_eq!(import::import(b"\xEF\xBB\xBF\n", None), Err(ImportError::Empty));
    assert_eq!(ImportError::Empty.to_string(), "Nothing to import: empty");
}

#[test]
fn not_utf8_names_the_byte() {
    assert_eq!(err("not-utf8.csv"), ImportError::NotUtf8 { offset: 26 });
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(fixture("not-utf8.csv"));
    let e = import::import(&with_bom, None).unwrap_err();
    assert_eq!(e, ImportError::NotUtf8 { offset: 29 });
    assert_eq!(e.to_string(), "Not UTF-8 text (at byte offset 29)");
    assert_eq!(e.message(Lang::Vi), "Không phải văn bản UTF-8 (byte thứ 29, đếm từ 0)");
}

#[test]
fn too_large_is_refused_before_parsing() {
    // Not UTF-8 either: the size is checked first.
    let data = vec![0xFFu8; MAX_BYTES + 1];
    let e = import::import(&data, None).unwrap_err();
    assert_eq!(e, ImportError::TooLarge { bytes: MAX_BYTES + 1 });
    assert_eq!(e.to_string(), "The file is too large: 21 MB (20 MB at most)");
}

#[test]
fn unrecognised_content() {
    assert_eq!(err("unrecognised.json"), ImportError::Unrecognised);
    for text in ["hello world", "[1, 2, 3]", "[]", "\"H20\"", "42", "Ghi chú\tSTT\nx\t1\n", "{\"data\": {\"x\": []}}"]
    {
        assert_eq!(import::import_text(text), Err(ImportError::Unrecognised), "{text}");
    }
}

#[test]
fn json_syntax_errors_say_where() {
    let e = err("truncated.json");
    assert_eq!(e, ImportError::Json { line: 43, column: 152, truncated: true });
    assert_eq!(e.to_string(), "The JSON ends too early (line 43, column 152)");
    assert_eq!(e.message(Lang::Vi), "JSON bị cắt cụt (dòng 43, cột 152)");
    let e = import::import_text("{\"evaluation\": [\n  {\"departmentCode\": \"H1\",}\n]}").unwrap_err();
    assert_eq!(e, ImportError::Json { line: 2, column: 27, truncated: false });
    assert_eq!(e.to_string(), "JSON syntax error at line 2, column 27");
    // NaN and Infinity are not JSON.
    assert!(matches!(
        import::import_text("[{\"departmentCode\":\"H1\",\"totalScore\":NaN}]"),
        Err(ImportError::Json { .. })
    ));
}

#[test]
fn a_missing_code_column_is_fatal() {
    let e = err("missing-code-column.tsv");
    assert_eq!(e, ImportError::Table(problem(1, Some("code"), Issue::ColumnMissing)));
    assert_eq!(e.to_string(), "row 1, column code: the column is missing");
    assert_eq!(e.message(Lang::Vi), "dòng 1, cột code: thiếu cột này");
    let e = import::import_text("Mã\tTên\tMã đơn vị\nH1\tA\tH1\n").unwrap_err();
    assert_eq!(e, ImportError::Table(problem(1, Some("Mã đơn vị"), Issue::ColumnTwice)));
}

#[test]
fn rows_with_missing_cells_are_left_out() {
    let p = ok("missing-cells.csv");
    assert_eq!(p.shape, Shape::Csv);
    assert_eq!(codes(&p), ["H20", "H21"]);
    assert_eq!(p.table.units[1].counts["dossiers_overdue"], 59_129);
    assert_eq!(p.skipped, 3);
    assert_eq!(
        p.problems,
        [
            problem(3, None, Issue::CellCount { expected: 6, found: 3 }),
            problem(4, None, Issue::CellCount { expected: 6, found: 7 }),
            problem(5, Some("code"), Issue::EmptyCode),
        ]
    );
    assert_eq!(p.problems[0].to_string(), "row 3: 3 cells where the header has 6");
    assert_eq!(p.problems[2].message(Lang::Vi), "dòng 5, cột code: mã đơn vị để trống");
    // read_csv refuses the file at its first problem.
    assert_eq!(
        reference::read_csv(&fixture("missing-cells.csv")).unwrap_err().to_string(),
        "row 3: 3 cells where the header has 6"
    );
}

#[test]
fn wrong_types_are_row_problems() {
    let p = ok("wrong-types.json");
    assert_eq!(codes(&p), ["H20"]);
    assert_eq!(p.skipped, 6);
    let object = |found: &str| Issue::Expected { expected: Expected::Object, found: found.into() };
    assert_eq!(
        p.problems,
        [
            problem(2, Some("totalScore"), not_a_number("abc", NumberError::NotANumber)),
            problem(3, Some("groupScores"), object("[…]")),
            problem(4, None, object("\"H21\"")),
            problem(5, Some("PUBLISH_ON_TIME.numerator"), not_a_number("12x", NumberError::NotANumber)),
            problem(5, Some("TDGQ_TienDoGiaiQuyet.totalReceived"), not_a_number("true", NumberError::NotANumber)),
            problem(6, Some("departmentCode"), Issue::EmptyCode),
            problem(
                7,
                Some("MDHL_MucDoHaiLong.metrics"),
                Issue::Expected { expected: Expected::List, found: "\"none\"".into() }
            ),
        ]
    );
    assert_eq!(p.problems[1].to_string(), "row 3, column groupScores: expected an object, found […]");
    assert_eq!(p.problems[1].message(Lang::Vi), "dòng 3, cột groupScores: cần một đối tượng, gặp […]");
    assert_eq!(p.problems[0].to_string(), "row 2, column totalScore: \"abc\": Not a number");
    assert_eq!(p.problems[0].message(Lang::Vi), "dòng 2, cột totalScore: \"abc\": Không phải là số");
}

#[test]
fn huge_numbers_are_row_problems() {
    let p = ok("huge-numbers.tsv");
    assert_eq!(codes(&p), ["H20"]);
    assert_eq!(
        p.problems,
        [
            problem(3, Some("Tổng điểm"), Issue::Above { text: "150".into(), max: 100 }),
            problem(4, Some("CKMB"), Issue::Above { text: "101".into(), max: 100 }),
            problem(5, Some("tdgq_received"), not_a_number("1 000 000 000 001", NumberError::TooLarge)),
            problem(6, Some("tdgq_received"), not_a_number("99999999999999999999999999", NumberError::TooLarge)),
        ]
    );
    assert_eq!(p.problems[0].message(Lang::Vi), "dòng 3, cột Tổng điểm: \"150\" lớn hơn 100");

    let p = ok("huge-numbers.json");
    assert_eq!(codes(&p), ["H20"]);
    assert_eq!(
        p.problems,
        [
            problem(2, Some("totalScore"), not_a_number("1e+308", NumberError::TooLarge)),
            problem(3, Some("TDGQ_TienDoGiaiQuyet.totalReceived"), not_a_number("1e+20", NumberError::TooLarge)),
            problem(
                3,
                Some("TDGQ_TienDoGiaiQuyet.totalOverdue"),
                not_a_number("1.8446744073709552e+19", NumberError::TooLarge)
            ),
            problem(4, Some("groupScores.CKMB"), Issue::Above { text: "100.01".into(), max: 100 }),
        ]
    );
}

#[test]
fn json_numbers_are_never_read_as_grouped() {
    // 1.234 dossiers is not 1 234 dossiers; 12.345 points is 12,35 (half even).
    let text = r#"[{"departmentCode":"H1","totalScore":12.345,"componentIndicators":{"TDGQ_X":{"totalReceived":1.234}}},
                   {"departmentCode":"H2","totalScore":"12,345","componentIndicators":{"TDGQ_X":{"totalReceived":"1.234"}}}]"#;
    let p = import::import_text(text).unwrap();
    assert_eq!(p.problems, [problem(1, Some("TDGQ_X.totalReceived"), not_a_number("1.234", NumberError::NotWhole))]);
    let h2 = &p.table.units[0];
    assert_eq!((h2.published.total, h2.counts["dossiers_received"]), (Some(1234), 1234));
}

#[test]
fn negative_and_non_finite_numbers_are_row_problems() {
    let p = ok("negative-nan.tsv");
    assert_eq!(codes(&p), ["H20"]);
    assert_eq!(
        p.problems,
        [
            problem(3, Some("total"), not_a_number("-5", NumberError::Negative)),
            problem(4, Some("total"), not_a_number("NaN", NumberError::NotANumber)),
            problem(5, Some("tdgq_received"), not_a_number("Infinity", NumberError::NotANumber)),
            problem(6, Some("tdgq_received"), not_a_number("\u{2212}3", NumberError::Negative)),
        ]
    );
    let p = import::import_text(r#"[{"departmentCode":"H1","totalScore":-1},{"departmentCode":"H2"}]"#).unwrap();
    assert_eq!(p.problems, [problem(1, Some("totalScore"), not_a_number("-1", NumberError::Negative))]);
}

#[test]
fn a_duplicate_code_is_a_problem_on_its_second_row() {
    let p = ok("duplicate-codes.csv");
    assert_eq!(codes(&p), ["H20", "H19"]);
    assert_eq!(p.table.units[0].name, "UBND tỉnh Đồng Tháp");
    assert_eq!(p.problems, [problem(4, Some("code"), Issue::Twice("H20".into()))]);
    assert_eq!(p.problems[0].to_string(), "row 4, column code: \"H20\" appears twice");
    assert_eq!(p.problems[0].message(Lang::Vi), "dòng 4, cột code: \"H20\" xuất hiện hai lần");
}

#[test]
fn no_usable_unit() {
    let e = import::import_text("code,total\nH1,150\n,50\n").unwrap_err();
    let ImportError::NoUnits { skipped, problems } = &e else { panic!("{e:?}") };
    assert_eq!((*skipped, problems.len()), (2, 2));
    assert_eq!(e.to_string(), "No usable unit (2 rows with problems)");
    assert_eq!(e.message(Lang::Vi), "Không có đơn vị nào dùng được (2 dòng có lỗi)");
    let e = import::import_text("code,name\n").unwrap_err();
    assert_eq!(e, ImportError::NoUnits { skipped: 0, problems: vec![] });
    assert_eq!(e.to_string(), "No unit to import");
    assert_eq!(import::import_text("{\"provinces\": []}").unwrap_err(), e);
}

#[test]
fn too_many_rows_is_fatal() {
    let mut text = String::from("code\tname\n");
    for i in 0..=MAX_ROWS {
        text.push_str(&format!("H{i}\tx\n"));
    }
    let e = import::import_text(&text).unwrap_err();
    assert_eq!(e, ImportError::Table(problem(MAX_ROWS + 2, None, Issue::TooManyRows)));
    assert_eq!(e.to_string(), format!("row {}: more than 100000 rows", MAX_ROWS + 2));
}

#[test]
fn blank_rows_are_passed_over() {
    let p = import::import_text("code\tname\ttotal\n\nH1\tA\t50\n\t\t\n  \t \t \nH2\tB\t60\n").unwrap();
    assert_eq!((codes(&p), p.skipped), (vec!["H1", "H2"], 0));
}

#[test]
fn every_message_has_both_languages() {
    let all = [
        ImportError::Empty,
        ImportError::NotUtf8 { offset: 3 },
        ImportError::TooLarge { bytes: MAX_BYTES + 1 },
        ImportError::Unrecognised,
        ImportError::Json { line: 1, column: 2, truncated: true },
        ImportError::Json { line: 1, column: 2, truncated: false },
        ImportError::Table(problem(1, None, Issue::TooManyRows)),
        ImportError::NoUnits { skipped: 0, problems: vec![] },
        ImportError::NoUnits { skipped: 1, problems: vec![] },
    ];
    for e in all {
        assert_ne!(e.message(Lang::Vi), e.message(Lang::En), "{e:?}");
        assert_eq!(e.to_string(), e.message(Lang::En));
    }
    for shape in [Shape::Evaluation, Shape::Detail, Shape::Csv, Shape::Pasted { separator: '\t' }] {
        assert_ne!(shape.name(Lang::Vi), shape.name(Lang::En));
    }
}

// --- No panic, whatever the input -------------------------------------------------------

const FIXTURES: &[&str] = &[
    "evaluation.json",
    "detail.json",
    "mixed-kinds.json",
    "provinces-5.csv",
    "paste-vi.tsv",
    "paste-en.tsv",
    "paste-semicolon.csv",
    "wrong-types.json",
    "huge-numbers.json",
    "huge-numbers.tsv",
];

const HINTS: &[Option<&str>] = &[None, Some("a.json"), Some("a.csv"), Some("a.tsv"), Some("a.txt")];

/// What holds for any result: units have distinct, non-empty codes; the
/// rows left out are listed with their problems.
fn check(result: Result<Preview, ImportError>) {
    match result {
        Ok(p) => {
            assert!(!p.table.units.is_empty());
            let mut codes: Vec<&str> = p.table.units.iter().map(|u| u.code.as_str()).collect();
            assert!(codes.iter().all(|c| !c.is_empty()));
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), p.table.units.len());
            assert_eq!(p.skipped == 0, p.problems.is_empty());
            assert!(p.problems.iter().all(|x| x.row >= 1 && !x.message(Lang::Vi).is_empty()));
        }
        Err(e) => assert!(!e.message(Lang::Vi).is_empty() && !e.to_string().is_empty()),
    }
}

/// Pieces of every shape, for inputs that get past the first checks.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\"",
        "\t",
        ";",
        "\n",
        "\r\n",
        " ",
        "null",
        "true",
        "-",
        ".",
        "e",
        "9",
        "0",
        "1.5",
        "1e400",
        "18446744073709551616",
        "\"code\"",
        "\"data\"",
        "\"evaluation\"",
        "\"provinces\"",
        "\"departmentCode\"",
        "\"totalScore\"",
        "\"groupScores\"",
        "\"CKMB\"",
        "\"componentIndicators\"",
        "\"TDGQ_X\"",
        "\"totalReceived\"",
        "\"totalOnTime\"",
        "\"metrics\"",
        "\"numerator\"",
        "\"denominator\"",
        "\"ratio\"",
        "\"ELECTRONIC_CERTIFIED_COPY\"",
        "\"DOSSIER_RECEIVING_SATISFACTION\"",
        "\"childGroup\"",
        "code",
        "Mã",
        "Tổng điểm",
        "total",
        "g_CKMB",
        "tdgq_received",
        "tdgq_on_time",
        "satisfaction_num",
        "dossiers_total",
        "result_e_den",
        "petition_on_time_num",
        "H20",
        "68,8",
        "1.234",
        "1 234",
        "NaN",
        "−",
        "\u{a0}",
        "(",
        ")",
        "đ",
        "\u{301}",
        "%",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..400), hint in prop::sample::select(HINTS)) {
        check(import::import(&data, hint));
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        check(import::import_text(&text));
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(token(), 0..80), hint in prop::sample::select(HINTS)) {
        let text = tokens.concat();
        check(import::import(text.as_bytes(), hint));
    }

    #[test]
    fn damaged_fixtures_never_panic(
        name in prop::sample::select(FIXTURES),
        cut in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        insert in prop::collection::vec(any::<u8>(), 0..4),
    ) {
        let mut data = fixture(name);
        data.truncate(cut.index(data.len() + 1));
        let at = at.index(data.len() + 1);
        data.splice(at..at, insert);
        check(import::import(&data, Some(name)));
    }
}
