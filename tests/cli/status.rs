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

/// The letter of the common case, not sent yet.
const LETTER: &str = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"letter\"\nphone = \"912 34 567\"\nname = \"Ola Nordmann\"\naddress = \"Storgata 1, 0150 Oslo\"\n";

/// `nocard status ARGS…` in `dir` on `today`, with the case book in `dir/home`.
fn on(dir: &Path, today: &str, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = nocard_at(&dir.join("home"));
    cmd.current_dir(dir)
        .env("NOCARD_TODAY", today)
        .arg("status")
        .args(args);
    cmd
}

#[test]
fn a_written_letter_is_marked_sent_with_its_own_date_and_digest() {
    let dir = tempfile::tempdir().unwrap();
    let mut walk = nocard_at(&dir.path().join("home"));
    walk.current_dir(dir.path())
        .env("NOCARD_TODAY", "2026-11-25")
        .args([
            "deregister",
            "--operator",
            "telenor",
            "--out",
            "brev.txt",
            "--answers",
        ]);
    std::fs::write(dir.path().join("a.toml"), LETTER).unwrap();
    stdout_of(walk.arg("a.toml"));
    let cases = status_json(dir.path());
    assert_eq!(cases[0]["state"], "written");
    assert_eq!(cases[0]["sent"], Value::Null);
    assert_eq!(
        cases[0]["expected_end"],
        Value::Null,
        "counted once it is sent"
    );
    let letter = std::fs::read(dir.path().join("brev.txt")).unwrap();
    assert_eq!(
        cases[0]["sha256"],
        nocard::casebook::Sha256::of(&letter).as_str(),
        "the digest of the file as written"
    );

    // A day ahead, or before it was written, is refused with the reason.
    let err = stderr_of(
        &mut on(
            dir.path(),
            "2026-11-27",
            &["sent", "1", "--on", "2026-11-28"],
        ),
        1,
    );
    assert!(err.contains("is after today"), "{err}");
    let err = stderr_of(
        &mut on(
            dir.path(),
            "2026-11-27",
            &["sent", "1", "--on", "2026-11-20"],
        ),
        1,
    );
    assert!(err.contains("before case 1 began"), "{err}");
    let err = stderr_of(
        &mut on(dir.path(), "2026-11-27", &["sent", "1", "--on", "tomorrow"]),
        2,
    );
    assert!(err.contains("expected a date as 2026-11-25"), "{err}");

    let said = stdout_of(&mut on(
        dir.path(),
        "2026-11-27",
        &["sent", "1", "--on", "2026-11-26", "--reference", "AB-1"],
    ));
    assert!(
        said.contains("Case 1 is marked sent on 26 November 2026"),
        "{said}"
    );
    assert!(said.contains("by 3 December 2026"), "{said}");
    let cases = status_json(dir.path());
    assert_eq!(cases[0]["state"], "sent");
    assert_eq!(cases[0]["sent"], "2026-11-26");
    assert_eq!(cases[0]["written"], "2026-11-25");
    assert_eq!(cases[0]["reference"], "AB-1");
    // Telenor: one calendar month from the 1st of the next month.
    assert_eq!(cases[0]["expected_end"], "2026-12-31");
    assert_eq!(
        cases[0]["recipient"],
        "Telenor Norge AS, Snarøyveien 30, 1360 Fornebu"
    );
}

#[test]
fn with_the_clock_moved_on_the_ladder_climbs_to_brukerklagenemnda() {
    let dir = tempfile::tempdir().unwrap();
    let mut walk = nocard_at(&dir.path().join("home"));
    walk.current_dir(dir.path())
        .env("NOCARD_TODAY", "2026-11-25")
        .args([
            "deregister",
            "--operator",
            "telenor",
            "--out",
            "brev.txt",
            "--answers",
        ]);
    std::fs::write(dir.path().join("a.toml"), format!("{LETTER}sent = true\n")).unwrap();
    stdout_of(walk.arg("a.toml"));
    let next = |today: &str| {
        let out = stdout_of(&mut on(dir.path(), today, &["--format", "json"]));
        let cases: Vec<Value> = serde_json::from_str(&out).unwrap();
        cases[0]["next_action"].as_str().unwrap().to_owned()
    };
    assert!(next("2026-12-02").contains("If none has come by 2 December 2026"));
    assert!(next("2026-12-03").contains("No confirmation since 2 December 2026"));
    // The board is not yet the place: the operator must have its written follow-up first.
    let err = stderr_of(&mut on(dir.path(), "2026-12-03", &["complain", "1"]), 1);
    assert!(
        err.contains("Brukerklagenemnda takes case 1 once Telenor"),
        "{err}"
    );
    assert!(err.contains("nocard status follow-up 1"), "{err}");

    let said = stdout_of(&mut on(dir.path(), "2026-12-03", &["follow-up", "1"]));
    let follow_up = dir
        .path()
        .join("nocard-telenor-2026-12-03-567-follow-up.txt");
    assert!(
        said.contains("nocard-telenor-2026-12-03-567-follow-up.txt"),
        "{said}"
    );
    let letter = std::fs::read_to_string(&follow_up).unwrap();
    assert!(
        letter.starts_with("Ola Nordmann\nStorgata 1\n0150 Oslo\n"),
        "{letter}"
    );
    assert!(letter.contains("Oppfølging: oppsigelse av mobilnummer +47 912 34 567"));
    assert!(
        letter.contains("25. november 2026 sa jeg opp abonnementet mitt"),
        "cites the first request: {letter}"
    );
    assert!(letter.contains(", per brev."), "and its channel: {letter}");
    assert!(!letter.contains("follow"), "no English in what is sent");
    assert!(
        dir.path()
            .join("nocard-telenor-2026-12-03-567-follow-up-en.txt")
            .exists()
    );

    assert!(next("2026-12-23").contains("by 24 December 2026 (three weeks)"));
    let err = stderr_of(&mut on(dir.path(), "2026-12-23", &["complain", "1"]), 1);
    assert!(err.contains("wait until 24 December 2026"), "{err}");
    assert!(next("2026-12-24").contains("No answer within three weeks of your follow-up"));

    let said = stdout_of(&mut on(dir.path(), "2026-12-24", &["complain", "1"]));
    assert!(
        said.contains("https://nkom.no/ekom-markedet/tvister-og-klager/"),
        "where to send it: {said}"
    );
    assert!(
        said.contains("1. My cancellation of 25 November 2026: brev.txt (SHA-256"),
        "{said}"
    );
    let complaint = std::fs::read_to_string(
        dir.path()
            .join("nocard-telenor-2026-12-24-567-complaint.txt"),
    )
    .unwrap();
    assert!(
        complaint.starts_with("Klage til Brukerklagenemnda for elektronisk kommunikasjon (BKN)\n")
    );
    assert!(
        complaint.contains("Tilbyder: Telenor Norge AS, org.nr. 976 967 631"),
        "{complaint}"
    );
    assert!(
        complaint.contains("- 3. desember 2026: Jeg fulgte opp skriftlig"),
        "{complaint}"
    );
    assert!(
        complaint.contains("- Telenor har ikke svart innen tre uker."),
        "{complaint}"
    );
    assert!(
        complaint.contains("Vedlegg:\n1. Oppsigelsen min av 25. november 2026: brev.txt"),
        "{complaint}"
    );
    assert!(next("2027-01-05").contains("Complaint written 24 December 2026"));

    // A second complaint on the same day gets its own file; none is ever replaced.
    stdout_of(&mut on(dir.path(), "2026-12-24", &["complain", "1"]));
    assert!(
        dir.path()
            .join("nocard-telenor-2026-12-24-567-complaint-2.txt")
            .exists()
    );
}

#[test]
fn a_follow_up_is_refused_before_the_date_status_gives_and_again_until_the_answer_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let mut walk = nocard_at(&dir.path().join("home"));
    walk.current_dir(dir.path())
        .env("NOCARD_TODAY", "2026-11-25")
        .args(["deregister", "--operator", "telenor", "--answers"]);
    std::fs::write(dir.path().join("a.toml"), format!("{LETTER}sent = true\n")).unwrap();
    stdout_of(walk.arg("a.toml"));
    let follow_up = |today: &str| {
        dir.path()
            .join(format!("nocard-telenor-{today}-567-follow-up.txt"))
    };

    // On the day it was sent, and on the last day the operator has to confirm.
    for today in ["2026-11-25", "2026-12-02"] {
        let err = stderr_of(&mut on(dir.path(), today, &["follow-up", "1"]), 1);
        assert_eq!(
            err.lines().next().unwrap(),
            "error: it is too early to follow up case 1: Telenor has until 2 December 2026 to confirm it in writing",
            "{err}"
        );
        assert!(
            err.contains("follow up from 3 December 2026: nocard status follow-up 1"),
            "{err}"
        );
        assert!(!follow_up(today).exists(), "nothing written");
    }
    let err = stderr_of(
        on(dir.path(), "2026-11-25", &["follow-up", "1"]).env("NOCARD_LANG", "nb"),
        1,
    );
    assert!(err.contains("Telenor har til 2. desember 2026"), "{err}");
    let cases = status_json(dir.path());
    assert_eq!(
        cases[0]["followed_up"],
        serde_json::json!([]),
        "nothing recorded"
    );

    stdout_of(&mut on(dir.path(), "2026-12-03", &["follow-up", "1"]));
    assert!(follow_up("2026-12-03").exists());
    // A second one right after would push the day the board may be asked three weeks on.
    let err = stderr_of(&mut on(dir.path(), "2026-12-04", &["follow-up", "1"]), 1);
    assert!(
        err.starts_with("error: case 1 was followed up on 3 December 2026: Telenor has until 24 December 2026 to answer\n"),
        "{err}"
    );
    assert!(err.contains("nocard status complain 1"), "{err}");
    assert!(!follow_up("2026-12-04").exists());
    assert!(
        stdout_of(&mut on(dir.path(), "2026-12-04", &["--format", "json"]))
            .contains("by 24 December 2026 (three weeks)"),
        "the complaint date stands"
    );
    stdout_of(&mut on(dir.path(), "2026-12-24", &["follow-up", "1"]));
    assert!(
        follow_up("2026-12-24").exists(),
        "once the answer is overdue"
    );
}

#[test]
fn a_case_only_written_cannot_be_confirmed_and_can_still_be_marked_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mut walk = nocard_at(&dir.path().join("home"));
    walk.current_dir(dir.path())
        .env("NOCARD_TODAY", "2026-11-25")
        .args(["deregister", "--operator", "telenor", "--answers"]);
    std::fs::write(dir.path().join("a.toml"), LETTER).unwrap();
    stdout_of(walk.arg("a.toml"));
    let err = stderr_of(&mut on(dir.path(), "2026-11-27", &["confirm", "1"]), 1);
    assert_eq!(
        err,
        "error: case 1 is written but not sent yet\nhint: if you have sent it, say so first: nocard status sent 1 (with --on DATE for the day it went out); then nocard status confirm 1\n"
    );
    assert_eq!(status_json(dir.path())[0]["state"], "written");
    stdout_of(&mut on(
        dir.path(),
        "2026-11-27",
        &["sent", "1", "--on", "2026-11-26"],
    ));
    let said = stdout_of(&mut on(dir.path(), "2026-11-27", &["confirm", "1"]));
    assert_eq!(said, "Case 1 is confirmed.\n");
}

#[test]
fn a_refusal_opens_the_way_to_the_board_and_the_operators_one_way_is_cited() {
    let dir = tempfile::tempdir().unwrap();
    let answers = "intent = \"cancel\"\npayer = \"private\"\nplan = \"postpaid\"\nsim = \"physical\"\nchannel = \"email\"\nphone = \"912 34 567\"\nname = \"Ola Nordmann\"\nsent = true\n";
    std::fs::write(dir.path().join("a.toml"), answers).unwrap();
    stdout_of(
        nocard_at(&dir.path().join("home"))
            .current_dir(dir.path())
            .env("NOCARD_TODAY", "2026-11-25")
            .args([
                "deregister",
                "--operator",
                "plussmobil",
                "--answers",
                "a.toml",
            ]),
    );
    assert!(
        dir.path()
            .join("nocard-plussmobil-2026-11-25-567.eml")
            .exists()
    );
    let said = stdout_of(&mut on(dir.path(), "2026-11-28", &["refused", "1"]));
    assert!(said.contains("turned down on 28 November 2026"), "{said}");
    stdout_of(&mut on(
        dir.path(),
        "2026-11-28",
        &["complain", "1", "--out", "klage.txt"],
    ));
    let complaint = std::fs::read_to_string(dir.path().join("klage.txt")).unwrap();
    assert!(
        complaint.contains("- 28. november 2026: PlussMobil avslo oppsigelsen."),
        "{complaint}"
    );
    assert!(
        !complaint.contains("Forbrukertilsynet"),
        "PlussMobil gives a phone number too: {complaint}"
    );
    // --out names a file that is there: refused, never replaced.
    let err = stderr_of(
        &mut on(
            dir.path(),
            "2026-11-28",
            &["complain", "1", "--out", "klage.txt"],
        ),
        1,
    );
    assert!(err.contains("klage.txt already exists"), "{err}");

    // Lycamobile's own pages give one way to cancel, by phone: Forbrukertilsynet is cited.
    let answers = answers
        .replace("email", "phone")
        .replace("912 34 567", "412 34 567");
    std::fs::write(dir.path().join("b.toml"), answers).unwrap();
    stdout_of(
        nocard_at(&dir.path().join("home"))
            .current_dir(dir.path())
            .env("NOCARD_TODAY", "2026-11-25")
            .args([
                "deregister",
                "--operator",
                "lycamobile",
                "--answers",
                "b.toml",
            ]),
    );
    stdout_of(&mut on(dir.path(), "2026-11-28", &["refused", "2"]));
    stdout_of(&mut on(
        dir.path(),
        "2026-11-28",
        &["complain", "2", "--out", "lyca.txt"],
    ));
    let complaint = std::fs::read_to_string(dir.path().join("lyca.txt")).unwrap();
    let complaint = complaint.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        complaint.contains("tar Lycamobile imot oppsigelser på én måte. Forbrukertilsynet mener"),
        "{complaint}"
    );
    assert!(
        complaint.contains("Oppsigelsen min av 25. november 2026, eller notatene mine"),
        "a call leaves notes, not a file: {complaint}"
    );
}

#[test]
fn the_calendar_has_an_all_day_event_for_each_date_to_come() {
    use icalendar::{CalendarComponent, Component as _, DatePerhapsTime};
    let dir = tempfile::tempdir().unwrap();
    send(dir.path(), SENT, "m1.txt").success();
    let out = stdout_of(&mut on(dir.path(), &today(), &["--format", "ics"]));
    let calendar: icalendar::Calendar = out.parse().unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|component| match component {
            CalendarComponent::Event(event) => Some(event),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 2, "{out}");
    let day = |days: i32| {
        let date = jiff::civil::Date::strptime("%Y-%m-%d", today())
            .unwrap()
            .checked_add(jiff::Span::new().days(days))
            .unwrap();
        chrono::NaiveDate::from_ymd_opt(
            i32::from(date.year()),
            u32::from(date.month().unsigned_abs()),
            u32::from(date.day().unsigned_abs()),
        )
        .unwrap()
    };
    assert_eq!(events[0].get_start(), Some(DatePerhapsTime::Date(day(7))));
    assert_eq!(events[0].get_end(), Some(DatePerhapsTime::Date(day(8))));
    assert!(
        events[0]
            .get_summary()
            .unwrap()
            .contains("follow up on cancellation case 1")
    );
    assert!(
        events[1]
            .get_uid()
            .unwrap()
            .starts_with("nocard-case-1-end@")
    );
    assert!(!out.contains("912"), "no phone number in a calendar");
}

fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

#[test]
fn an_empty_book_says_a_request_is_recorded_once_written_and_a_replaced_one_names_its_day() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, says) in [
        (
            "en",
            "once it has written your request, whether you have sent it yet or not",
        ),
        (
            "nb",
            "når henvendelsen din er skrevet, enten du har sendt den ennå eller ikke",
        ),
        ("zh", "写好您的请求时记录一条，无论您是否已经发送"),
    ] {
        let text = stdout_of(on(dir.path(), "2026-11-25", &[]).env("NOCARD_LANG", lang));
        assert!(text.contains(says), "{lang}: {text}");
    }

    // A letter written and not sent is recorded, as the empty book said.
    let walk = |today: &str| {
        let mut walk = nocard_at(&dir.path().join("home"));
        walk.current_dir(dir.path())
            .env("NOCARD_TODAY", today)
            .args([
                "deregister",
                "--operator",
                "telenor",
                "--force",
                "--answers",
                "a.toml",
            ]);
        walk
    };
    std::fs::write(dir.path().join("a.toml"), LETTER).unwrap();
    stdout_of(&mut walk("2026-11-25"));
    assert_eq!(status_json(dir.path())[0]["state"], "written");
    let again = stdout_of(&mut walk("2026-11-25"));
    assert!(
        again.contains("Case 1 for this number was written today and never sent"),
        "{again}"
    );
    let later = stdout_of(walk("2026-11-27").env("NOCARD_LANG", "zh"));
    assert!(
        later.contains("记录 1 于 2026年11月25日写好但从未发送"),
        "{later}"
    );
    let same_day = stdout_of(walk("2026-11-27").env("NOCARD_LANG", "zh"));
    assert!(same_day.contains("记录 1 今天写好但从未发送"), "{same_day}");
}

#[test]
fn a_prepaid_follow_up_asks_again_for_the_card_and_the_refund_without_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let answers = LETTER.replace("\"postpaid\"", "\"prepaid\"")
        + "balance = \"refund\"\naccount = \"1234.56.78903\"\nsent = true\n";
    std::fs::write(dir.path().join("a.toml"), answers).unwrap();
    stdout_of(
        nocard_at(&dir.path().join("home"))
            .current_dir(dir.path())
            .env("NOCARD_TODAY", "2026-11-25")
            .args(["deregister", "--operator", "telenor", "--answers", "a.toml"]),
    );
    let book = std::fs::read_to_string(dir.path().join("home/cases.toml")).unwrap();
    assert!(book.contains("refund = true"), "{book}");
    for account in ["1234.56.78903", "12345678903"] {
        assert!(!book.contains(account), "never the account: {book}");
    }

    let said = stdout_of(&mut on(dir.path(), "2026-12-03", &["follow-up", "1"]));
    assert!(said.contains("I cancelled my prepaid card"), "{said}");
    let letter = std::fs::read_to_string(
        dir.path()
            .join("nocard-telenor-2026-12-03-567-follow-up.txt"),
    )
    .unwrap()
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ");
    assert!(
        letter.contains("sa jeg opp kontantkortet mitt med mobilnummer +47 912 34 567"),
        "{letter}"
    );
    assert!(
        letter.contains(
            "I oppsigelsen ba jeg også om at gjenværende saldo utbetales til kontoen jeg oppga der"
        ),
        "{letter}"
    );
    assert!(!letter.contains("1234.56.78903"), "{letter}");
}

/// After the operator said no, a follow-up would say no answer came: the complaint is next,
/// and that is what nocard says.
#[test]
fn a_refused_case_is_not_followed_up_but_taken_to_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    std::fs::write(&answers, SENT).unwrap();
    nocard_at(&dir.path().join("home"))
        .current_dir(dir.path())
        .env("NOCARD_TODAY", "2026-11-25")
        .args(["deregister", "--operator", "telenor", "--answers"])
        .arg(&answers)
        .assert()
        .success();
    on(dir.path(), "2026-11-27", &["refused", "1"])
        .assert()
        .success();
    let err = stderr_of(&mut on(dir.path(), "2026-12-20", &["follow-up", "1"]), 1);
    assert!(
        err.contains("error: Telenor turned case 1 down on 27 November 2026"),
        "{err}"
    );
    assert!(
        err.contains("hint: what comes after a refusal is the complaint"),
        "{err}"
    );
    assert!(err.contains("nocard status complain 1"), "{err}");
}
