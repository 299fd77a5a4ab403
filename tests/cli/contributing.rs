use std::path::PathBuf;

use crate::helpers::{nocard, stdout_of};

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// As a new contributor would: copy the template, make three mistakes, and read what the
/// validator says.
#[test]
fn a_copied_template_validates_and_three_mistakes_are_named_with_line_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(repo("docs/operator-template.toml")).unwrap();
    let mine = dir.path().join("acme.toml");
    let clean = template
        .replace(
            "#:schema ../operators/schema.json",
            "#:schema ./schema.json",
        )
        .replace("id = \"example\"", "id = \"acme\"");
    std::fs::write(&mine, &clean).unwrap();
    let out = stdout_of(
        nocard()
            .args(["operators", "validate", "--deny-warnings"])
            .arg(&mine),
    );
    assert_eq!(out, "0 errors, 0 warnings in 1 file\n");

    let broken = clean
        .replace("phase = \"contact\"", "phase = \"kontakt\"")
        .replace("number = \"900 00 000\"", "number = \"+47 900 00 000\"")
        .replace(
            "home = \"https://www.example.no/\"",
            "home = \"http://www.example.no/\"",
        );
    std::fs::write(&mine, &broken).unwrap();
    let out = nocard()
        .args(["operators", "validate"])
        .arg(&mine)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let line_of = |needle: &str| {
        broken
            .lines()
            .position(|line| line.contains(needle))
            .unwrap()
            + 1
    };
    for (needle, code) in [
        ("home = \"http://", "NC015"),
        ("number = \"+47", "NC017"),
        ("phase = \"kontakt\"", "NC006"),
    ] {
        let expected = format!("acme.toml:{}:", line_of(needle));
        assert!(
            text.lines()
                .any(|line| line.contains(&expected) && line.contains(code)),
            "{code} at line {}: {text}",
            line_of(needle)
        );
    }
    assert!(text.ends_with("3 errors, 0 warnings in 1 file\n"), "{text}");
}

#[test]
fn contributing_lists_every_rule_as_the_validator_does() {
    let guide = std::fs::read_to_string(repo("CONTRIBUTING.md")).unwrap();
    let help = stdout_of(nocard().args(["operators", "validate", "--help"]));
    for line in help
        .lines()
        .filter(|line| line.trim_start().starts_with("NC0"))
    {
        let mut parts = line.split_whitespace();
        let (code, level) = (parts.next().unwrap(), parts.next().unwrap());
        let rule: Vec<&str> = parts.collect();
        let row = format!("| {code} | {level} | {} |", rule.join(" "));
        assert!(guide.contains(&row), "CONTRIBUTING.md lacks {row}");
    }
}

/// CI runs the test command README.md gives, and builds and lints nocard for Windows.
#[test]
fn ci_runs_the_readmes_tests_and_checks_windows() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let ci = std::fs::read_to_string(repo(".ci/run")).unwrap();
    let after = readme
        .split_once("Run the tests")
        .expect("README.md says how to run the tests")
        .1;
    let command = after
        .lines()
        .skip_while(|line| !line.starts_with("```"))
        .nth(1)
        .expect("a code block with the command");
    let commands: Vec<&str> = ci.lines().map(str::trim).collect();
    assert!(
        commands.contains(&command),
        "`.ci/run` does not run `{command}`"
    );
    for windows in [
        "cargo build --target \"$windows\" --locked",
        "cargo clippy --target \"$windows\" --locked -- -D warnings",
        "windows=x86_64-pc-windows-gnu",
    ] {
        assert!(commands.contains(&windows), "`.ci/run` lacks `{windows}`");
    }
}
