//! The workbook reader (xlsx, xls, ods through calamine) and the table
//! importer on what it reads, as a workbook dropped on the app goes.
//! calamine panics on some damaged files; `workbook::read` catches that and
//! returns `WorkbookError::Damaged`, so its panics are not reported here (a
//! panic that escapes `read` still fails the run).
#![no_main]
use libfuzzer_sys::fuzz_target;
use vn766::engine::import;
use vn766::workbook;

fuzz_target!(|data: &[u8]| {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            if !info.location().is_some_and(|l| l.file().contains("calamine")) {
                eprintln!("{info}");
            }
        }))
    });
    if let Ok(sheet) = workbook::read(data, "") {
        let text: String = sheet.rows.iter().map(|r| r.join("\t") + "\n").collect();
        let _ = import::import(text.as_bytes(), Some("sheet.tsv"));
    }
});
