//! The glossary (`i18n/glossary.toml`) held over every text: no forbidden variant of a term in
//! its language, each chosen term in use, and every Chinese text typeset by the rules of
//! `chinese::typography`. The texts are i18n/ui.toml's strings and the operator files' texts.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::chinese::typography;
use crate::text::Lang;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Concept {
    en: String,
    nb: String,
    zh: String,
    #[serde(default)]
    #[allow(dead_code)] // for the reader of the glossary
    note: Option<String>,
    #[serde(default)]
    forbidden: BTreeMap<String, Vec<String>>,
}

/// A text of one language, and where it is: `i18n/ui.toml: checklist-title`.
struct Text {
    place: String,
    text: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn glossary() -> BTreeMap<String, Concept> {
    let text = std::fs::read_to_string(root().join("i18n/glossary.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

/// Every text in `lang`: the interface strings and the operator files' texts.
fn texts(lang: Lang) -> Vec<Text> {
    fn walk(value: &toml::Value, place: &str, lang: Lang, out: &mut Vec<Text>) {
        match value {
            toml::Value::Table(table) => {
                for (key, value) in table {
                    match value {
                        toml::Value::String(text) if key == lang.code() => out.push(Text {
                            place: place.to_owned(),
                            text: text.clone(),
                        }),
                        _ => walk(value, &format!("{place}.{key}"), lang, out),
                    }
                }
            }
            toml::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(item, &format!("{place}[{index}]"), lang, out);
                }
            }
            _ => {}
        }
    }
    let mut files: Vec<_> = std::fs::read_dir(root().join("operators"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files.push(root().join("i18n/ui.toml"));
    let mut out = Vec::new();
    for path in files {
        let value: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.strip_prefix(root()).unwrap().display().to_string();
        walk(&value, &name, lang, &mut out);
    }
    out
}

/// `text` without its code in backticks.
fn prose(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Whether `text` holds `term`: anywhere for Chinese; for Latin letters as a whole word (or,
/// with `inflected`, at the start of one: `svarfil` in `svarfilen`), as written or with a
/// capital at the start of a sentence.
fn holds(text: &str, term: &str, inflected: bool) -> bool {
    if term.chars().any(super::chinese::is_han) {
        return text.contains(term);
    }
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut capital = term.chars();
    let capital: String = capital
        .next()
        .map(|first| first.to_uppercase().chain(capital).collect())
        .unwrap_or_default();
    [term, capital.as_str()].into_iter().any(|term| {
        text.match_indices(term).any(|(at, _)| {
            !letter(text[..at].chars().next_back())
                && (inflected || !letter(text[at + term.len()..].chars().next()))
        })
    })
}

#[test]
fn the_glossary_holds_over_every_text() {
    let glossary = glossary();
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let texts = texts(lang);
        for (name, concept) in &glossary {
            let chosen = match lang {
                Lang::En => &concept.en,
                Lang::Nb => &concept.nb,
                Lang::Zh => &concept.zh,
            };
            if !texts
                .iter()
                .any(|text| holds(&prose(&text.text), chosen, true))
            {
                problems.push(format!(
                    "{lang} `{name}`: the chosen term {chosen:?} is used nowhere"
                ));
            }
            for variant in concept.forbidden.get(lang.code()).into_iter().flatten() {
                for text in texts
                    .iter()
                    .filter(|text| holds(&prose(&text.text), variant, false))
                {
                    problems.push(format!(
                        "{lang} `{name}`: {variant:?} in {}, where the glossary says {chosen:?}: {}",
                        text.place, text.text
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_concept_has_its_languages_and_only_theirs() {
    for (name, concept) in glossary() {
        for lang in concept.forbidden.keys() {
            assert!(
                Lang::from_code(lang).is_some(),
                "`{name}` forbids in {lang}"
            );
        }
        assert!(!concept.nb.is_empty() && !concept.zh.is_empty(), "{name}");
    }
}

#[test]
fn every_chinese_text_is_typeset_by_the_rules() {
    let mut problems = Vec::new();
    for text in texts(Lang::Zh) {
        for problem in typography(&text.text) {
            problems.push(format!("{}: {problem}", text.place));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_latin_variant_matches_whole_words_as_written() {
    assert!(holds("Send den i brev.", "i brev", false));
    assert!(!holds("står i brevet", "i brev", false));
    assert!(holds(
        "Ring Telenor kundeservice",
        "Telenor kundeservice",
        false
    ));
    assert!(!holds(
        "Ring Telenors kundeservice",
        "Telenor kundeservice",
        false
    ));
    assert!(
        holds("Kansellere det", "kansellere", false),
        "at the start of a sentence"
    );
    assert!(!holds("et SIM-kort", "sim-kort", false), "as written");
    assert!(holds("i svarfilen", "svarfil", true));
    assert!(holds("预付卡注销后", "注销", false));
}
