//! Converts the methodology files (TOML, written by people) to JSON for the
//! app to embed: the app then needs no TOML parser. The files are checked
//! for TOML syntax here; their meaning is checked by the engine's loader
//! (and by `cargo test`).

use std::{env, fs, path::Path};

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("methodology");
    fs::create_dir_all(&out).expect("create OUT_DIR/methodology");
    println!("cargo:rerun-if-changed=methodology");
    let mut entries: Vec<_> = fs::read_dir("methodology")
        .expect("read methodology/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("read a methodology file");
        let value: toml::Value = match toml::from_str(&text) {
            Ok(v) => v,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        let json = serde_json::to_string(&value).expect("TOML values are JSON values");
        let name = path.file_stem().expect("file name").to_string_lossy();
        fs::write(out.join(format!("{name}.json")), json).expect("write JSON");
    }
}
