//! The `score` command: batch-scores a CSV table.

use std::process::Command;

const TABLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/provinces-2026-10-10.csv");

fn score(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_score")).args(args).output().expect("score runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn tmp(name: &str, content: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("vn766-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn scores_the_shipped_table() {
    let (code, out, err) = score(&[TABLE]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "code,CKMB,TDGQ,ONLINE,TTTT,MDHL,MDSH,total,band,rank");
    assert_eq!(lines.len(), 35);
    assert_eq!(lines[1], "H20,11.46,17.69,8.84,6.42,14.67,9.72,68.80,Trung bình,1");
    assert_eq!(lines[34], "H26,11.20,14.81,9.23,4.69,7.29,8.01,55.23,Trung bình,34");
    // Every computed total equals the published one.
    let published = std::fs::read_to_string(TABLE).unwrap();
    for (row, line) in published.lines().skip(1).zip(lines.iter().skip(1)) {
        let total_published: f64 = row.split(',').nth(3).unwrap().parse().unwrap();
        let total_computed: f64 = line.split(',').nth(7).unwrap().parse().unwrap();
        assert_eq!(total_published, total_computed, "{line}");
    }
}

#[test]
fn ties_share_a_rank_and_english_bands() {
    let file = tmp(
        "ties.csv",
        b"code,name,total,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH\nA,a,0,18,20,12,10,18,12\nB,b,0,18,20,12,10,18,12\nC,c,0,10,10,10,10,10,10\n",
    );
    let (code, out, err) = score(&[&file, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "code,CKMB,TDGQ,ONLINE,TTTT,MDHL,MDSH,total,band,rank\nA,18.00,20.00,12.00,10.00,18.00,12.00,90.00,Excellent,1\nB,18.00,20.00,12.00,10.00,18.00,12.00,90.00,Excellent,1\nC,10.00,10.00,10.00,10.00,10.00,10.00,60.00,Average,3\n"
    );
}

#[test]
fn the_document_profile_scores_too() {
    let (code, out, err) = score(&[TABLE, "--profile", "document"]);
    assert_eq!(code, 0, "{err}");
    // For Đồng Tháp: 4.2's 80% target gives 23,82% / 80% × 4 = 1,19 instead
    // of 0,95 (MDSH 9,96); TTTT's 10 points on dossiers paid online give
    // 85,92% × 10 = 8,59, computed from the file's counts.
    assert_eq!(out.lines().nth(1).unwrap(), "H20,11.46,17.69,8.84,8.59,14.67,9.96,71.21,Khá,1");
}

#[test]
fn bad_arguments_and_files_exit_2_with_one_line() {
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec![], "no file given"),
        (
            vec![TABLE.into(), "--profile".into(), "nope".into()],
            "unknown profile \"nope\" (known: portal-2026, document)",
        ),
        (vec![TABLE.into(), "--profile".into()], "--profile needs a value"),
        (vec![TABLE.into(), "--bogus".into()], "unknown option --bogus"),
        (vec!["/no/such/file.csv".into()], "/no/such/file.csv:"),
        (vec![tmp("bad.csv", b"code,tdgq_received\nH1,12x\n")], "row 2, column tdgq_received: \"12x\": Not a number"),
        (
            vec![tmp("nogroup.csv", b"code,total\nH1,50\n")],
            "row 2, unit H1: group CKMB has neither all its inputs nor a published score",
        ),
        (vec![tmp("bin.csv", b"code,name\nH1,\xff\n")], "the text is not UTF-8"),
        // A damaged .xls on which the workbook reader (calamine) panics.
        (
            vec![concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/workbooks/damaged.xls").into()],
            "the file is damaged: the workbook reader stopped",
        ),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = score(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

#[test]
fn online_and_payment_counts_replace_their_published_scores() {
    // With every count, ONLINE and TTTT are computed (the published g_ONLINE
    // and g_TTTT, deliberately wrong here, are not used); with some counts,
    // the group keeps its published score, split.
    let header = "code,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH,dossier_sync_num,dossier_sync_den,online_procedures,\
online_procedures_full,online_procedures_partial,online_services,online_services_with_dossiers,dossiers_channel_online,\
dossiers_channel_total,pay_dossier_success,pay_dossier_obligation,pay_formality_success,pay_fee_formality,pay_fee_dossier_formality";
    let file = tmp(
        "online.csv",
        format!("{header}\nX1,0,0,1,1,0,0,10,10,89,21,31,1884,516,589496,597894,1054,1141,16,41,5\nX2,0,0,8.56,6.82,0,0,,,,,,,,,,1054,1141,16,41,\n")
            .as_bytes(),
    );
    let (code, out, err) = score(&[&file]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("X1,0.00,0.00,8.56,6.82,0.00,0.00,15.38,"), "{}", lines[1]);
    assert!(lines[2].starts_with("X2,0.00,0.00,8.56,6.82,"), "{}", lines[2]);
}

/// The shipped table as a workbook, as an analyst would keep it: a title
/// row above the header, numbers as numbers, codes and names as text.
#[cfg(feature = "workbook")]
fn shipped_as_workbook() -> String {
    use rust_xlsxwriter::Workbook;
    let csv = std::fs::read_to_string(TABLE).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Bảng chỉ số 766 — 34 tỉnh, thành phố").unwrap();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (2 + r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(v) if r > 2 => ws.write_number(r, c, v).map(|_| ()).unwrap(),
                _ => ws.write_string(r, c, cell).map(|_| ()).unwrap(),
            }
        }
    }
    tmp("provinces.xlsx", &wb.save_to_buffer().unwrap())
}

#[cfg(feature = "workbook")]
#[test]
fn a_workbook_of_the_shipped_table_scores_exactly_as_its_csv() {
    let (code, from_csv, err) = score(&[TABLE]);
    assert_eq!(code, 0, "{err}");
    let (code, from_xlsx, err) = score(&[&shipped_as_workbook()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(from_xlsx, from_csv);
}

#[cfg(feature = "workbook")]
#[test]
fn output_writes_the_results_as_a_workbook() {
    let out = std::env::temp_dir().join(format!("vn766-score-out-{}.xlsx", std::process::id()));
    let out = out.to_string_lossy().into_owned();
    let (code, _, err) = score(&[TABLE, "--lang", "en", "--output", &out]);
    assert_eq!(code, 0, "{err}");
    let sheet = vn766::workbook::read(&std::fs::read(&out).unwrap(), "").unwrap();
    assert_eq!(sheet.names, ["Batch"]);
    assert_eq!(sheet.rows[3][..3], ["Code", "Unit name", "Kind"]);
    let h20 = sheet.rows.iter().find(|r| r.first().is_some_and(|c| c == "H20")).unwrap();
    assert_eq!(h20[3..10], ["11.46", "17.69", "8.84", "6.42", "14.67", "9.72", "68.8"]);
    let (code, _, err) = score(&[TABLE, "--output", "results.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("must end in .xlsx"), "{err}");
}

#[test]
fn online_counts_without_the_sync_counts_are_scored() {
    // Every ONLINE count, no 1.4 count: ONLINE is computed (3.3 needs
    // nothing of 1.4) and CKMB keeps its published score, split.
    let header = "code,name,kind,total,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH,online_procedures,online_procedures_full,online_procedures_partial,online_services,online_services_with_dossiers,dossiers_channel_online,dossiers_channel_total";
    let file = tmp(
        "online.csv",
        format!("{header}\nX1,UBND xã A,COMMUNE,0,10,15,5.84,5,10,10,0,0,0,403,28,949,2050\n").as_bytes(),
    );
    let (code, out, err) = score(&[&file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().nth(1).unwrap(), "X1,10.00,15.00,5.83,5.00,10.00,10.00,55.83,Trung bình,1");
    // A methodology file that keeps the document's 3.3 × 1.4 splits ONLINE
    // from its published score instead of refusing the table.
    let base = include_str!("../methodology/portal-2026.toml");
    let channels = "denominator = \"dossiers_channel_total\"\n";
    let factor =
        tmp("factor.toml", base.replacen(channels, &format!("{channels}times_rate_of = \"1.4\"\n"), 1).as_bytes());
    let (code, out, err) = score(&[&file, "--methodology", &factor]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().nth(1).unwrap(), "X1,10.00,15.00,5.84,5.00,10.00,10.00,55.84,Trung bình,1");
}
