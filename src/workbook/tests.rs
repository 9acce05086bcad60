//! Workbooks written and read back, and read from files made by a
//! spreadsheet program (LibreOffice 7.4: xlsx, ods, xls with merged title
//! rows, text-typed numbers and empty rows).
use super::*;
use crate::engine::import;
use crate::session::{Action, Session};
use crate::view::sheets::{results_book, sheet_name};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/workbooks/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn lao_cai_book(lang: crate::engine::Lang) -> Book {
    let mut s = Session::default();
    s.apply(Action::SetLang(lang));
    s.apply(Action::ChooseUnit("H38".into()));
    s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
    results_book(&s, &crate::view::columns(&s), "02/12/2026")
}

#[test]
fn the_results_book_reads_back_with_numbers_as_numbers() {
    let bytes = write(&lao_cai_book(crate::engine::Lang::Vi)).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an .xlsx is a zip");
    let sheet = read(&bytes, "").unwrap();
    assert_eq!(sheet.names, ["So sánh", "Điểm từng chỉ tiêu"]);
    assert_eq!(sheet.rows[0][0], "Chỉ số 766: so sánh số liệu gốc và các kịch bản");
    assert!(sheet.rows[1][0].starts_with("Đơn vị: UBND tỉnh Lào Cai · Bảng tham chiếu: "), "{}", sheet.rows[1][0]);
    assert!(sheet.rows[1][0].ends_with("Ngày: 02/12/2026"));
    assert_eq!(sheet.rows[3], ["Mục", "Số liệu gốc", "Kịch bản 1"]);
    let total = sheet.rows.iter().find(|r| r.first().is_some_and(|c| c == "Tổng điểm")).unwrap();
    assert_eq!(total[1..], ["61.72", "63.18"], "numbers, read back as numbers");
    // The cells are numeric, with a two-decimal format.
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(&bytes)).unwrap();
    let range = wb.worksheet_range("So sánh").unwrap();
    let row = range.rows().position(|r| r[0] == Data::String("Tổng điểm".into())).unwrap();
    assert_eq!(range.get((row, 1)), Some(&Data::Float(61.72)));
    let indicators = read(&bytes, "Điểm từng chỉ tiêu").unwrap();
    assert!(indicators.rows.iter().any(|r| r.first().is_some_and(|c| c.starts_with("2.1 "))));
}

#[test]
fn sheet_names_follow_the_language_and_excels_rules() {
    let sheet = read(&write(&lao_cai_book(crate::engine::Lang::En)).unwrap(), "").unwrap();
    assert_eq!(sheet.names, ["Comparison", "Indicator points"]);
    assert_eq!(sheet_name("Kế hoạch: quý 4/2026 [bản nháp]"), "Kế hoạch- quý 4-2026 -bản nháp-");
    assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
}

#[test]
fn a_batch_book_of_the_shipped_table_imports_back_as_the_same_table() {
    use crate::engine::{batch, profiles, reference};
    let m = profiles::default_profile();
    let t = reference::read_csv(reference::PROVINCES_2026_CSV.as_bytes()).unwrap();
    let scored = batch::score_table(m, &t);
    let book = crate::view::sheets::batch_book(&Session::default(), m, &t, &scored, "02/12/2026");
    let sheet = read(&write(&book).unwrap(), "").unwrap();
    // Title rows above the header are passed over.
    let preview = import::import_sheet(&sheet.rows).unwrap();
    assert_eq!(preview.shape, import::Shape::Workbook);
    assert_eq!(preview.table.units.len(), 34);
    let h20 = preview.table.units.iter().find(|u| u.code == "H20").unwrap();
    assert_eq!(h20.name, "UBND tỉnh Đồng Tháp");
    assert_eq!(h20.published.total, Some(6880));
}

#[test]
fn files_made_by_libreoffice_read_alike_in_xlsx_ods_and_xls() {
    for file in ["merged.xlsx", "merged.ods", "merged.xls"] {
        let sheet = read(&fixture(file), "").unwrap();
        // Two merged title rows, then the header.
        assert_eq!(sheet.rows[0][0], "ỦY BAN NHÂN DÂN TỈNH X — BÁO CÁO CHỈ SỐ 766", "{file}");
        let text = import::sheet_text(&sheet.rows).unwrap();
        assert!(text.starts_with("Mã\tTên đơn vị\t"), "{file}: {text}");
        let preview = import::import_sheet(&sheet.rows).unwrap();
        let codes: Vec<&str> = preview.table.units.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, ["000.00.01.H01", "000.00.02.H01"], "{file}");
        // "78,5" typed as text and 81,25 as a number give the same kind of value.
        assert_eq!(preview.table.units[0].published.total, Some(7850), "{file}");
        assert_eq!(preview.table.units[1].published.total, Some(8125), "{file}");
    }
}

#[test]
fn a_decimal_comma_sheet_and_a_second_sheet_by_name() {
    // vi.xlsx: the CSV imported by LibreOffice with Vietnamese settings (numbers numeric).
    let sheet = read(&fixture("vi.xlsx"), "").unwrap();
    let preview = import::import_sheet(&sheet.rows).unwrap();
    assert_eq!(preview.table.units[0].published.total, Some(7850));
    assert!(matches!(read(&fixture("merged.xlsx"), "No such sheet"), Err(WorkbookError::NoSheet(_))));
}

#[test]
fn a_sheet_declaring_a_far_cell_is_refused_without_allocating_it() {
    // A1 and XFD1048576: a dense read would ask for 550 GB.
    let err = read(&fixture("sparse.xlsx"), "").unwrap_err();
    assert!(matches!(err, WorkbookError::TooLarge { .. }), "{err:?}");
}

#[test]
fn numbers_are_written_for_the_importers() {
    assert_eq!(number(1234.0), "1234");
    assert_eq!(number(78.5), "78.5");
    assert_eq!(number(0.1 + 0.2), "0.3");
    assert_eq!(number(f64::NAN), "");
    assert_eq!(date(46_037.0), "15/01/2026");
}

#[test]
fn a_damaged_xls_that_stops_the_reader_is_an_error_not_a_crash() {
    // Found by the fuzz target `workbook`: calamine 0.38 indexes past the end
    // of the file in its .xls container reader (cfb.rs) and panics.
    let err = read(&fixture("damaged.xls"), "").unwrap_err();
    assert!(matches!(&err, WorkbookError::Damaged(why) if why.contains("slice index")), "{err:?}");
    assert!(err.to_string().starts_with("the file is damaged"), "{err}");
    // The reader is not left broken: the next file reads.
    assert_eq!(read(&fixture("merged.xls"), "").unwrap().rows, read(&fixture("merged.xlsx"), "").unwrap().rows);
}

#[test]
fn not_a_workbook_says_so() {
    assert!(matches!(read(b"code,name\nH01,X\n", ""), Err(WorkbookError::Unreadable(_))));
}

#[test]
fn a_history_workbook_reads_back_through_the_history_importer() {
    let mut s = Session::default();
    s.history = crate::history::History::example(s.method());
    let book = crate::view::sheets::history_book(&s, "02/12/2026");
    let sheet = read(&write(&book).unwrap(), "").unwrap();
    let text = crate::history::sheet_text(&sheet.rows).unwrap();
    let back = crate::history::History::from_csv(&text, s.method()).unwrap();
    assert_eq!(back.check(s.method()).0, s.history.check(s.method()).0);
}
