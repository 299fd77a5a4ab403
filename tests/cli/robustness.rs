//! Input from strangers: operator files, answers files and case books that are hostile,
//! huge, deep, mistyped or not text, and an environment that fails under nocard. Each is
//! handled with a clear one-line error or a safe display; nothing is lost, nothing panics.
//! docs/robustness.md lists them with the test that shows each, and a test here keeps that
//! table honest.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::helpers::{fixtures, nocard, nocard_at, stderr_of, stdout_of};

const GOOD_ANSWERS: &str = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"letter\"\nphone = \"912 34 567\"\nname = \"Ola Nordmann\"\naddress = \"Storgata 1, 0150 Oslo\"\n";

/// Every answers-file key, from the question table.
fn keys() -> Vec<&'static str> {
    nocard::questions::Question::ALL
        .map(nocard::questions::Question::key)
        .to_vec()
}

/// What a terminal would act on (ESC, the one-byte CSI, BEL, CR, NUL) or what would change how
/// text reads (a right-to-left override, a zero-width space): none of it may be printed.
fn assert_inert(output: &str) {
    for c in [
        '\u{1b}', '\u{9b}', '\u{7}', '\r', '\u{202e}', '\0', '\u{200b}',
    ] {
        assert!(!output.contains(c), "{c:?} reached the output: {output:?}");
    }
    let unsafe_char = output
        .chars()
        .find(|&c| c != '\n' && nocard::text::is_unsafe_char(c));
    assert_eq!(unsafe_char, None, "{output:?}");
}

/// The output of a run that exits `code`, both streams, as text.
fn run(cmd: &mut assert_cmd::Command, code: i32) -> (String, String) {
    let output = cmd.assert().code(code).get_output().clone();
    (
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn deregister(answers: &Path) -> assert_cmd::Command {
    let mut cmd = nocard();
    cmd.args([
        "deregister",
        "--operator",
        "telenor",
        "--no-input",
        "--answers",
    ])
    .arg(answers);
    cmd
}

/// An operator file that passes every rule, with `steps` steps, for `id`.
fn operator_with_steps(id: &str, steps: usize) -> String {
    let clean = std::fs::read_to_string(fixtures("rules").join("clean.toml")).unwrap();
    // Compared with its sources a month ago, whatever the date: fresh, as the fixture is.
    let checked = jiff::ZonedDateTime::now()
        .date()
        .checked_sub(jiff::Span::new().months(1))
        .unwrap();
    let clean = clean
        .replace("# expect nothing\n", "")
        .replace("id = \"clean\"", &format!("id = \"{id}\""))
        .replace("checked = 2026-11-01", &format!("checked = {checked}"));
    let (head, rest) = clean.split_once("[[steps]]").unwrap();
    let (_, precautions) = rest.split_once("[[precautions]]").unwrap();
    let mut text = head.to_owned();
    for n in 0..steps {
        let _ = write!(
            text,
            "[[steps]]\nid = \"s{n}\"\nphase = \"preparation\"\ntitle = {{ en = \"S{n}\", nb = \"S{n}\", zh = \"S{n}\" }}\ndetail = {{ en = \"D\", nb = \"D\", zh = \"D\" }}\nsources = [\"terms\"]\nconfirmed = true\n"
        );
    }
    text.push_str("[[precautions]]");
    text.push_str(precautions);
    text
}

/// Nested structures far past any limit: arrays, inline tables, dotted keys, a table header,
/// and dotted keys inside inline tables (each kind within the TOML parser's own limits, but
/// together thousands of levels deep).
fn deep_values() -> Vec<(&'static str, String)> {
    let key = vec!["k"; 79].join(".");
    vec![
        (
            "arrays",
            format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "inline tables",
            format!("a = {}1{}\n", "{b = ".repeat(100_000), "}".repeat(100_000)),
        ),
        (
            "dotted key",
            format!("{} = 1\n", vec!["a"; 100_000].join(".")),
        ),
        (
            "table header",
            format!("[{}]\n", vec!["a"; 100_000].join(".")),
        ),
        (
            "dotted keys in inline tables",
            format!(
                "a = {}1{}\n",
                format!("{{{key} = ").repeat(79),
                "}".repeat(79)
            ),
        ),
    ]
}

// ── Escapes and control characters ──────────────────────────────────────────────────────────

#[test]
fn escapes_in_an_operator_file_are_refused_and_shown_as_data() {
    let path = fixtures("hostile").join("operator-escapes.toml");
    let (stdout, stderr) = run(nocard().args(["operators", "validate"]).arg(&path), 1);
    assert_inert(&stdout);
    assert_eq!(stderr, "");
    assert!(stdout.contains("NC019"), "{stdout}");
    assert!(
        stdout.contains("unknown field `\\u{1b}]0;owned\\u{7}`"),
        "{stdout}"
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&path, dir.path().join("operator-escapes.toml")).unwrap();
    let (_, stderr) = run(
        nocard()
            .args(["operators", "show", "operator-escapes", "--operators-dir"])
            .arg(dir.path()),
        1,
    );
    assert_inert(&stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
}

#[test]
fn escapes_in_answers_keys_and_values_are_shown_as_data() {
    for (file, expected) in [
        (
            "answers-escape-in-value.toml",
            "answers-escape-in-value.toml:1:10: `intent`: `can\\u{1b}[31mcel` is not one of",
        ),
        (
            "answers-escape-in-key.toml",
            "answers-escape-in-key.toml:1:1: unknown key `\\u{1b}[2Jintent`",
        ),
        (
            "answers-c1-in-channel.toml",
            "answers-c1-in-channel.toml:1:11: `channel`: `x\\u{9b}31m` is not a channel",
        ),
    ] {
        let path = fixtures("hostile").join(file);
        let stderr = stderr_of(&mut deregister(&path), 1);
        assert_inert(&stderr);
        assert!(stderr.contains(expected), "{file}: {stderr}");
        assert_eq!(
            stderr.lines().count(),
            2,
            "one error and one hint: {stderr}"
        );
    }
}

#[test]
fn a_name_or_reference_with_escapes_or_bidi_is_refused_and_never_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    for (file, key, reason) in [
        (
            "answers-bidi-name.toml",
            "name",
            "a name needs letters, and no control characters",
        ),
        (
            "answers-escape-in-reference.toml",
            "reference",
            "a reference has at most 60 characters and no control characters",
        ),
    ] {
        let path = fixtures("hostile").join(file);
        let stderr = stderr_of(
            nocard_at(&home)
                .current_dir(dir.path())
                .args(["deregister", "--operator", "telenor", "--answers"])
                .arg(&path),
            1,
        );
        assert_inert(&stderr);
        assert!(
            stderr.contains(&format!("`{key}`: {reason}")),
            "{file}: {stderr}"
        );
    }
    assert!(
        !home.join("cases.toml").exists(),
        "nothing reached the case book"
    );
}

#[test]
fn a_case_book_with_escapes_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let book = "version = 1\n\n[[case]]\nid = 1\noperator = \"telenor\"\nnumber = \"91234567\"\nintent = \"cancel\"\nchannel = \"phone\"\nsent = 2026-11-25\nreference = \"AB\\u001b]0;owned\\u0007\"\nstate = \"sent\"\n";
    write(&home, "cases.toml", book);
    let (stdout, stderr) = run(nocard_at(&home).arg("status"), 1);
    assert_eq!(stdout, "");
    assert_inert(&stderr);
    // The case book's reference goes through the check a typed reference does.
    assert!(
        stderr.contains(
            "line 10, column 13: a reference has at most 60 characters and no control characters"
        ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(home.join("cases.toml")).unwrap(),
        book
    );

    // A draft whose operator holds a NUL is refused the same way, before any file is looked up.
    let draft = "version = 1\n\n[draft]\noperator = \"tele\\u0000nor\"\nstarted = 2026-11-25\n\n[draft.answers]\nintent = \"cancel\"\n";
    write(&home, "cases.toml", draft);
    let stderr = stderr_of(nocard_at(&home).arg("status"), 1);
    assert!(
        stderr.contains("`tele\\u{0}nor` is not an operator id"),
        "{stderr}"
    );
}

// ── Size, encoding, many steps, deep nesting ────────────────────────────────────────────────

#[test]
fn files_over_1_mib_are_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!("{}\n", "#".repeat(2 * 1024 * 1024));

    // An operator file in the folder is not even read.
    let ops = dir.path().join("ops");
    std::fs::create_dir(&ops).unwrap();
    write(&ops, "acme.toml", &big);
    let stderr = stderr_of(
        nocard()
            .args(["operators", "show", "acme", "--operators-dir"])
            .arg(&ops),
        1,
    );
    assert!(
        stderr.contains("acme.toml: it is 2097153 bytes; nocard reads files of at most 1 MiB"),
        "{stderr}"
    );
    // `operators list` leaves it out and says so.
    let (stdout, stderr) = run(
        nocard()
            .args(["operators", "list", "--operators-dir"])
            .arg(&ops),
        0,
    );
    assert!(
        stdout.contains("telenor") && !stdout.contains("acme"),
        "{stdout}"
    );
    assert!(stderr.starts_with("warning: could not read "), "{stderr}");

    // Named on the command line, it is read and refused under NC001.
    let stdout = String::from_utf8(
        nocard()
            .args(["operators", "validate"])
            .arg(ops.join("acme.toml"))
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(
        stdout.contains(
            "acme.toml:1:1: NC001 the file is 2097153 bytes; operator files may be at most 1 MiB"
        ),
        "{stdout}"
    );

    // An answers file.
    let answers = write(dir.path(), "answers.toml", &big);
    let stderr = stderr_of(&mut deregister(&answers), 1);
    assert!(
        stderr.contains("could not read the answers file")
            && stderr.contains("it is 2097153 bytes; nocard reads files of at most 1 MiB"),
        "{stderr}"
    );

    // The case book: refused, and kept.
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    write(&home, "cases.toml", format!("version = 1\n{big}"));
    let stderr = stderr_of(nocard_at(&home).arg("status"), 1);
    assert!(
        stderr.contains("cases.toml cannot be read: it is 2097165 bytes"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::metadata(home.join("cases.toml")).unwrap().len(),
        2_097_165
    );
}

#[test]
fn text_that_is_not_utf8_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = b"id = \"acme\"\nname = \"Telen\xf8r\"\n";
    let ops = dir.path().join("ops");
    std::fs::create_dir(&ops).unwrap();
    write(&ops, "acme.toml", latin1);
    let stderr = stderr_of(
        nocard()
            .args(["operators", "show", "acme", "--operators-dir"])
            .arg(&ops),
        1,
    );
    assert!(
        stderr.contains("acme.toml: it is not UTF-8 text (line 2 holds a byte that is not)"),
        "{stderr}"
    );

    let answers = write(
        dir.path(),
        "answers.toml",
        b"intent = \"cancel\"\nname = \"S\xf8ren\"\n",
    );
    let stderr = stderr_of(&mut deregister(&answers), 1);
    assert!(
        stderr.contains("answers.toml: it is not UTF-8 text (line 2"),
        "{stderr}"
    );

    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    write(&home, "cases.toml", b"version = 1\n# \xff\n");
    let stderr = stderr_of(nocard_at(&home).arg("status"), 1);
    assert!(stderr.contains("it is not UTF-8 text (line 2"), "{stderr}");
}

#[test]
fn five_thousand_steps_load_and_validate_in_reasonable_time() {
    let dir = tempfile::tempdir().unwrap();
    let text = operator_with_steps("acme", 5_000);
    assert!(text.len() < 1024 * 1024, "{} bytes", text.len());
    write(dir.path(), "acme.toml", &text);
    let start = Instant::now();
    let stdout = stdout_of(
        nocard()
            .args(["operators", "validate", "--deny-warnings"])
            .arg(dir.path().join("acme.toml")),
    );
    assert!(
        stdout.ends_with("0 errors, 0 warnings in 1 file\n"),
        "{stdout}"
    );
    let shown = stdout_of(
        nocard()
            .args(["operators", "show", "acme", "--operators-dir"])
            .arg(dir.path()),
    );
    assert!(shown.contains("S4999"));
    let answers = write(dir.path(), "answers.toml", GOOD_ANSWERS);
    stdout_of(
        nocard()
            .args(["deregister", "--operator", "acme", "--operators-dir"])
            .arg(dir.path())
            .arg("--answers")
            .arg(&answers)
            .arg("--out")
            .arg(dir.path().join("message.txt")),
    );
    // Three runs of a debug build; each takes a fraction of a second.
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn many_findings_in_one_file_are_reported_in_reasonable_time() {
    let dir = tempfile::tempdir().unwrap();
    // Every string holds a control character: 50,000 findings in a file of about 1 MiB.
    let mut text = String::new();
    for n in 0..50_000 {
        let _ = writeln!(text, "k{n} = \"\\u0001\"");
    }
    assert!(text.len() < 1024 * 1024);
    let path = write(dir.path(), "acme.toml", &text);
    let start = Instant::now();
    let output = nocard()
        .args(["operators", "validate"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(output)
            .unwrap()
            .ends_with("50001 errors, 0 warnings in 1 file\n")
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    for (what, deep) in deep_values() {
        // An operator file: NC001, at the place it gets too deep.
        let path = write(dir.path(), "acme.toml", format!("id = \"acme\"\n{deep}"));
        let output = nocard()
            .args(["operators", "validate"])
            .arg(&path)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let stdout = String::from_utf8(output).unwrap();
        let first = stdout.lines().next().unwrap();
        assert!(first.contains("acme.toml:2:"), "{what}: {first}");
        assert!(
            first.ends_with(
                " NC001 arrays, tables and dotted keys are nested more than 64 levels deep here"
            ),
            "{what}: {first}"
        );

        // An answers file.
        let answers = write(
            dir.path(),
            "answers.toml",
            format!("intent = \"cancel\"\n{deep}"),
        );
        let stderr = stderr_of(&mut deregister(&answers), 1);
        assert!(
            stderr.contains("answers.toml:2:")
                && stderr.contains("nested more than 64 levels deep"),
            "{what}: {stderr}"
        );

        // The case book.
        write(&home, "cases.toml", format!("version = 1\n{deep}"));
        let stderr = stderr_of(nocard_at(&home).arg("status"), 1);
        assert!(
            stderr.contains("cannot be read: line 2, column")
                && stderr.contains("nested more than 64 levels deep"),
            "{what}: {stderr}"
        );
    }
}

// ── Answers files: types, length, lines ─────────────────────────────────────────────────────

#[test]
fn an_unknown_service_in_uses_names_it_and_the_one_meant() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(
        dir.path(),
        "answers.toml",
        "uses = [\"vips\", \"bankid\"]\n",
    );
    let stderr = stderr_of(&mut deregister(&answers), 1);
    assert!(
        stderr
            .contains("answers.toml:1:8: `uses`: unknown service `vips`; expected one of: bankid,"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `vipps`?"), "{stderr}");
    // A name as the list shows it is taken in lowercase; one not known is still refused.
    let answers = write(
        dir.path(),
        "answers.toml",
        "uses = [\"Vipps\", \"BankID\"]\nintent = \"bogus\"\n",
    );
    let stderr = stderr_of(&mut deregister(&answers), 1);
    assert!(!stderr.contains("`uses`"), "{stderr}");
}

#[test]
fn a_wrong_type_for_any_answers_key_names_the_key() {
    let dir = tempfile::tempdir().unwrap();
    for key in keys() {
        let wrong: &[(&str, &str)] = if key == "uses" {
            &[
                ("1", "invalid type: integer `1`, expected a list of strings"),
                (
                    "\"bankid\"",
                    "invalid type: string \"bankid\", expected a list of strings",
                ),
                ("{ a = 1 }", "invalid type: map, expected a list of strings"),
                ("[1]", "invalid type: integer `1`, expected a string"),
            ]
        } else if matches!(key, "sent" | "calendar" | "leaving") {
            &[
                (
                    "\"yes\"",
                    "invalid type: string \"yes\", expected a boolean",
                ),
                ("1", "invalid type: integer `1`, expected a boolean"),
                (
                    "2026-11-25",
                    "invalid type: datetime `2026-11-25`, expected a boolean",
                ),
                ("[true]", "invalid type: sequence, expected a boolean"),
            ]
        } else {
            &[
                ("1", "invalid type: integer `1`, expected a string"),
                (
                    "1.5",
                    "invalid type: floating point `1.5`, expected a string",
                ),
                ("true", "invalid type: boolean `true`, expected a string"),
                (
                    "2026-11-25",
                    "invalid type: datetime `2026-11-25`, expected a string",
                ),
                ("[\"a\"]", "invalid type: sequence, expected a string"),
                ("{ a = 1 }", "invalid type: map, expected a string"),
            ]
        };
        for (value, reason) in wrong {
            let answers = write(dir.path(), "answers.toml", format!("{key} = {value}\n"));
            let stderr = stderr_of(&mut deregister(&answers), 1);
            let column = key.len() + 4;
            let expected = format!("answers.toml:1:{column}: {reason} for `{key}`\n");
            assert!(stderr.contains(&expected), "{key} = {value}: {stderr}");
        }
    }
}

#[test]
fn a_long_or_multi_line_name_or_phone_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let long = write(
        dir.path(),
        "answers.toml",
        format!("intent = \"cancel\"\nname = \"{}\"\n", "Ola".repeat(3_334)),
    );
    let stderr = stderr_of(&mut deregister(&long), 1);
    assert!(
        stderr.contains(
            "answers.toml:2:8: `name`: that is longer than a name: at most 100 characters"
        ),
        "{stderr}"
    );
    assert!(stderr.len() < 1000, "the value is not repeated: {stderr}");

    for (file, expected) in [
        (
            "answers-multi-line-name.toml",
            "answers-multi-line-name.toml:2:8: `name`: a name needs letters, and no control characters",
        ),
        (
            "answers-multi-line-phone.toml",
            "answers-multi-line-phone.toml:2:9: `phone`: use only digits, spaces and a leading +47 or 0047",
        ),
    ] {
        let stderr = stderr_of(&mut deregister(&fixtures("hostile").join(file)), 1);
        assert!(stderr.contains(expected), "{file}: {stderr}");
    }

    // A long word where a choice is expected is cut short in the error.
    let long = write(
        dir.path(),
        "answers.toml",
        format!("intent = \"{}\"\n", "x".repeat(10_000)),
    );
    let stderr = stderr_of(&mut deregister(&long), 1);
    assert!(
        stderr.contains(&format!("`{}…` is not one of", "x".repeat(40))),
        "{stderr}"
    );
}

// ── Operator ids and the operators folder ───────────────────────────────────────────────────

#[test]
fn operator_ids_with_paths_or_look_alikes_are_refused_before_any_file_is_read() {
    for (id, expected) in [
        ("../telenor", "error: `../telenor` is not an operator id"),
        ("tele/nor", "error: `tele/nor` is not an operator id"),
        ("/etc/passwd", "error: `/etc/passwd` is not an operator id"),
        // A Cyrillic `е`: shown as a code point, so it does not read as `telenor`.
        ("tel\u{435}nor", "error: unknown operator `tel\\u{435}nor`"),
        (
            "tele\u{1b}[2Jnor",
            "error: `tele\\u{1b}[2Jnor` is not an operator id",
        ),
    ] {
        for args in [
            &["operators", "show", id][..],
            &["checklist", "--operator", id],
        ] {
            let stderr = stderr_of(nocard().args(args), 2);
            assert_inert(&stderr);
            assert!(stderr.starts_with(expected), "{id:?}: {stderr}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_operators_folder_is_refused_and_left_out_of_the_list() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let outside = write(dir.path(), "secret.toml", operator_with_steps("evil", 1));
    let ops = dir.path().join("ops");
    std::fs::create_dir(&ops).unwrap();
    symlink(&outside, ops.join("evil.toml")).unwrap();
    // Overriding a built-in operator with a link out is refused too, not quietly ignored.
    symlink(&outside, ops.join("telia.toml")).unwrap();
    // A link to nowhere.
    symlink("missing.toml", ops.join("gone.toml")).unwrap();
    // A link within the folder is only another name for a file in it.
    std::fs::create_dir(ops.join("shared")).unwrap();
    write(
        &ops.join("shared"),
        "acme.toml",
        operator_with_steps("acme", 1),
    );
    symlink("shared/acme.toml", ops.join("acme.toml")).unwrap();

    let stderr = stderr_of(
        nocard()
            .args(["operators", "show", "evil", "--operators-dir"])
            .arg(&ops),
        1,
    );
    let shown = ops.join("evil.toml").display().to_string();
    assert!(
        stderr.starts_with(&format!(
            "error: could not read {shown}: it is a symbolic link to {}, outside the operators folder; nocard does not follow it\n",
            outside.canonicalize().unwrap().display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("hint: fix {shown}")), "{stderr}");

    let stderr = stderr_of(
        nocard()
            .args([
                "deregister",
                "--operator",
                "telia",
                "--no-input",
                "--operators-dir",
            ])
            .arg(&ops)
            .arg("--answers")
            .arg(write(dir.path(), "answers.toml", GOOD_ANSWERS)),
        1,
    );
    assert!(
        stderr.contains("telia.toml: it is a symbolic link to"),
        "{stderr}"
    );

    let (stdout, stderr) = run(
        nocard()
            .args(["operators", "list", "--operators-dir"])
            .arg(&ops),
        0,
    );
    for id in ["evil", "telia", "gone"] {
        assert!(
            stderr.contains(&format!(
                "warning: could not read {}",
                ops.join(format!("{id}.toml")).display()
            )),
            "{id}: {stderr}"
        );
        assert!(
            !stdout.lines().any(|line| line.starts_with(id)),
            "{id}: {stdout}"
        );
    }
    assert!(stderr.contains("gone.toml: it is a symbolic link to a file that does not exist"));
    assert!(stdout.contains("telenor"), "{stdout}");
    assert!(
        stdout.lines().any(|line| line.starts_with("acme")),
        "{stdout}"
    );
    assert!(
        std::fs::read_to_string(&outside)
            .unwrap()
            .contains("id = \"evil\""),
        "the target is untouched"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_operators_folder_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("acme.toml");
    let made = Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Reading it would wait for a writer for ever; it is refused without opening it.
    let stderr = stderr_of(
        nocard()
            .args(["operators", "show", "acme", "--operators-dir"])
            .arg(dir.path())
            .timeout(Duration::from_secs(20)),
        1,
    );
    assert!(
        stderr.contains("acme.toml: it is not a regular file"),
        "{stderr}"
    );
}

// ── Writing the message ─────────────────────────────────────────────────────────────────────

#[cfg(unix)]
#[test]
fn a_read_only_folder_leaves_no_message_and_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let mode = |path: &Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    mode(dir.path(), 0o755);
    let answers = write(dir.path(), "answers.toml", GOOD_ANSWERS);
    mode(&answers, 0o644);
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    mode(&locked, 0o555);
    let output = crate::helpers::unprivileged(dir.path())
        .env("NOCARD_HOME", dir.path().join("home"))
        .env("NO_COLOR", "1")
        .args([
            "deregister",
            "--operator",
            "telenor",
            "--no-input",
            "--answers",
        ])
        .arg(&answers)
        .arg("--out")
        .arg(locked.join("message.txt"))
        .output()
        .unwrap();
    mode(&locked, 0o755);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: could not write the message to {}: Permission denied (os error 13)\n",
            locked.join("message.txt").display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("at path"), "no temporary name: {stderr}");
    assert_eq!(std::fs::read_dir(&locked).unwrap().count(), 0);
}

/// A disk that fills up half-way through the message, simulated without root: a file-size
/// limit (`ulimit -f`) makes the write fail part of the way in, as a full disk does, with
/// SIGXFSZ ignored so that the write returns the error instead of killing nocard.
#[cfg(unix)]
#[test]
fn a_write_that_fails_half_way_leaves_no_half_written_message() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(dir.path(), "answers.toml", GOOD_ANSWERS);
    let message = write(dir.path(), "message.txt", "the message sent last week\n");
    let output = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_nocard"))
        .env("NOCARD_HOME", dir.path().join("home"))
        .env("NO_COLOR", "1")
        .args([
            "deregister",
            "--operator",
            "telenor",
            "--no-input",
            "--force",
            "--answers",
        ])
        .arg(&answers)
        .arg("--out")
        .arg(&message)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: could not write the message to {}",
            dir.path().display()
        )) && stderr.contains(": File too large (os error 27)\n"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&message).unwrap(),
        "the message sent last week\n",
        "the old file is whole"
    );
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["answers.toml", "message.txt"], "no temporary file");
}

#[test]
fn an_out_path_that_cannot_be_created_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(dir.path(), "answers.toml", GOOD_ANSWERS);
    let out = dir.path().join("no such folder").join("message.txt");
    let stderr = stderr_of(deregister(&answers).arg("--out").arg(&out), 1);
    assert!(
        stderr.starts_with(&format!(
            "error: could not write the message to {}: No such file or directory (os error 2)\n",
            out.display()
        )),
        "{stderr}"
    );
    assert!(!dir.path().join("no such folder").exists());

    let stderr = stderr_of(
        deregister(&answers)
            .arg("--out")
            .arg(dir.path().join("\u{1b}[2Jmessage.txt")),
        1,
    );
    assert_inert(&stderr);
    assert!(
        stderr.contains("the file name holds a control character or invisible formatting"),
        "{stderr}"
    );
}

// ── Fixtures and the table ──────────────────────────────────────────────────────────────────

/// Every input in tests/fixtures/hostile/ (crashes the fuzzers found are kept there) gives a
/// clear error or a safe result: no crash, no raw escape, no hang.
#[test]
fn every_hostile_fixture_is_handled() {
    let dir = fixtures("hostile");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let output = if name.starts_with("operator-") {
            nocard()
                .args(["operators", "validate"])
                .arg(&path)
                .timeout(Duration::from_secs(30))
                .output()
                .unwrap()
        } else if name.starts_with("answers-") {
            let home = tempfile::tempdir().unwrap();
            nocard_at(home.path())
                .current_dir(home.path())
                .args([
                    "deregister",
                    "--operator",
                    "telenor",
                    "--no-input",
                    "--answers",
                ])
                .arg(&path)
                .timeout(Duration::from_secs(30))
                .output()
                .unwrap()
        } else if name.starts_with("cases-") {
            check_case_book(&name, &path);
            seen += 1;
            continue;
        } else if name.starts_with("validators-") {
            let value = std::fs::read_to_string(&path).unwrap();
            check_typed_value(&value);
            seen += 1;
            continue;
        } else {
            continue;
        };
        seen += 1;
        let code = output.status.code();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            matches!(code, Some(0 | 1)),
            "{name}: exit {code:?}: {stderr}"
        );
        assert_inert(&String::from_utf8_lossy(&output.stdout));
        assert_inert(&stderr);
        if name.starts_with("answers-") {
            // One line of error and one of hint, whatever the value holds.
            assert_eq!(code, Some(1), "{name}");
            assert_eq!(stderr.lines().count(), 2, "{name}: {stderr}");
            assert!(stderr.starts_with("error: "), "{name}: {stderr}");
        }
    }
    assert!(seen >= 10, "{seen} fixtures");
}

/// What the `case_book` and `status` fuzz targets check, for one case book: `status` shows it or
/// refuses it, safely; where it is shown, each change to its first case leaves a book that
/// `status` still shows.
fn check_case_book(name: &str, path: &Path) {
    for change in ["confirm", "close", "forget"] {
        let home = tempfile::tempdir().unwrap();
        std::fs::copy(path, home.path().join("cases.toml")).unwrap();
        let run = |args: &[&str]| {
            nocard_at(home.path())
                .args(args)
                .timeout(Duration::from_secs(30))
                .output()
                .unwrap()
        };
        let shown = run(&["status", "--show-numbers"]);
        assert!(
            matches!(shown.status.code(), Some(0 | 1)),
            "{name}: {shown:?}"
        );
        assert_inert(&String::from_utf8_lossy(&shown.stdout));
        assert_inert(&String::from_utf8_lossy(&shown.stderr));
        if shown.status.code() != Some(0) {
            return;
        }
        let changed = run(&["status", change, "1"]);
        assert!(
            matches!(changed.status.code(), Some(0 | 1)),
            "{name}: {changed:?}"
        );
        assert_inert(&String::from_utf8_lossy(&changed.stderr));
        let after = run(&["status", "--format", "json"]);
        assert_eq!(
            after.status.code(),
            Some(0),
            "{name} after {change}: {after:?}"
        );
    }
}

/// What the validators fuzz target checks, for one value.
fn check_typed_value(value: &str) {
    use nocard::values::{BankAccount, MobileNumber, owner_name};
    if let Ok(number) = MobileNumber::parse(value) {
        assert_eq!(MobileNumber::parse(&number.to_string()), Ok(number));
    }
    if let Ok(account) = BankAccount::parse(value) {
        assert_eq!(BankAccount::parse(&account.to_string()), Ok(account));
    }
    if let Ok(name) = owner_name(value) {
        assert_inert(&name);
        assert_eq!(owner_name(&name), Ok(name.clone()));
    }
}

/// docs/robustness.md names, for each bad input, the test that shows what nocard does; every
/// test it names must exist, so the table cannot promise what nothing checks.
#[test]
fn the_robustness_table_names_only_tests_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(root.join("docs/robustness.md")).unwrap();
    let mut sources = String::new();
    for folder in ["src", "tests", "crates"] {
        collect_rust(&root.join(folder), &mut sources);
    }
    let mut named = 0;
    let rows = table
        .lines()
        .skip_while(|line| !line.starts_with("| bad input |"))
        .take_while(|line| line.starts_with('|'));
    for line in rows {
        let Some(tests) = line.trim_end_matches('|').rsplit('|').next() else {
            continue;
        };
        for name in tests.split('`').skip(1).step_by(2) {
            if name == "test" {
                continue;
            }
            let function = name.rsplit("::").next().unwrap();
            assert!(
                is_test(&sources, function),
                "docs/robustness.md names `{name}`, which is no test: {line}"
            );
            named += 1;
        }
    }
    assert!(named >= 20, "the table names {named} tests");
}

/// Whether `sources` define a function `name` marked `#[test]` (directly or in `proptest!`).
fn is_test(sources: &str, name: &str) -> bool {
    let definition = format!("fn {name}(");
    sources.match_indices(&definition).any(|(at, _)| {
        let before = &sources[..at];
        let attribute = before.rfind("#[test]");
        let previous_fn = before.rfind("fn ");
        attribute.is_some_and(|attribute| previous_fn.is_none_or(|f| f < attribute))
    })
}

fn collect_rust(dir: &Path, into: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rust(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}
