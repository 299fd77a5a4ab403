use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::helpers::{nocard_at, stderr_of, stdout_of};

const SENT: &str = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"phone\"\nphone = \"912 34 567\"\nname = \"Ola Nordmann\"\nsent = true\nreference = \"AB-42\"\n";

/// Runs a cancel walk from answers in `dir`, with the case book in `dir/home`.
fn send(dir: &Path, answers: &str, out: &str) -> assert_cmd::assert::Assert {
    let file = dir.join(format!("{out}.toml"));
    std::fs::write(&file, answers).unwrap();
    nocard_at(&dir.join("home"))
        .current_dir(dir)
        .args([
            "deregister",
            "--operator",
            "telenor",
            "--out",
            out,
            "--answers",
        ])
        .arg(&file)
        .assert()
}

fn status_json(dir: &Path) -> Vec<Value> {
    let out = stdout_of(nocard_at(&dir.join("home")).args(["status", "--format", "json"]));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_sent_request_is_listed_with_what_to_do_next() {
    let dir = tempfile::tempdir().unwrap();
    let out = String::from_utf8(
        send(dir.path(), SENT, "m1.txt")
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(out.contains("Recorded as case 1."), "{out}");

    let text = stdout_of(nocard_at(&dir.path().join("home")).arg("status"));
    assert!(
        text.contains("Case 1: Telenor +47 *** ** 567 (sent)"),
        "{text}"
    );
    assert!(text.contains("Sent today by phone"), "{text}");
    assert!(text.contains("Reference: AB-42"));
    assert!(
        text.contains(
            "follow up in writing, citing this request: `nocard status follow-up 1` writes it"
        ),
        "{text}"
    );
    assert!(!text.contains("912 34 567"), "the number is masked");
    let whole = stdout_of(nocard_at(&dir.path().join("home")).args(["status", "--show-numbers"]));
    assert!(whole.contains("+47 912 34 567"));

    let cases = status_json(dir.path());
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["number"], "+47 *** ** 567");
    assert_eq!(cases[0]["state"], "sent");
    assert_eq!(cases[0]["channel"], "phone");
    assert_eq!(cases[0]["days_since_sent"], 0);
    assert!(cases[0]["next_action_by"].is_string());
    assert!(cases[0]["message"].as_str().unwrap().ends_with("m1.txt"));

    // The name is kept, for the follow-up and the complaint that cite the request; an
    // address only for a letter; never a bank account or an identity number.
    let book = std::fs::read_to_string(dir.path().join("home/cases.toml")).unwrap();
    assert!(book.contains("name = \"Ola Nordmann\""), "{book}");
    assert!(
        !book.contains("address"),
        "a call has no postal reply: {book}"
    );
}

#[test]
fn cases_are_confirmed_closed_and_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), SENT, "m1.txt").success();
    let home = dir.path().join("home");
    let said = stdout_of(nocard_at(&home).args(["status", "confirm", "1", "--reference", "XY-7"]));
    assert_eq!(said, "Case 1 is confirmed.\n");
    let cases = status_json(dir.path());
    assert_eq!(cases[0]["state"], "confirmed");
    assert_eq!(cases[0]["reference"], "XY-7");
    assert!(
        cases[0]["next_action"]
            .as_str()
            .unwrap()
            .contains("nocard status close 1")
    );

    stdout_of(nocard_at(&home).args(["status", "close", "1"]));
    assert_eq!(status_json(dir.path())[0]["state"], "closed");
    stdout_of(nocard_at(&home).args(["status", "forget", "1"]));
    assert!(status_json(dir.path()).is_empty());

    let err = stderr_of(nocard_at(&home).args(["status", "close", "9"]), 1);
    assert!(err.starts_with("error: there is no case 9\n"), "{err}");
}

#[test]
fn a_second_request_for_an_open_case_is_refused_without_again() {
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), SENT, "m1.txt").success();
    let refused = send(dir.path(), SENT, "m2.txt").code(1);
    let output = refused.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("You already have an open request for this number"),
        "{stdout}"
    );
    assert!(
        stderr.contains("case 1 for this number is still open"),
        "{stderr}"
    );
    assert!(stderr.contains("add --again"), "{stderr}");
    assert!(!dir.path().join("m2.txt").exists());

    // `--force` replaces a file; it does not write a second request.
    let file = dir.path().join("again.toml");
    std::fs::write(&file, SENT).unwrap();
    let forced = nocard_at(&dir.path().join("home"))
        .current_dir(dir.path())
        .args([
            "deregister",
            "--operator",
            "telenor",
            "--force",
            "--out",
            "m2.txt",
            "--answers",
        ])
        .arg(&file)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&forced.get_output().stderr).into_owned();
    assert!(
        stderr.contains("case 1 for this number is still open"),
        "{stderr}"
    );
    assert!(!dir.path().join("m2.txt").exists());

    nocard_at(&dir.path().join("home"))
        .current_dir(dir.path())
        .args([
            "deregister",
            "--operator",
            "telenor",
            "--again",
            "--out",
            "m2.txt",
            "--answers",
        ])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(status_json(dir.path()).len(), 2);
}

#[test]
fn two_nocards_recording_at_once_lose_neither_case() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let children: Vec<_> = (0..6)
        .map(|n| {
            let answers = dir.path().join(format!("a{n}.toml"));
            std::fs::write(
                &answers,
                SENT.replace("912 34 567", &format!("912 34 56{n}")),
            )
            .unwrap();
            Command::new(env!("CARGO_BIN_EXE_nocard"))
                .current_dir(dir.path())
                .env("NOCARD_HOME", &home)
                .env("NO_COLOR", "1")
                .args([
                    "deregister",
                    "--operator",
                    "ice",
                    "--out",
                    &format!("m{n}.txt"),
                    "--answers",
                ])
                .arg(&answers)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let cases = status_json(dir.path());
    assert_eq!(cases.len(), 6, "{cases:#?}");
}

#[test]
fn a_corrupt_case_book_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let broken = "version = 1\n[[case]\nid = 1\n";
    std::fs::write(home.join("cases.toml"), broken).unwrap();

    let err = stderr_of(nocard_at(&home).arg("status"), 1);
    assert!(
        err.starts_with("error: case records unavailable: "),
        "{err}"
    );
    assert!(err.contains("cases.toml cannot be read"), "{err}");
    assert!(err.contains("hint: nothing was changed; fix "), "{err}");

    // The walk still writes the message, says records are unavailable, and touches nothing.
    let walked = send(dir.path(), SENT, "m1.txt").success();
    let stderr = String::from_utf8_lossy(&walked.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with("warning: case records unavailable"),
        "{stderr}"
    );
    assert!(dir.path().join("m1.txt").exists());
    assert_eq!(
        std::fs::read_to_string(home.join("cases.toml")).unwrap(),
        broken
    );
}

#[test]
fn a_case_book_from_a_newer_nocard_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let newer = "version = 7\n[[case]]\nid = 1\nsomething = \"new\"\n";
    std::fs::write(home.join("cases.toml"), newer).unwrap();
    let err = stderr_of(nocard_at(&home).args(["status", "forget", "1"]), 1);
    assert!(err.contains("written by a newer nocard (format 7"), "{err}");
    assert!(
        err.contains("hint: nothing was changed; update nocard"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(home.join("cases.toml")).unwrap(),
        newer
    );
}

/// The folder is made read-only; as root, permissions do not bind, so the run drops to an
/// unprivileged user where it can.
#[cfg(unix)]
#[test]
fn a_write_that_fails_leaves_the_case_book_as_it_was() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), SENT, "m1.txt").success();
    let home = dir.path().join("home");
    let before = std::fs::read_to_string(home.join("cases.toml")).unwrap();
    let open =
        |mode| std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    open(0o755);
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(
        home.join("cases.toml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::set_permissions(
        home.join("cases.lock"),
        std::fs::Permissions::from_mode(0o666),
    )
    .unwrap();

    let mut command = crate::helpers::unprivileged(dir.path());
    let output = command
        .env("NOCARD_HOME", &home)
        .env("NO_COLOR", "1")
        .args(["status", "close", "1"])
        .output()
        .unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: case records unavailable"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(home.join("cases.toml")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(&home)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left: {leftovers:?}");
}
