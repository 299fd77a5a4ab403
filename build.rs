//! Builds the shipped operator files into the binary, so `nocard` needs no data folder.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("operators");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("operators/ is part of the crate")
        .map(|entry| entry.expect("operators/ is readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut table = String::from("&[\n");
    for path in files {
        let id = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("UTF-8 file names");
        println!("cargo::rerun-if-changed={}", path.display());
        writeln!(
            table,
            "    ({id:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    table.push(']');
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("built_in.rs");
    fs::write(out, table).expect("OUT_DIR is writable");
}
