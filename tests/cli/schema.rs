use std::path::PathBuf;

use crate::helpers::{nocard, stdout_of};

fn operators_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("operators")
}

/// The shipped operator files with the schema each names on its first line.
fn shipped() -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(operators_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let generated = stdout_of(nocard().arg("schema"));
    let committed = std::fs::read_to_string(operators_dir().join("schema.json")).unwrap();
    assert!(
        generated == committed,
        "operators/schema.json is stale: run `nocard schema > operators/schema.json`"
    );
    let generated = stdout_of(nocard().args(["schema", "--common"]));
    let committed = std::fs::read_to_string(operators_dir().join("common.schema.json")).unwrap();
    assert!(
        generated == committed,
        "operators/common.schema.json is stale: run `nocard schema --common > operators/common.schema.json`"
    );
    let generated = stdout_of(nocard().args(["schema", "--services"]));
    let committed = std::fs::read_to_string(operators_dir().join("services.schema.json")).unwrap();
    assert!(
        generated == committed,
        "operators/services.schema.json is stale: run `nocard schema --services > operators/services.schema.json`"
    );
}

#[test]
fn every_shipped_file_names_its_schema_and_validates_against_it() {
    let files = shipped();
    assert!(
        files.len() >= 11,
        "nine operators, the common file and the services file"
    );
    for (path, text) in files {
        let first = text.lines().next().unwrap();
        let schema_name = first
            .strip_prefix("#:schema ./")
            .unwrap_or_else(|| panic!("{} lacks #:schema", path.display()));
        let expected = if path.ends_with("common.toml") {
            "common.schema.json"
        } else if path.ends_with("services.toml") {
            "services.schema.json"
        } else {
            "schema.json"
        };
        assert_eq!(schema_name, expected, "{}", path.display());

        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(operators_dir().join(schema_name)).unwrap(),
        )
        .unwrap();
        let validator = jsonschema::draft7::new(&schema).unwrap();
        let document = to_json(toml::from_str::<toml::Value>(&text).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_schema_catches_what_an_editor_should_flag() {
    let schema: serde_json::Value =
        serde_json::from_str(&stdout_of(nocard().arg("schema"))).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let text = std::fs::read_to_string(operators_dir().join("telenor.toml")).unwrap();
    for (good, bad) in [
        ("phase = \"contact\"", "phase = \"contcat\""),
        ("kind = \"phone\"", "kind = \"fax\""),
        (
            "label.en = \"Telenor customer service by phone\"",
            "lable.en = \"Telenor customer service by phone\"",
        ),
        (
            "when = { intent = [\"cancel\"] }",
            "when = { country = [\"no\"] }",
        ),
    ] {
        assert!(text.contains(good), "{good}");
        let broken = to_json(toml::from_str::<toml::Value>(&text.replacen(good, bad, 1)).unwrap());
        assert!(!validator.is_valid(&broken), "the schema misses {bad}");
    }
}

#[test]
fn the_services_schema_catches_what_an_editor_should_flag() {
    let schema: serde_json::Value =
        serde_json::from_str(&stdout_of(nocard().args(["schema", "--services"]))).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let text = std::fs::read_to_string(operators_dir().join("services.toml")).unwrap();
    for (good, bad) in [
        ("[[services]]", "[[service]]"),
        ("kind = \"third-party\"", "kind = \"thirdparty\""),
        ("confirmed = false", "confirmed = \"no\""),
    ] {
        assert!(text.contains(good), "{good}");
        let broken = to_json(toml::from_str::<toml::Value>(&text.replacen(good, bad, 1)).unwrap());
        assert!(!validator.is_valid(&broken), "the schema misses {bad}");
    }
}

/// TOML as JSON, the way TOML editors hand it to a JSON Schema: dates become strings.
fn to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::Value::from(i),
        toml::Value::Float(f) => serde_json::Value::from(f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(to_json).collect())
        }
        toml::Value::Table(table) => {
            serde_json::Value::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}
