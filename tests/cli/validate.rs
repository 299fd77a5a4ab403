use serde_json::Value;

use crate::helpers::{fixtures, nocard, stdout_of};

/// Each fixture's first line says what it must trigger: `# expect NC006 at 67:9`.
fn expectation(text: &str) -> Option<(String, String)> {
    let line = text.lines().next()?.strip_prefix("# expect ")?;
    let (code, place) = line.split_once(" at ")?;
    Some((code.to_owned(), place.to_owned()))
}

/// The fixture with its `checked` date moved to the same footing relative to today as when it
/// was written: in the future for NC013, more than a year ago for NC014, a month ago for the
/// rest. The rules on `checked` are tested, not a calendar. A date keeps its length, so no
/// position moves.
fn checked_relative_to_today(text: &str, code: Option<&str>) -> String {
    let today = jiff::ZonedDateTime::now().date();
    let checked = match code {
        Some("NC013") => today.checked_add(jiff::Span::new().months(4)),
        Some("NC014") => today.checked_sub(jiff::Span::new().months(14)),
        _ => today.checked_sub(jiff::Span::new().months(1)),
    }
    .unwrap();
    text.lines()
        .map(|line| {
            if line.starts_with("checked = ") {
                format!("checked = {checked}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn each_rule_has_a_fixture_that_triggers_exactly_it_at_the_right_place() {
    let dir = fixtures("rules");
    let moved = tempfile::tempdir().unwrap();
    let mut codes = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = expectation(&text);
        let text =
            checked_relative_to_today(&text, expected.as_ref().map(|(code, _)| code.as_str()));
        let path = moved.path().join(path.file_name().unwrap());
        std::fs::write(&path, &text).unwrap();
        let out = nocard()
            .args(["operators", "validate", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        match expected {
            None => {
                assert!(
                    findings.is_empty(),
                    "{} should be clean: {findings:#?}",
                    path.display()
                );
                assert!(out.status.success());
            }
            Some((code, place)) => {
                assert_eq!(findings.len(), 1, "{}: {findings:#?}", path.display());
                let finding = &findings[0];
                assert_eq!(finding["code"], code.as_str(), "{}", path.display());
                let at = format!("{}:{}", finding["line"], finding["column"]);
                assert_eq!(at, place, "{} {code}", path.display());
                let warning = finding["severity"] == "warning";
                assert_eq!(
                    out.status.success(),
                    warning,
                    "errors exit 1, warnings alone 0"
                );
                codes.push(code);
            }
        }
    }
    codes.sort();
    let expected: Vec<String> = (1..=26).map(|n| format!("NC{n:03}")).collect();
    assert_eq!(codes, expected, "one fixture per rule");
}

#[test]
fn findings_print_as_path_line_column_code_message() {
    let text = std::fs::read_to_string(fixtures("rules").join("unknown-phase.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unknown-phase.toml");
    std::fs::write(&path, checked_relative_to_today(&text, Some("NC006"))).unwrap();
    let out = nocard()
        .args(["operators", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "{}:67:9: NC006 unknown phase `contcat`; expected one of: preparation, contact, information, balance, confirmation",
            path.display()
        )
    );
    assert_eq!(
        text.lines().last().unwrap(),
        "1 error, 0 warnings in 1 file"
    );
}

#[test]
fn warnings_fail_only_when_denied() {
    let path = fixtures("rules").join("stale.toml");
    nocard()
        .args(["operators", "validate"])
        .arg(&path)
        .assert()
        .success();
    nocard()
        .args(["operators", "validate", "--deny-warnings"])
        .arg(&path)
        .assert()
        .code(1);
}

#[test]
fn the_shipped_files_pass_with_no_warnings() {
    let out = stdout_of(nocard().args(["operators", "validate", "--deny-warnings"]));
    assert!(out.starts_with("0 errors, 0 warnings in "), "{out}");
}

#[test]
fn with_no_path_the_operators_folder_is_checked_too() {
    let out = nocard()
        .args(["operators", "validate", "--operators-dir"])
        .arg(fixtures("broken"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("broken/telenor.toml:11:9: NC006"), "{text}");
}

#[test]
fn the_rules_are_listed_in_help() {
    let help = stdout_of(nocard().args(["operators", "validate", "--help"]));
    assert!(
        help.contains("NC001  error    the file is valid TOML"),
        "{help}"
    );
    assert!(
        help.contains("NC018  warning  every text has en, nb and zh"),
        "{help}"
    );
}

#[test]
fn the_shipped_services_file_passes_as_the_services_kind() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("operators/services.toml");
    let out = stdout_of(
        nocard()
            .args(["operators", "validate", "--deny-warnings"])
            .arg(&path),
    );
    assert_eq!(out, "0 errors, 0 warnings in 1 file\n");
    // With no path, it is one of the shipped files checked.
    let out = stdout_of(nocard().args(["operators", "validate", "--format", "json"]));
    assert_eq!(out.trim(), "[]");
}

#[test]
fn a_broken_services_file_fails_with_the_code_and_place_of_its_mistake() {
    let text = std::fs::read_to_string(fixtures("services").join("services.toml")).unwrap();
    let (code, place) = expectation(&text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Named services.toml, the file is checked as the services kind wherever it is.
    let path = dir.path().join("services.toml");
    std::fs::write(&path, checked_relative_to_today(&text, Some(&code))).unwrap();
    let out = nocard()
        .args(["operators", "validate", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], code.as_str());
    assert_eq!(
        format!("{}:{}", findings[0]["line"], findings[0]["column"]),
        place
    );
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("service `signal` is marked confirmed"),
        "{findings:#?}"
    );

    // The same file in an operators folder is checked, and refused, with the shipped ones.
    let out = nocard()
        .args(["operators", "validate", "--operators-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("services.toml:{place}: {code}")),
        "{text}"
    );

    // Under another name it is read as an operator file, and fails as one.
    let other = dir.path().join("apps.toml");
    std::fs::copy(&path, &other).unwrap();
    let out = nocard()
        .args(["operators", "validate", "--format", "json"])
        .arg(&other)
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        findings.iter().any(|f| f["code"] == "NC002"),
        "{findings:#?}"
    );
}
