//! What strangers, accidents and the system do to nocard, the second round: links and
//! devices where nocard writes, files that are not files where it reads, the edge of time,
//! a case book at its limits, signals. docs/robustness.md lists each with its test.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use crate::helpers::{nocard_at, stderr_of, stdout_of};

const SENT: &str = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"phone\"\nphone = \"912 34 567\"\nname = \"Ola Nordmann\"\nsent = true\nreference = \"AB-42\"\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `nocard deregister` for Telenor from `answers`, with the case book in `home`.
fn deregister(home: &Path, answers: &Path) -> assert_cmd::Command {
    let mut cmd = nocard_at(home);
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

/// The cases, on the day the walks here are dated: on the real clock, a draft they started
/// would be over a week old and purged.
fn status_json(home: &Path) -> Vec<serde_json::Value> {
    let out = stdout_of(
        nocard_at(home)
            .env("NOCARD_TODAY", "2026-11-25")
            .args(["status", "--format", "json"]),
    );
    serde_json::from_str(&out).unwrap()
}

#[cfg(unix)]
fn mknod(path: &Path, kind: rustix::fs::FileType, dev: u64) -> bool {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        kind,
        rustix::fs::Mode::from_raw_mode(0o666),
        dev,
    )
    .is_ok()
}

// ── Where nocard writes ─────────────────────────────────────────────────────────────────────

/// A named pipe or a device given as `--out` is never replaced, even with `--force`, and the
/// error does not suggest `--force`. The device is a copy of /dev/null made in a temporary
/// folder (as root), so that a nocard that did replace it harms nothing.
#[cfg(unix)]
#[test]
fn a_device_or_named_pipe_as_out_is_never_replaced_even_with_force() {
    use std::os::unix::fs::FileTypeExt as _;
    let dir = tempfile::tempdir().unwrap();
    let answers = write(dir.path(), "answers.toml", SENT);
    let pipe = dir.path().join("pipe");
    assert!(mknod(&pipe, rustix::fs::FileType::Fifo, 0));
    let mut targets = vec![pipe];
    let device = dir.path().join("null");
    if mknod(
        &device,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::makedev(1, 3),
    ) {
        targets.push(device);
    }
    let link = dir.path().join("link");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    targets.push(link);
    for target in &targets {
        for force in [false, true] {
            let mut cmd = deregister(&dir.path().join("home"), &answers);
            cmd.arg("--out").arg(target);
            if force {
                cmd.arg("--force");
            }
            let stderr = stderr_of(&mut cmd, 1);
            assert!(
                stderr.contains("it is not a regular file"),
                "{}: {stderr}",
                target.display()
            );
            assert!(!stderr.contains("--force"), "{stderr}");
            assert!(!stderr.contains("already exists"), "{stderr}");
        }
        let kind = std::fs::symlink_metadata(target).unwrap().file_type();
        assert!(
            kind.is_fifo() || kind.is_char_device() || kind.is_symlink(),
            "{} was replaced",
            target.display()
        );
    }
    assert!(status_json(&dir.path().join("home")).is_empty());
}

/// The case book, its lock or anything else in the data folder is never a message target.
#[test]
fn the_case_book_can_never_be_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let answers = write(dir.path(), "answers.toml", SENT);
    deregister(&home, &answers)
        .arg("--out")
        .arg(dir.path().join("first.txt"))
        .assert()
        .success();
    let book = std::fs::read(home.join("cases.toml")).unwrap();
    for target in ["cases.toml", "cases.lock", "message.txt"] {
        let stderr = stderr_of(
            deregister(&home, &answers)
                .args(["--force", "--again", "--out"])
                .arg(home.join("..").join("home").join(target)),
            1,
        );
        assert!(stderr.contains("nocard's data folder"), "{stderr}");
        assert!(!stderr.contains("--force"), "{stderr}");
    }
    assert_eq!(std::fs::read(home.join("cases.toml")).unwrap(), book);
    assert!(!home.join("message.txt").exists());
}

/// A data folder others may write in (or another user's) is not used: the walk goes on and
/// says nothing is recorded; `status` says why and what to do.
#[cfg(unix)]
#[test]
fn a_data_folder_others_may_write_in_is_refused_and_nocard_runs_without_records() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
    let answers = write(dir.path(), "answers.toml", SENT);
    let output = deregister(&home, &answers)
        .arg("--out")
        .arg(dir.path().join("m.txt"))
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot hold your records: others may write in it (mode 777)"),
        "{stderr}"
    );
    assert!(dir.path().join("m.txt").exists(), "the message is written");
    assert!(!home.join("cases.toml").exists(), "nothing recorded there");
    let stderr = stderr_of(nocard_at(&home).arg("status"), 1);
    assert!(stderr.contains("others may write in it"), "{stderr}");
    assert!(
        stderr.contains("hint: nothing is recorded until"),
        "{stderr}"
    );
    assert!(stderr.contains("chmod 700"), "{stderr}");
}

// ── What nocard reads ───────────────────────────────────────────────────────────────────────

/// A named pipe or `/dev/zero` where nocard reads (answers, an operator file to validate, the
/// time zone) is refused at once: no hang waiting for a writer, no memory filled.
#[cfg(unix)]
#[test]
fn files_that_are_not_regular_are_refused_where_nocard_reads() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let pipe = dir.path().join("acme.toml");
    assert!(mknod(&pipe, rustix::fs::FileType::Fifo, 0));
    for path in [pipe.as_path(), Path::new("/dev/zero")] {
        let stderr = stderr_of(
            deregister(&home, path).timeout(std::time::Duration::from_secs(20)),
            1,
        );
        assert!(stderr.contains("it is not a regular file"), "{stderr}");
        let stderr = stderr_of(
            nocard_at(&home)
                .args(["operators", "validate"])
                .arg(path)
                .timeout(std::time::Duration::from_secs(20)),
            1,
        );
        assert!(stderr.contains("it is not a regular file"), "{stderr}");
    }
    // A time zone that is a pipe, a device or huge: today in UTC, at once.
    let big = write(dir.path(), "big-zone", &"x".repeat(2 * 1024 * 1024));
    for tz in [
        pipe.display().to_string(),
        ":/dev/zero".to_owned(),
        big.display().to_string(),
    ] {
        nocard_at(&home)
            .env_remove("NOCARD_TODAY")
            .env("TZ", &tz)
            .arg("checklist")
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .success();
    }
}

/// `operators validate` reports a file over 1 MiB as NC001 without reading it whole.
#[test]
fn a_huge_file_to_validate_is_reported_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.toml");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: 8 GiB that take no room, and would take all the memory if read.
    file.set_len(8 << 30).unwrap();
    let output = nocard_at(&dir.path().join("home"))
        .args(["operators", "validate"])
        .arg(&path)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(":1:1: NC001 the file is 8589934592 bytes"),
        "{stdout}"
    );
}

// ── The clock ───────────────────────────────────────────────────────────────────────────────

/// Every command that reads the date works on the last day and the first day jiff knows,
/// with cases sent at the other end of time: no arithmetic on dates can panic.
#[test]
fn every_command_runs_at_the_edges_of_time() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let answers = write(dir.path(), "answers.toml", SENT);
    for (n, today) in ["9999-12-31", "9999-12-26", "-009999-01-01", "2026-11-25"]
        .into_iter()
        .enumerate()
    {
        let out = dir.path().join(format!("m{n}.txt"));
        let runs: [&[&str]; 8] = [
            &["checklist"],
            &["checklist", "--operator", "telenor", "--format", "json"],
            &["operators", "list"],
            &["operators", "show", "telenor"],
            &["operators", "validate"],
            &["status"],
            &["status", "--format", "json"],
            &["status", "confirm", "1"],
        ];
        deregister(&home, &answers)
            .env("NOCARD_TODAY", today)
            .arg("--again")
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        for args in runs {
            let output = nocard_at(&home)
                .env("NOCARD_TODAY", today)
                .args(args)
                .output()
                .unwrap();
            assert!(
                matches!(output.status.code(), Some(0 | 1)),
                "{today} {args:?}: {output:?}"
            );
        }
    }
    let listed = stdout_of(
        nocard_at(&home)
            .env("NOCARD_TODAY", "2026-11-25")
            .arg("status"),
    );
    assert!(listed.contains("To be sent 31 December 9999"), "{listed}");
    assert!(
        !listed.contains(", -"),
        "no negative count of days: {listed}"
    );
}

// ── Names from outside ──────────────────────────────────────────────────────────────────────

/// What a terminal would act on, or what would change how text reads: none of it may reach
/// the output raw.
fn assert_inert(what: &str, output: &str) {
    let raw = output
        .chars()
        .find(|&c| c != '\n' && nocard::text::is_unsafe_char(c));
    assert_eq!(raw, None, "{what}: {output:?}");
}

/// Every error, warning, hint and finding that repeats a file or folder name, with that name
/// holding ESC, the one-byte CSI and a right-to-left override: each shows the name as data
/// (`\u{1b}`), in every stream, however the path reached it.
#[cfg(unix)]
#[test]
#[allow(clippy::too_many_lines)] // one list of every path, read top to bottom
fn every_error_and_finding_shows_names_from_outside_as_data() {
    use std::os::unix::fs::PermissionsExt as _;
    let top = tempfile::tempdir().unwrap();
    let evil = top.path().join("x\u{1b}[31m\u{9b}2J\u{202e}");
    std::fs::create_dir(&evil).unwrap();
    let home = evil.join("home");
    let answers = write(&evil, "answers.toml", SENT);
    let bad_key = write(&evil, "bad.toml", "\u{1b}x = 1\n");
    write(&evil, "exists.txt", "an earlier message");
    let pipe = evil.join("pipe");
    assert!(mknod(&pipe, rustix::fs::FileType::Fifo, 0));
    let operators = evil.join("operators");
    std::fs::create_dir(&operators).unwrap();
    std::fs::copy(
        crate::helpers::fixtures("broken/telenor.toml"),
        operators.join("telenor.toml"),
    )
    .unwrap();
    std::fs::copy(
        crate::helpers::fixtures("override/acme.toml"),
        operators.join("acme.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc/hostname", operators.join("ice.toml")).unwrap();
    let rules = crate::helpers::fixtures("rules");
    let findings = write(
        &evil,
        "unknown-phase.toml",
        &std::fs::read_to_string(rules.join("unknown-phase.toml")).unwrap(),
    );
    let corrupt = evil.join("corrupt");
    std::fs::create_dir(&corrupt).unwrap();
    write(&corrupt, "cases.toml", "version = 1\n[[case]\n");
    let open = evil.join("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();

    let owned = |args: &[&OsStr]| -> Vec<OsString> { args.iter().map(OsString::from).collect() };
    let mut runs: Vec<(&str, assert_cmd::Command)> = Vec::new();
    let mut run = |what, home: &Path, args: Vec<OsString>| {
        let mut cmd = nocard_at(home);
        cmd.current_dir(top.path()).args(args);
        runs.push((what, cmd));
    };
    let s = |text: &'static str| OsStr::new(text);
    let deregister = [
        s("deregister"),
        s("--operator"),
        s("telenor"),
        s("--no-input"),
    ];
    let with = |extra: &[&OsStr]| -> Vec<OsString> {
        deregister.iter().chain(extra).map(OsString::from).collect()
    };
    let missing = evil.join("missing.toml");
    run(
        "answers missing",
        &home,
        with(&[s("--answers"), missing.as_os_str()]),
    );
    run(
        "answers bad key",
        &home,
        with(&[s("--answers"), bad_key.as_os_str()]),
    );
    run(
        "answers a pipe",
        &home,
        with(&[s("--answers"), pipe.as_os_str()]),
    );
    let exists = evil.join("exists.txt");
    let args = [
        s("--answers"),
        answers.as_os_str(),
        s("--out"),
        exists.as_os_str(),
    ];
    run("already exists", &home, with(&args));
    let args = [
        s("--answers"),
        answers.as_os_str(),
        s("--out"),
        pipe.as_os_str(),
    ];
    run("out a pipe", &home, with(&args));
    let own = home.join("cases.toml");
    let args = [
        s("--answers"),
        answers.as_os_str(),
        s("--force"),
        s("--out"),
        own.as_os_str(),
    ];
    run("out the case book", &home, with(&args));
    let nowhere = evil.join("no folder").join("m.txt");
    let args = [
        s("--answers"),
        answers.as_os_str(),
        s("--out"),
        nowhere.as_os_str(),
    ];
    run("out in no folder", &home, with(&args));
    let missing_dir = evil.join("missing");
    let args = [
        s("--operators-dir"),
        missing_dir.as_os_str(),
        s("operators"),
        s("list"),
    ];
    run("operators folder missing", &home, owned(&args));
    let args = [
        s("--operators-dir"),
        operators.as_os_str(),
        s("operators"),
        s("show"),
        s("telenor"),
    ];
    run("broken operator file", &home, owned(&args));
    let args = [
        s("--operators-dir"),
        operators.as_os_str(),
        s("operators"),
        s("list"),
    ];
    run("link out of the folder", &home, owned(&args));
    let args = [
        s("--lang"),
        s("nb"),
        s("--operators-dir"),
        operators.as_os_str(),
        s("checklist"),
        s("--operator"),
        s("acme"),
    ];
    run("missing translation", &home, owned(&args));
    run(
        "finding",
        &home,
        owned(&[s("operators"), s("validate"), findings.as_os_str()]),
    );
    run(
        "validate missing",
        &home,
        owned(&[s("operators"), s("validate"), missing.as_os_str()]),
    );
    run(
        "validate a pipe",
        &home,
        owned(&[s("operators"), s("validate"), pipe.as_os_str()]),
    );
    run("corrupt case book", &corrupt, owned(&[s("status")]));
    run(
        "corrupt case book, writing",
        &corrupt,
        with(&[s("--answers"), answers.as_os_str()]),
    );
    run("open data folder", &open, owned(&[s("status")]));
    run(
        "open data folder, confirming",
        &open,
        owned(&[s("status"), s("confirm"), s("1")]),
    );

    for (what, mut cmd) in runs {
        let output = cmd
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_inert(what, &stdout);
        assert_inert(what, &stderr);
        assert!(
            stdout.contains("x\\u{1b}[31m\\u{9b}2J\\u{202e}")
                || stderr.contains("x\\u{1b}[31m\\u{9b}2J\\u{202e}"),
            "{what}: the name is repeated, as data: {stdout}{stderr}"
        );
    }
}

// ── Interrupted walks ───────────────────────────────────────────────────────────────────────

/// A case book holding an interrupted Telenor walk begun on `started`, with `answers`.
fn book_with_draft(home: &Path, started: &str, answers: &str) {
    std::fs::create_dir_all(home).unwrap();
    let book = format!(
        "version = 1\n\n[draft]\noperator = \"telenor\"\nstarted = {started}\n\n[draft.answers]\n{answers}"
    );
    std::fs::write(home.join("cases.toml"), book).unwrap();
}

const DRAFTED: &str = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"letter\"\nphone = \"91234567\"\n";

/// `--resume --no-input` finishes a walk whose answers are all kept, recording the case it
/// says was sent, and where one is missing names it and a way to give it that exists.
#[test]
fn resume_without_input_finishes_or_names_a_real_key() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    book_with_draft(&home, "2026-11-24", DRAFTED);
    let resume = |home: &Path| {
        let mut cmd = nocard_at(home);
        cmd.env("NOCARD_TODAY", "2026-11-25")
            .current_dir(dir.path())
            .args(["deregister", "--resume", "--no-input"]);
        cmd
    };
    let stderr = stderr_of(&mut resume(&home), 1);
    assert!(
        stderr.contains("the answers lack: name, address"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: run nocard deregister --resume in a terminal"),
        "{stderr}"
    );
    assert!(!stderr.contains("review"), "{stderr}");

    let all = format!(
        "{DRAFTED}name = \"Ola Nordmann\"\naddress = \"Storgata 1, 0150 Oslo\"\nsent = true\n"
    );
    book_with_draft(&home, "2026-11-24", &all);
    stdout_of(&mut resume(&home));
    let cases = status_json(&home);
    assert_eq!(cases.len(), 1, "the case is recorded");
    let book = std::fs::read_to_string(home.join("cases.toml")).unwrap();
    assert!(!book.contains("[draft"), "and the walk is over: {book}");
}

/// A walk without a terminal, for another operator, neither forgets nor replaces the walk
/// that was interrupted: `--resume` still finds it.
#[test]
fn a_walk_without_a_terminal_leaves_an_interrupted_one_alone() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    book_with_draft(&home, "2026-11-24", DRAFTED);
    let answers = write(
        dir.path(),
        "ice.toml",
        &SENT.replace("912 34 567", "412 34 567"),
    );
    nocard_at(&home)
        .env("NOCARD_TODAY", "2026-11-25")
        .current_dir(dir.path())
        .args(["deregister", "--operator", "ice", "--no-input", "--answers"])
        .arg(&answers)
        .assert()
        .success();
    assert_eq!(status_json(&home).len(), 1, "ice's case is recorded");
    let book = std::fs::read_to_string(home.join("cases.toml")).unwrap();
    assert!(book.contains("[draft]\noperator = \"telenor\""), "{book}");
}

/// An interrupted walk holds a name and a number: a week on, the next run removes it.
#[test]
fn drafts_older_than_a_week_are_purged_on_the_next_run() {
    for args in [
        &["status"][..],
        &["deregister", "--operator", "telenor"][..],
    ] {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        book_with_draft(
            &home,
            "2026-11-01",
            &format!("{DRAFTED}name = \"Ola Nordmann\"\n"),
        );
        let _ = nocard_at(&home)
            .env("NOCARD_TODAY", "2026-11-25")
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        let book = std::fs::read_to_string(home.join("cases.toml")).unwrap();
        assert!(!book.contains("Ola Nordmann"), "{args:?}: {book}");
        assert!(!book.contains("[draft"), "{args:?}: {book}");
    }
}

// ── Ids ─────────────────────────────────────────────────────────────────────────────────────

/// A book whose highest id is the last a case can have: a new case is refused with the way
/// on, never given id 0 or an id given before, and the book is left as it was.
#[test]
fn ids_never_wrap_around_or_repeat() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let book =
        std::fs::read_to_string(crate::helpers::fixtures("hostile/cases-id-at-the-end.toml"))
            .unwrap();
    std::fs::write(home.join("cases.toml"), &book).unwrap();
    let answers = write(
        dir.path(),
        "answers.toml",
        &SENT.replace("912 34 567", "412 34 567"),
    );
    let stderr = stderr_of(
        deregister(&home, &answers)
            .arg("--out")
            .arg(dir.path().join("m.txt")),
        1,
    );
    assert!(
        stderr.contains("has given every case id up to 4294967295"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: nothing was changed"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(home.join("cases.toml")).unwrap(),
        book
    );

    // Forgetting the newest case does not make its id free again.
    let home = dir.path().join("again");
    let answers = write(dir.path(), "sent.toml", SENT);
    for out in ["m1.txt", "m2.txt"] {
        deregister(&home, &answers)
            .args(["--again", "--out"])
            .arg(dir.path().join(out))
            .assert()
            .success();
    }
    stdout_of(nocard_at(&home).args(["status", "forget", "2"]));
    deregister(&home, &answers)
        .args(["--again", "--out"])
        .arg(dir.path().join("m3.txt"))
        .assert()
        .success();
    let ids: Vec<u64> = status_json(&home)
        .iter()
        .map(|case| case["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [3, 1]);
}
