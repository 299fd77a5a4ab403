//! Compiles data into the binary, so `nocard` needs no data folder and pays little to start:
//! the shipped operator files, the common precautions and the services tied to the number
//! (checked here, written as Rust statics of their model), and the interface strings of
//! `i18n/ui.toml` (checked here, looked up by index at run time).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

use nocard_model::bake::baked;
use nocard_model::operator::{parse_common, parse_operator, parse_services};

const LANGS: [&str; 3] = ["en", "nb", "zh"];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_owned();
    fs::write(
        out.join("built_in.rs"),
        operator_table(&root.join("operators")),
    )
    .expect("OUT_DIR is writable");
    fs::write(out.join("ui.rs"), ui_strings(&root.join("i18n/ui.toml")))
        .expect("OUT_DIR is writable");
}

/// The shipped operator files as Rust items: a `static` holding each file's model, and
/// `BUILT_IN`, `&[BuiltIn { id, text, model }, …]` sorted by id. Each file is checked here,
/// so a broken one fails the build with its `path:line:column`, and kept twice: its text, for
/// `nocard operators validate`, and its model, every language in it, as Rust source that the
/// compiler builds into the binary: nothing is parsed or decoded when nocard starts.
fn operator_table(dir: &Path) -> String {
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("operators/ is part of the crate")
        .map(|entry| entry.expect("operators/ is readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let today = jiff::ZonedDateTime::now().date();
    let mut statics = String::new();
    let mut table = String::from("const BUILT_IN: &[BuiltIn] = &[\n");
    for path in files {
        let id = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("UTF-8 file names");
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("operator files are UTF-8");
        let shown = format!("operators/{id}.toml");
        let name = format!("MODEL_{}", id.to_ascii_uppercase().replace('-', "_"));
        let baked = if id == "common" {
            parse_common(&shown, &text, today).map(|parsed| {
                format!(
                    "static {name}: ::nocard_model::operator::Common = {};",
                    baked(&parsed.value)
                )
            })
        } else if id == "services" {
            parse_services(&shown, &text, today).map(|parsed| {
                format!(
                    "static {name}: ::nocard_model::operator::Services = {};",
                    baked(&parsed.value)
                )
            })
        } else {
            parse_operator(&shown, id, &text, today).map(|parsed| {
                format!(
                    "static {name}: ::nocard_model::operator::Operator = {};",
                    baked(&parsed.value)
                )
            })
        };
        let baked = baked.unwrap_or_else(|findings| {
            let lines: Vec<String> = findings
                .iter()
                .filter(|finding| finding.problem.blocks_loading())
                .map(ToString::to_string)
                .collect();
            panic!("a shipped operator file is broken:\n{}", lines.join("\n"));
        });
        writeln!(statics, "{baked}").unwrap();
        let model = match id {
            "common" => "Common",
            "services" => "Services",
            _ => "Operator",
        };
        writeln!(
            table,
            "    BuiltIn {{ id: {id:?}, text: include_str!({:?}), model: Model::{model}(&{name}) }},",
            path.display().to_string(),
        )
        .unwrap();
    }
    table.push_str("];\n");
    statics + &table
}

/// `enum Ui` with one variant per string, and `TEXTS[variant][language]`.
fn ui_strings(path: &Path) -> String {
    println!("cargo::rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).expect("i18n/ui.toml is part of the crate");
    let strings: BTreeMap<String, BTreeMap<String, String>> =
        toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let mut variants = String::new();
    let mut texts = String::new();
    let mut keys = String::new();
    let mut seen = std::collections::BTreeSet::new();
    for (key, translations) in &strings {
        assert!(
            seen.insert(camel(key)),
            "{}: `{key}` names the same string as another key",
            path.display()
        );
        writeln!(keys, "            {key:?} => Ui::{},", camel(key)).unwrap();
        let english = translations
            .get("en")
            .unwrap_or_else(|| panic!("`{key}` has no `en` text"));
        let mut row = Vec::new();
        for lang in LANGS {
            let text = translations
                .get(lang)
                .filter(|text| !text.trim().is_empty())
                .unwrap_or_else(|| panic!("{}: `{key}` has no `{lang}` text", path.display()));
            assert_eq!(
                placeholders(text),
                placeholders(english),
                "{}: `{key}` in `{lang}` has other {{placeholders}} than in `en`",
                path.display()
            );
            row.push(format!("{text:?}"));
        }
        if let Some(other) = translations
            .keys()
            .find(|lang| !LANGS.contains(&lang.as_str()))
        {
            panic!(
                "{}: `{key}` has a text in `{other}`, which nocard does not speak",
                path.display()
            );
        }
        writeln!(variants, "    {},", camel(key)).unwrap();
        writeln!(texts, "    [{}],", row.join(", ")).unwrap();
    }
    let names: Vec<String> = strings
        .keys()
        .map(|key| format!("Ui::{}", camel(key)))
        .collect();
    format!(
        "/// One interface string; `get` gives it in a language.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq)]\n\
         pub enum Ui {{\n{variants}}}\n\n\
         impl Ui {{\n    /// Every string, for tests.\n    pub const ALL: [Ui; {count}] = [{names}];\n\n    \
         /// The string `i18n/ui.toml` names `key`.\n    \
         #[allow(clippy::too_many_lines)] // one arm for each string\n    \
         pub fn from_key(key: &str) -> Option<Ui> {{\n        Some(match key {{\n{keys}            _ => return None,\n        }})\n    }}\n}}\n\n\
         /// `TEXTS[ui][lang]`, in the order of `Lang`.\n\
         static TEXTS: [[&str; 3]; {count}] = [\n{texts}];\n",
        count = strings.len(),
        names = names.join(", "),
    )
}

fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

/// `checklist-title` → `ChecklistTitle`.
fn camel(key: &str) -> String {
    key.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}
